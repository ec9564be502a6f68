import Foundation
import Testing
import TestSupport
import GeoCore
import GeoIO
import Projection
import PopulationGrid

/// Population from a GeoJSON layer of points or polygons, on the communes of the hand-made row and
/// kilometre cases (rectangles laid out in EPSG:3035 metres from a corner; see handmade_grids.py).
@Suite struct FeatureLayerTests {
    static func communes(_ name: String) throws -> (codes: [String], shapes: [Shape], origin: XY) {
        let spec = (try readJSON(SharedData.oracle("population/handmade_grids.json"))["cases"] as! [String: Any])[name] as! [String: Any]
        let collection = try GeoJSONReader.read(bytes: Array((spec["communesGeoJSON"] as! String).utf8), source: name)
        let origin = spec["originEPSG3035"] as! [Double]
        return (collection.features.map { $0.properties["code"]!.stringValue! }, collection.features.map { $0.geometry! },
                XY(origin[0], origin[1]))
    }

    static func lonLat(_ points: [XY], origin: XY) throws -> [XY] {
        var result = points.map { XY(origin.x + $0.x, origin.y + $0.y) }
        try Transformer(from: .epsg(3035), to: .wgs84).transform(&result)
        return result
    }

    /// Points go whole to the commune containing them; a point on the border of A and B (their shared
    /// vertex, relative (660, 20)) goes to A, the first in input order; a point in no commune is dropped.
    @Test func pointsGoToTheirCommune() throws {
        let (codes, shapes, origin) = try Self.communes("row")
        guard case .polygon(let rings) = shapes[0] else { Issue.record("A is not a polygon"); return }
        let sharedVertex = rings[0][1]   // (660, 20) written once in the GeoJSON, used by A and B
        let inside = try Self.lonLat([XY(100, 100), XY(700, 100), XY(1500, 100), XY(360, 760)], origin: origin)
        let points = inside + [sharedVertex]
        let people: [Double] = [10, 20, 3, 5, 7]
        let layer = FeatureCollection(features: zip(points, people).map {
            Feature(properties: ["ind": .number($1)], geometry: .point($0))
        })
        let grid = try PopulationGrid.read(features: layer, populationProperty: "ind", source: "points")
        let raw = try PopulationAllocation.allocate(grid: grid, communes: shapes, legalPopulation: nil)
        #expect(raw.communes.map(\.population) == [17, 20, 5, 0])
        #expect(raw.droppedCells == [2] && raw.droppedPopulation == 3)
        #expect(raw.communes[0].mainCentre == points[0])
        let legal = [100.0, 250, 45, 0]
        let scaled = try PopulationAllocation.allocate(grid: grid, communes: shapes, legalPopulation: legal)
        #expect(zip(scaled.communes.map(\.population), legal).allSatisfy { close($0, $1, relative: 1e-12) })
        #expect(scaled.fallbackCommunes.isEmpty)
        #expect(codes == ["99001", "99002", "99003", "99004"])
    }

    /// A polygon layer: the 1 km square of the kilometre case (edges densified) shared 700 / 150 by area.
    @Test func polygonsAreSharedByArea() throws {
        let (_, shapes, origin) = try Self.communes("km")
        var square: [XY] = []
        for (from, to) in [(XY(0, 0), XY(1000, 0)), (XY(1000, 0), XY(1000, 1000)), (XY(1000, 1000), XY(0, 1000)), (XY(0, 1000), XY(0, 0))] {
            for step in 0..<20 {
                let t = Double(step) / 20
                square.append(XY(from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)))
            }
        }
        square.append(square[0])
        let ring = try Self.lonLat(square, origin: origin)
        let layer = FeatureCollection(features: [Feature(properties: ["pop": .string("100")], geometry: .polygon([ring]))])
        let grid = try PopulationGrid.read(features: layer, populationProperty: "pop", source: "squares")
        let allocation = try PopulationAllocation.allocate(grid: grid, communes: shapes, legalPopulation: nil)
        #expect(close(allocation.communes[0].population, 100 * 700 / 850, relative: 1e-4))
        #expect(close(allocation.communes[1].population, 100 * 150 / 850, relative: 1e-4))
        // Areas are measured in the working CRS, Lambert-93 here (scale factor about 0.999 at 46° N).
        #expect(allocation.workingCRS == .lambert93)
        #expect(close(allocation.pieces[0].areaSquareMetres, 700_000, relative: 1e-2))
        #expect(allocation.droppedCells.isEmpty)
    }

    @Test func featureErrors() throws {
        let point = Shape.point(XY(2, 46))
        func failure(_ features: [Feature]) -> PopulationGridError? {
            do { _ = try PopulationGrid.read(features: FeatureCollection(features: features), populationProperty: "ind", source: "f"); return nil }
            catch { return error }
        }
        #expect(failure([Feature(properties: ["x": 1], geometry: point)]) == .missingProperty(source: "f", featureIndex: 0, property: "ind"))
        #expect(failure([Feature(properties: ["ind": -2], geometry: point)]) == .invalidFeaturePopulation(source: "f", featureIndex: 0, value: "-2"))
        #expect(failure([Feature(properties: ["ind": 2e8], geometry: point)])
                == .implausibleFeaturePopulation(source: "f", featureIndex: 0, value: "200000000", limit: 1e8))
        #expect(failure([Feature(properties: ["ind": 1], geometry: .lineString([XY(0, 0), XY(1, 1)]))])
                == .unsupportedGeometry(source: "f", featureIndex: 0, type: "LineString"))
        let square = Shape.polygon([[XY(0, 0), XY(1, 0), XY(1, 1), XY(0, 0)]])
        #expect(failure([Feature(properties: ["ind": 1], geometry: point), Feature(properties: ["ind": 1], geometry: square)])
                == .mixedGeometry(source: "f", featureIndex: 1))
    }
}
