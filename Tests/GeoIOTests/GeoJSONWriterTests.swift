import Foundation
import Testing
@testable import GeoIO
import TestSupport
import GeoCore

@Suite("GeoJSON writer")
struct GeoJSONWriterTests {
    let square = [XY(x: 0, y: 0), XY(x: 1, y: 0), XY(x: 1, y: 1), XY(x: 0, y: 1), XY(x: 0, y: 0)]

    @Test func writesMembersInFixedOrderOneFeaturePerLine() {
        let features = [
            Feature(id: "a", properties: ["nom": "Évry", "pop": 53_000, "ratio": 0.25, "ok": true, "none": nil],
                    geometry: .point(XY(x: 2.4491, y: 48.6238))),
            Feature(properties: [:], geometry: nil),
        ]
        let text = String(decoding: GeoJSONWriter().encode(features, foreignMembers: ["name": "test", "type": "ignored"]), as: UTF8.self)
        #expect(text == """
            {"type":"FeatureCollection","name":"test","features":[
            {"type":"Feature","id":"a","properties":{"nom":"Évry","pop":53000,"ratio":0.25,"ok":true,"none":null},\
            "geometry":{"type":"Point","coordinates":[2.4491,48.6238]}},
            {"type":"Feature","properties":{},"geometry":null}
            ]}

            """)
    }

    @Test func emptyCollection() {
        #expect(String(decoding: GeoJSONWriter().encode([]), as: UTF8.self) == "{\"type\":\"FeatureCollection\",\"features\":[\n]}\n")
    }

    @Test(arguments: [
        (1.0, "1"), (-0.0, "0"), (0.1234567, "0.123457"), (1e-7, "0"), (-4e-7, "0"), (-6e-7, "-0.000001"),
        (45.0000001, "45"), (-1.5, "-1.5"), (179.9999996, "180"), (5.54554, "5.54554"), (-12.000_01, "-12.00001"),
        (652_000.123_456_4, "652000.123456"), (1e17, "100000000000000000"),
    ])
    func coordinatesAreRoundedWithoutExponentOrTrailingZeros(value: Double, expected: String) {
        var output = JSONOutput()
        output.appendCoordinate(value, decimals: 6, scale: 1e6)
        #expect(String(decoding: output.bytes, as: UTF8.self) == expected)
    }

    @Test func decimalsOptionControlsRounding() {
        let bytes = GeoJSONWriter(decimals: 2).encode(Feature(geometry: .point(XY(x: 2.456, y: -0.001))))
        #expect(String(decoding: bytes, as: UTF8.self)
            == #"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[2.46,0]}}"#)
    }

    @Test(arguments: [(0.1, "0.1"), (1e-7, "1e-07"), (2.5e20, "2.5e+20"), (Double.nan, "null"), (123456789.0, "123456789"),
                      (1.0 / 3.0, "0.3333333333333333")])
    func otherNumbersUseShortestRoundTrip(value: Double, expected: String) {
        var output = JSONOutput()
        output.appendNumber(value)
        #expect(String(decoding: output.bytes, as: UTF8.self) == expected)
    }

    @Test func stringsAreEscaped() {
        var output = JSONOutput()
        output.appendString("a\"b\\c\nd\u{01}é😀/")
        #expect(String(decoding: output.bytes, as: UTF8.self) == #""a\"b\\c\nd\u0001é😀/""#)
    }

    @Test func exteriorRingsBecomeCounterClockwiseAndHolesClockwise() throws {
        let clockwiseExterior = Array(square.reversed())
        let hole = [XY(x: 0.2, y: 0.2), XY(x: 0.4, y: 0.2), XY(x: 0.4, y: 0.4), XY(x: 0.2, y: 0.2)]  // CCW
        let bytes = GeoJSONWriter().encode([Feature(geometry: .multiPolygon([[clockwiseExterior, hole], [square]]))])
        let geometry = try GeoJSONReader.read(bytes: bytes, source: "out").features[0].geometry
        guard case .multiPolygon(let polygons)? = geometry else {
            Issue.record("expected a MultiPolygon")
            return
        }
        #expect(polygons[0][0] == square)
        #expect(polygons[0][1] == Array(hole.reversed()))
        #expect(polygons[1][0] == square)
        #expect(PlanarRing.signedArea(square) == 1)
        #expect(PlanarRing.signedArea(hole.reversed()) < 0)
    }

    @Test func collapsedRingsAreKept() throws {
        let collapsed = [XY(x: 1, y: 1), XY(x: 1.0000001, y: 1), XY(x: 1, y: 1.0000001), XY(x: 1, y: 1)]
        let bytes = GeoJSONWriter().encode(Feature(geometry: .polygon([collapsed])))
        #expect(String(decoding: bytes, as: UTF8.self).hasSuffix(#""coordinates":[[[1,1],[1,1],[1,1],[1,1]]]}}"#))
    }

    @Test func geometryCollectionsAreWritten() {
        let bytes = GeoJSONWriter().encode(Feature(geometry: .collection([
            .lineString([XY(x: 0, y: 0), XY(x: 1, y: 1)]), .multiPoint([]),
        ])))
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"LineString","coordinates":[[0,0],[1,1]]},{"type":"MultiPoint","coordinates":[]}]}}"#)
    }

    @Test func sameInputGivesIdenticalBytes() throws {
        let collection = try GeoJSONReader.read(contentsOf: Fixtures.url("two-communes.geojson"))
        let first = GeoJSONWriter().encode(collection)
        let second = GeoJSONWriter().encode(try GeoJSONReader.read(contentsOf: Fixtures.url("two-communes.geojson")))
        #expect(first == second)
        // Writing what was written changes nothing: the output is canonical.
        #expect(GeoJSONWriter().encode(try GeoJSONReader.read(bytes: first, source: "out")) == first)
    }

    @Test func fixtureRoundTripsThroughTheWriter() throws {
        let collection = try GeoJSONReader.read(contentsOf: Fixtures.url("two-communes.geojson"))
        let reread = try GeoJSONReader.read(bytes: GeoJSONWriter().encode(collection), source: "out")
        #expect(reread.foreignMembers == collection.foreignMembers)
        try expectSameFeatures(reread.features, collection.features, tolerance: 1e-6, ignoringWinding: true)
    }

    @Test(.needsSharedData)
    func corsicanCommunesRoundTrip() throws {
        for file in ["2A-corse-du-sud.geojson", "2B-haute-corse.geojson"] {
            let collection = try GeoJSONReader.read(contentsOf: SharedData.url("communes/\(file)"))
            let written = GeoJSONWriter().encode(collection)
            let reread = try GeoJSONReader.read(bytes: written, source: file)
            try expectSameFeatures(reread.features, collection.features, tolerance: 1e-6, ignoringWinding: true)
        }
    }
}

/// Same ids, properties and geometry kinds, positions within `tolerance`; with `ignoringWinding`
/// a ring may be the reverse of the expected one.
func expectSameFeatures(_ actual: [Feature], _ expected: [Feature], tolerance: Double, ignoringWinding: Bool) throws {
    try #require(actual.count == expected.count)
    for (index, (got, want)) in zip(actual, expected).enumerated() {
        #expect(got.id == want.id, "feature \(index)")
        #expect(got.properties == want.properties, "feature \(index)")
        #expect(sameGeometry(got.geometry, want.geometry, tolerance: tolerance, ignoringWinding: ignoringWinding),
                "feature \(index) geometry differs")
    }
}

func sameGeometry(_ lhs: Shape?, _ rhs: Shape?, tolerance: Double, ignoringWinding: Bool) -> Bool {
    func close(_ a: [XY], _ b: [XY]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0.x - $1.x) <= tolerance && abs($0.y - $1.y) <= tolerance }
    }
    func ring(_ a: [XY], _ b: [XY]) -> Bool {
        close(a, b) || (ignoringWinding && close(a, b.reversed()))
    }
    func rings(_ a: [[XY]], _ b: [[XY]]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { ring($0, $1) }
    }
    switch (lhs, rhs) {
    case (nil, nil): return true
    case (.point(let a)?, .point(let b)?): return close([a], [b])
    case (.multiPoint(let a)?, .multiPoint(let b)?), (.lineString(let a)?, .lineString(let b)?): return close(a, b)
    case (.multiLineString(let a)?, .multiLineString(let b)?): return a.count == b.count && zip(a, b).allSatisfy { close($0, $1) }
    case (.polygon(let a)?, .polygon(let b)?): return rings(a, b)
    case (.multiPolygon(let a)?, .multiPolygon(let b)?): return a.count == b.count && zip(a, b).allSatisfy { rings($0, $1) }
    case (.collection(let a)?, .collection(let b)?):
        return a.count == b.count && zip(a, b).allSatisfy { sameGeometry($0, $1, tolerance: tolerance, ignoringWinding: ignoringWinding) }
    default: return false
    }
}
