import Foundation
import Testing
@testable import GeoIO
import TestSupport
import GeoCore

@Suite("GeoJSON reader errors")
struct GeoJSONReaderErrorTests {
    @Test func syntaxErrorGivesLineAndColumn() {
        let text = "{\"type\":\"FeatureCollection\",\n\"features\":[\n  {\"type\":\"Feature\" \"geometry\":null}]}"
        let error = geoIOError { try readGeoJSON(text) }
        #expect(error == .invalidJSON(source: "test.geojson", line: 3, column: 21, message: "expected ',' or '}', found '\"'"))
        #expect(error?.description == "test.geojson: invalid JSON at line 3, column 21: expected ',' or '}', found '\"' — fix the file or export it again")
    }

    @Test(arguments: ["", "{", "{\"type\":\"Point\",\"coordinates\":[1,2]} x", "[1,2]", "{\"a\":01}", "{\"a\":\"\u{01}\"}",
                      "{\"a\":1.}", "{\"a\":-}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":[1,]}"])
    func rejectsInvalidJSON(text: String) {
        let error = geoIOError { try readGeoJSON(text) }
        guard case .invalidJSON? = error else {
            Issue.record("expected invalidJSON for \(text), got \(String(describing: error))")
            return
        }
    }

    @Test func syntaxErrorColumnCountsCharactersNotBytes() {
        let error = geoIOError { try readGeoJSON("{\"é\":1 2}") }
        #expect(error == .invalidJSON(source: "test.geojson", line: 1, column: 8, message: "expected ',' or '}', found '2'"))
    }

    @Test func ringNotClosedNamesFeatureAndCode() {
        let text = #"""
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"code":"01001"},"geometry":{"type":"Point","coordinates":[5,45]}},
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[5,45],[6,45],[6,46],[5,45.5]]]},"properties":{"code":"01033","nom":"Valserhône"}}]}
        """#
        let error = geoIOError { try readGeoJSON(text) }
        #expect(error == .invalidGeometry(source: "test.geojson", featureIndex: 1, featureLabel: "code 01033",
                                          problem: .ringNotClosed(polygon: nil, ring: 0)))
        #expect(error?.description
            == "test.geojson feature 1 (code 01033): polygon ring 0 is not closed (first and last positions differ) — fix the file")
    }

    @Test(arguments: [
        (#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}"#, GeometryProblem.ringTooShort(polygon: nil, ring: 0, positionCount: 3)),
        (#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[0,0],[1,0],[1,1],[0,1]]]]}"#,
         .ringNotClosed(polygon: 1, ring: 0)),
        (#"{"type":"LineString","coordinates":[[0,0]]}"#, .lineStringTooShort(part: nil, positionCount: 1)),
        (#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2]]]}"#, .lineStringTooShort(part: 1, positionCount: 1)),
        (#"{"type":"Point","coordinates":[1]}"#, .positionTooShort(numberCount: 1)),
        (#"{"type":"LineString","coordinates":[[0,0],[]]}"#, .positionTooShort(numberCount: 0)),
        (#"{"type":"Circle","coordinates":[1,2]}"#, .unknownType("Circle")),
        (#"{"type":"GeometryCollection","geometries":[{"type":"Curve","coordinates":[1,2]}]}"#, .unknownType("Curve")),
        (#"{"type":"Polygon","coordinates":[[0,0],[1,1]]}"#, .wrongNesting(type: "Polygon", expected: "an array of rings [[[x, y], …], …]")),
        (#"{"type":"Point"}"#, .missingCoordinates(type: "Point")),
        (#"{"type":"Point","coordinates":null}"#, .missingCoordinates(type: "Point")),
        (#"{"type":"Point","coordinates":[]}"#, .wrongNesting(type: "Point", expected: "one position [x, y]")),
        (#"{"type":"Point","coordinates":[652000.5,6862000]}"#, .outOfLonLatRange(x: 652000.5, y: 6862000)),
        (#"{"type":"Point","coordinates":[2,90.5]}"#, .outOfLonLatRange(x: 2, y: 90.5)),
    ])
    func reportsGeometryProblems(text: String, problem: GeometryProblem) {
        let wrapped = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"f1","properties":{},"geometry":\#(text)}]}"#
        let error = geoIOError { try readGeoJSON(wrapped) }
        #expect(error == .invalidGeometry(source: "test.geojson", featureIndex: 0, featureLabel: "id f1", problem: problem))
    }

    @Test func coordinatesThatAreNotAnArrayAreReported() {
        let error = geoIOError { try readGeoJSON(#"{"type":"Point","coordinates":"1,2"}"#) }
        #expect(error == .notGeoJSON(source: "test.geojson", featureIndex: nil, message: "\"coordinates\" must be an array"))
    }

    @Test func deepNestingIsASyntaxErrorNotACrash() {
        let deep = String(repeating: "[", count: 100_000)
        for text in [#"{"type":"Point","coordinates":\#(deep)}"#, #"{"type":"Feature","properties":{"a":\#(deep)}}"#] {
            let error = geoIOError { try readGeoJSON(text) }
            guard case .invalidJSON(_, 1, _, let message)? = error else {
                Issue.record("expected invalidJSON, got \(String(describing: error))")
                continue
            }
            #expect(message.hasPrefix("expected at most 512 nested arrays and objects") || message.hasPrefix("expected coordinates nested"))
        }
    }

    @Test func unknownTopLevelGeometryTypeIsReported() {
        let error = geoIOError { try readGeoJSON(#"{"type":"Circle","coordinates":[1,2]}"#) }
        #expect(error == .notGeoJSON(source: "test.geojson", featureIndex: nil, message: "unknown top-level type \"Circle\""))
    }

    @Test func projectedCoordinatesMessageSuggestsReprojection() {
        let error = geoIOError { try readGeoJSON(#"{"type":"Feature","properties":{"code":"75056"},"geometry":{"type":"Point","coordinates":[652000,6862000]}}"#) }
        #expect(error?.description == "test.geojson feature 0 (code 75056): position (652000, 6862000) is outside longitude/latitude range "
            + "and looks like projected metres (e.g. Lambert-93, EPSG:2154) — GeoJSON must be WGS84 longitude/latitude (RFC 7946): "
            + "reproject the file, e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`")
    }

    @Test func rangeCheckCanBeDisabled() throws {
        let options = GeoJSONReadOptions(checkLonLatRange: false)
        let collection = try readGeoJSON(#"{"type":"Point","coordinates":[652000,6862000]}"#, options: options)
        #expect(collection.features[0].geometry == .point(XY(x: 652000, y: 6862000)))
    }

    @Test func legacyProjectedCRSIsRejected() {
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::2154"}},"features":[]}"#
        let error = geoIOError { try readGeoJSON(text) }
        #expect(error == .unsupportedCRS(source: "test.geojson", name: "urn:ogc:def:crs:EPSG::2154"))
        #expect(error?.description.contains("urn:ogc:def:crs:EPSG::2154") == true)
    }

    @Test(arguments: ["urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326"])
    func legacyWGS84CRSIsAccepted(name: String) throws {
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"\#(name)"}},"features":[]}"#
        #expect(try readGeoJSON(text).features.isEmpty)
    }

    @Test func featureWithWrongTypeIsReported() {
        let error = geoIOError { try readGeoJSON(#"{"type":"FeatureCollection","features":[{"type":"Point","coordinates":[1,2]}]}"#) }
        #expect(error == .notGeoJSON(source: "test.geojson", featureIndex: 0, message: "type is \"Point\", expected \"Feature\""))
    }

    @Test func missingFileIsReported() {
        let error = geoIOError { try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: "/nonexistent/x.geojson")) }
        #expect(error?.description == "cannot read /nonexistent/x.geojson: No such file or directory — check the path and permissions")
        let folder = geoIOError { try GeoJSONReader.read(contentsOf: Fixtures.url("")) }
        #expect(folder?.description.contains("Fixtures: is a folder, not a file — give the path of a GeoJSON file saved on disk") == true)
    }
}
