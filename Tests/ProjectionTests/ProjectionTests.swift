import Foundation
import GeosGeometry
import Projection
import Testing
import GeoCore
import TestSupport

@Suite struct TransformerTests {
    /// The Lambert-93 projection origin (3°E, 46°30'N) maps to the false easting/northing by definition.
    @Test func lambert93OriginIsExact() throws {
        let xy = try Transformer(from: .wgs84, to: .lambert93).transform(XY(3, 46.5))
        #expect(abs(xy.x - 700_000) < 0.01 && abs(xy.y - 6_600_000) < 0.01)
    }

    struct ReferencePoint: Decodable { let epsg: Int; let place: String; let lon, lat, x, y: Double }

    /// Reference points computed independently by pyproj (oracle/geometry/projection_points.py), within 1 cm.
    @Test func referencePointsMatchPyproj() throws {
        let data = try Data(contentsOf: SharedData.oracle("geometry/projection_points.json"))
        let points = try JSONDecoder().decode([ReferencePoint].self, from: data)
        #expect(points.count == 12)
        for point in points {
            let xy = try Transformer(from: .wgs84, to: .epsg(point.epsg)).transform(XY(point.lon, point.lat))
            #expect(abs(xy.x - point.x) < 0.01 && abs(xy.y - point.y) < 0.01, "\(point.place) EPSG:\(point.epsg)")
        }
    }

    /// WGS84 → Lambert-93 → WGS84 returns every point within 1 mm (checked in metres).
    @Test func roundTripWithinOneMillimetre() throws {
        let forward = try Transformer(from: .wgs84, to: .lambert93)
        let inverse = try Transformer(from: .lambert93, to: .wgs84)
        var points: [XY] = []
        for i in 0..<50 { for j in 0..<50 { points.append(XY(-5 + Double(i) * 0.3, 41.3 + Double(j) * 0.2)) } }
        var projected = points
        try forward.transform(&projected)
        var back = projected
        try inverse.transform(&back)
        var again = back
        try forward.transform(&again)
        for index in points.indices {
            // 1e-8 degree is about 1 mm; compare both in degrees and in metres.
            #expect(abs(back[index].x - points[index].x) < 1e-8 && abs(back[index].y - points[index].y) < 1e-8)
            let metres = hypot(again[index].x - projected[index].x, again[index].y - projected[index].y)
            #expect(metres < 0.001)
        }
        #expect(inverse.targetIsGeographic && !forward.targetIsGeographic)
    }

    @Test func separateArraysMatchInterleaved() throws {
        let transformer = try Transformer(from: .wgs84, to: .lambert93)
        var xs = [2.35, -1.55, 9.45], ys = [48.85, 47.21, 42.70]
        var points = zip(xs, ys).map { XY($0, $1) }
        try transformer.transform(xs: &xs, ys: &ys)
        try transformer.transform(&points)
        #expect(points == zip(xs, ys).map { XY($0, $1) })
    }

    @Test func geometryIsTransformedWholeAndTagged() throws {
        let lonLat = try Geometry.polygon([[XY(2, 48), XY(2.1, 48), XY(2.1, 48.1), XY(2, 48.1), XY(2, 48)]], kind: .geographic)
        let transformer = try Transformer(from: .wgs84, to: .lambert93)
        let projected = try Geometry.make(try transformer.transform(lonLat.shape), kind: transformer.targetKind)
        #expect(projected.kind == .projected(crs: "EPSG:2154"))
        // About 7.45 km × 11.1 km at 48°N.
        let area = try projected.area()
        #expect(area > 8.2e7 && area < 8.4e7)
        // Corner check against a separately transformed point.
        let corner = try transformer.transform(XY(2, 48))
        guard case .polygon(let rings) = projected.shape else { Issue.record("not a polygon"); return }
        #expect(rings[0][0] == corner)
        #expect(throws: GeometryError.self) { try lonLat.area() }
    }

    @Test func errorsAreClear() throws {
        #expect(throws: ProjectionError.self) { try Transformer(from: .epsg(999_999), to: .wgs84) }
        let error = ProjectionError.unknownCRS(definition: "EPSG:999999", message: "x")
        #expect(error.description.contains("EPSG:999999"))
        // Latitude 95° is outside WGS84's domain.
        #expect(throws: ProjectionError.self) { try Transformer(from: .wgs84, to: .lambert93).transform(XY(2, 95)) }
    }
}

@Suite struct TerritoryCRSTests {
    @Test(arguments: [("33", 2154), ("2A", 2154), ("2B", 2154), ("01", 2154), ("95", 2154), ("971", 5490),
                      ("972", 5490), ("973", 2972), ("974", 2975), ("976", 4471)])
    func departementCRS(code: String, epsg: Int) {
        #expect(TerritoryCRS.forDepartement(code)?.epsgCode == epsg)
    }

    @Test func unknownDepartementsAndPoints() {
        #expect(TerritoryCRS.forDepartement("20") == nil)
        #expect(TerritoryCRS.forDepartement("96") == nil)
        #expect(TerritoryCRS.forDepartement("ZZ") == nil)
        #expect(TerritoryCRS.departement(ofCommune: "97411") == "974")
        #expect(TerritoryCRS.departement(ofCommune: "2A004") == "2A")
        #expect(TerritoryCRS.forLonLat(longitude: 2.35, latitude: 48.85) == .lambert93)
        #expect(TerritoryCRS.forLonLat(longitude: 55.45, latitude: -20.88) == .epsg(2975))
        // Elsewhere: the WGS84 UTM zone (Berlin: 33N; Sydney: 56S).
        #expect(TerritoryCRS.forLonLat(longitude: 13.4, latitude: 52.5) == .epsg(32633))
        #expect(TerritoryCRS.forLonLat(longitude: 151.2, latitude: -33.9) == .epsg(32756))
    }
}
