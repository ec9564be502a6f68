import Foundation
import Testing
@testable import GeoIO
import TestSupport
import GeoCore

@Suite("GeoJSON reader")
struct GeoJSONReaderTests {
    @Test func readsFixtureCollectionWithTypesOrderAndForeignMembers() throws {
        let collection = try GeoJSONReader.read(contentsOf: Fixtures.url("two-communes.geojson"))
        #expect(collection.features.count == 3)
        #expect(collection.foreignMembers.keys == ["name", "crs"])
        #expect(collection.foreignMembers["name"] == "communes-test")
        #expect(collection.featuresWithoutGeometry == 1)
        #expect(collection.indexesOfFeaturesWithoutGeometry == [2])

        let first = collection.features[0]
        #expect(first.id == nil)
        #expect(first.properties.keys == ["code", "nom", "population", "tags"])
        #expect(first.properties["nom"] == "L'Abergement-Clémenciat")
        #expect(first.properties["population"] == .number(779))
        #expect(first.properties["tags"] == ["a", ["b": nil]])
        #expect(first.geometry == .polygon([[
            XY(x: 5.0, y: 45.0), XY(x: 5.1, y: 45.0), XY(x: 5.1, y: 45.1), XY(x: 5.0, y: 45.0),
        ]]))

        let second = collection.features[1]
        #expect(second.id == .number(7))
        guard case .multiPolygon(let polygons)? = second.geometry else {
            Issue.record("expected a MultiPolygon, got \(String(describing: second.geometry))")
            return
        }
        #expect(polygons.map(\.count) == [2, 1])
        #expect(polygons[0][1][2] == XY(x: 8.74, y: 41.94))
        #expect(collection.features[2].properties.isEmpty)
    }

    @Test(arguments: [
        (#"{"type":"Point","coordinates":[1.5,-2.25,100]}"#, Shape.point(XY(x: 1.5, y: -2.25))),
        (#"{"type":"MultiPoint","coordinates":[[1,2],[3,4]]}"#, .multiPoint([XY(x: 1, y: 2), XY(x: 3, y: 4)])),
        (#"{"type":"LineString","coordinates":[[1,2],[3,4]]}"#, .lineString([XY(x: 1, y: 2), XY(x: 3, y: 4)])),
        (#"{"type":"MultiLineString","coordinates":[[[1,2],[3,4]],[]]}"#, .multiLineString([[XY(x: 1, y: 2), XY(x: 3, y: 4)], []])),
        (#"{"type":"Polygon","coordinates":[]}"#, .polygon([])),
        (#"{"type":"MultiPolygon","coordinates":[[],[[[0,0],[1,0],[1,1],[0,0]]]]}"#,
         .multiPolygon([[], [[XY(x: 0, y: 0), XY(x: 1, y: 0), XY(x: 1, y: 1), XY(x: 0, y: 0)]]])),
        (#"{"coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"type":"Polygon"}"#,
         .polygon([[XY(x: 0, y: 0), XY(x: 1, y: 0), XY(x: 1, y: 1), XY(x: 0, y: 0)]])),
        (#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"GeometryCollection","geometries":[]}]}"#,
         .collection([.point(XY(x: 1, y: 2)), .collection([])])),
    ])
    func readsEveryGeometryTypeAsBareGeometry(text: String, expected: Shape) throws {
        let collection = try readGeoJSON(text)
        #expect(collection.features.count == 1)
        #expect(collection.features[0].geometry == expected)
    }

    @Test func readsSingleFeature() throws {
        let collection = try readGeoJSON(#"{"type":"Feature","id":"a1","properties":{"k":true},"geometry":{"type":"Point","coordinates":[2,48]}}"#)
        #expect(collection.features.count == 1)
        #expect(collection.features[0].id == "a1")
        #expect(collection.features[0].properties["k"] == true)
        #expect(collection.features[0].geometry == .point(XY(x: 2, y: 48)))
    }

    @Test func collectionKeepsForeignPropertiesAndIdButNotBbox() throws {
        let text = "\u{FEFF}" + #"{"type":"FeatureCollection","id":"run-1","bbox":[0,0,1,1],"properties":{"k":1},"features":[]}"#
        let collection = try readGeoJSON(text)
        #expect(collection.foreignMembers == ["id": "run-1", "properties": ["k": 1]])
    }

    @Test func decodesStringEscapesAndSurrogatePairs() throws {
        let text = #"{"type":"Feature","geometry":null,"properties":{"s":"a\"b\\c\/d\n\t\u00e9\ud83d\ude00\u0041","u":"Évry"}}"#
        let properties = try readGeoJSON(text).features[0].properties
        #expect(properties["s"] == .string("a\"b\\c/d\n\té😀A"))
        #expect(properties["u"] == "Évry")
    }

    @Test(arguments: ["0.1", "5.54554", "45.71359", "-0.000001", "1e-7", "123456789.123456789", "1.7976931348623157e308",
                      "4.9e-324", "0.30000000000000004", "9007199254740993", "2.2250738585072011e-308", "-12.5E+3",
                      "3.141592653589793238462643383279"])
    func parsesNumbersWithCorrectRounding(token: String) throws {
        let properties = try readGeoJSON(#"{"type":"Feature","geometry":null,"properties":{"n":\#(token)}}"#).features[0].properties
        #expect(properties["n"] == .number(Double(token)!))
    }

    @Test func coordinatesAreCorrectlyRounded() throws {
        let geometry = try readGeoJSON(#"{"type":"Point","coordinates":[5.58065,-45.738880000000001]}"#).features[0].geometry
        #expect(geometry == .point(XY(x: Double("5.58065")!, y: Double("-45.738880000000001")!)))
    }

    @Test func stringValueFormatsIntegralNumbersWithoutFraction() {
        #expect(JSONValue.number(1053).stringValue == "1053")
        #expect(JSONValue.number(-0.0).stringValue == "0")
        #expect(JSONValue.number(2.5).stringValue == "2.5")
        #expect(JSONValue.string("01053").stringValue == "01053")
        #expect(JSONValue.bool(true).stringValue == nil)
        #expect(JSONValue.string(" 12.5 ").doubleValue == 12.5)
        #expect(JSONValue.null.doubleValue == nil)
        #expect(JSONValue.string("nan").doubleValue == nil)
        #expect(JSONValue.string("-1.5e3").doubleValue == -1500)
    }

    @Test func jsonObjectSubscriptKeepsOrder() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["b"] = "x"
        object["c"] = 3
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(object["b"] == "x")
    }
}
