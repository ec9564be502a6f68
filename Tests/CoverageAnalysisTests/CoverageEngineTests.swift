import Accessibility
@testable import CoverageAnalysis
import Foundation
import GeosGeometry
import Projection
import Testing
import GeoCore
import TestSupport

let l93 = CoordinateKind.projected(crs: "EPSG:2154")

func squareCommune(_ x0: Double, _ y0: Double, _ size: Double) throws -> Geometry {
    try Geometry.polygon([[XY(x0, y0), XY(x0 + size, y0), XY(x0 + size, y0 + size), XY(x0, y0 + size), XY(x0, y0)]], kind: l93)
}

/// Area of the 4q-gon GEOS uses for a disc of radius r (vertices on the circle).
func discPolygonArea(radius: Double, quadrantSegments: Int = 16) -> Double {
    let n = Double(4 * quadrantSegments)
    return 0.5 * n * radius * radius * sin(2 * .pi / n)
}

@Suite struct CoverageEngineTests {
    /// A 10 km square commune with a lieu at its corner and a 5 km threshold: a quarter of the disc
    /// polygon (its vertices lie on both axes) is inside, so the share is known exactly.
    @Test func squareWithLieuAtCorner() throws {
        let commune = try squareCommune(0, 0, 10_000)
        let territory = try ProjectedTerritory.metric(crs: .lambert93, geometries: [commune], lieuPoints: [XY(0, 0)])
        let engine = try CoverageEngine(territory: territory, radiiMetres: [5_000, 20_000], mainThreshold: 0, quadrantSegments: 16)
        let result = try engine.run()[0]
        let quarter = discPolygonArea(radius: 5_000) / 4
        #expect(abs(result.coveredAreaSquareMetres[0] - quarter) < 1e-3)
        // At 20 km every vertex is within the inscribed circle: wholly covered.
        #expect(result.coveredAreaSquareMetres[1] == 1e8)
        // Point-on-surface of the square is its centre.
        #expect(territory.representativePoints[0] == XY(5_000, 5_000))
        #expect(abs(result.nearestMeasure - 5_000 * 2.0.squareRoot()) < 1e-6)
        #expect(result.lieuxWithin == [0, 1])
        #expect(result.catchmentPieces.count == 1 && abs(result.catchmentPieces[0].areaSquareMetres - quarter) < 1e-3)
        let white = try #require(result.whitePiece)
        #expect(abs(try white.area() - (1e8 - quarter)) < 1e-3)
        #expect(CoverageClass(share: result.coveredAreaSquareMetres[0] / 1e8) == .partlyCovered)
    }

    /// Two lieux on the mid-line of a 20 × 10 km rectangle: the Voronoi bisector splits it in two halves.
    @Test func serviceAreasSplitAtTheBisector() throws {
        let commune = try Geometry.polygon([[XY(0, 0), XY(20_000, 0), XY(20_000, 10_000), XY(0, 10_000), XY(0, 0)]], kind: l93)
        let territory = try ProjectedTerritory.metric(crs: .lambert93, geometries: [commune],
                                                      lieuPoints: [XY(5_000, 5_000), XY(15_000, 5_000)])
        let engine = try CoverageEngine(territory: territory, radiiMetres: [1_000], mainThreshold: 0, quadrantSegments: 16)
        let result = try engine.run()[0]
        #expect(result.servicePieces.map(\.lieu) == [0, 1])
        for piece in result.servicePieces { #expect(abs(piece.areaSquareMetres - 1e8) < 1e-3) }
        // Two disjoint 1 km discs inside: covered area is exactly twice the disc polygon.
        #expect(abs(result.coveredAreaSquareMetres[0] - 2 * discPolygonArea(radius: 1_000)) < 1e-3)
        #expect(result.lieuxWithin == [0])
    }

    /// Far communes are white zones; a commune inside a disc is covered; overlapping discs count once.
    @Test func classesAndOverlaps() throws {
        let near = try squareCommune(-1_000, -1_000, 2_000)      // inside a 5 km disc
        let far = try squareCommune(100_000, 0, 1_000)            // 95 km from any lieu
        let overlapped = try squareCommune(-2_000, -2_000, 4_000) // covered by both discs
        let territory = try ProjectedTerritory.metric(crs: .lambert93, geometries: [near, far, overlapped],
                                                      lieuPoints: [XY(0, 0), XY(1_000, 0)])
        let engine = try CoverageEngine(territory: territory, radiiMetres: [5_000], mainThreshold: 0, quadrantSegments: 16)
        let results = try engine.run()
        #expect(results[0].coveredAreaSquareMetres == [4e6] && results[0].whitePiece == nil)
        #expect(results[1].coveredAreaSquareMetres == [0] && results[1].catchmentPieces.isEmpty)
        #expect(abs(try results[1].whitePiece!.area() - 1e6) < 1e-6)
        #expect(abs(results[1].nearestMeasure - hypot(100_500 - 1_000, 500)) < 1e-6)
        #expect(results[2].coveredAreaSquareMetres == [16e6])
        #expect(results[2].catchmentPieces.count == 2)
        #expect(results[2].lieuxWithin == [2])
    }

    /// Lieux at one point are merged into the first of them, which counts them all; the engine then
    /// builds one disc per point and counts every lieu within reach, as the unmerged territory does.
    @Test func coincidentLieuxAreMergedAndCounted() throws {
        let near = try squareCommune(-1_000, -1_000, 2_000)
        let overlapped = try squareCommune(-2_000, -2_000, 4_000)
        let points = [XY(0, 0), XY(1_000, 0), XY(0, 0), XY(8_000, 0), XY(1_000, 0), XY(0, 0)]
        let territory = try ProjectedTerritory.metric(crs: .lambert93, geometries: [near, overlapped], lieuPoints: points)
        let (merged, coincident) = territory.mergingCoincidentLieux()
        #expect(merged.lieuIndices == [0, 1, 3] && merged.lieuPoints == [XY(0, 0), XY(1_000, 0), XY(8_000, 0)])
        #expect(merged.lieuCounts == [3, 2, 1])
        #expect(coincident.all(0) == [0, 2, 5] && coincident.all(1) == [1, 4] && coincident.all(3) == [3])
        // Merging twice changes nothing; a territory without duplicates is returned as it is.
        #expect(merged.mergingCoincidentLieux().territory.lieuCounts == [3, 2, 1])
        #expect(merged.keepingLieux([2, 0]).lieuCounts == [1, 3])

        let radii = [1_500.0, 5_000, 9_000]
        let unmerged = try CoverageEngine(territory: territory, radiiMetres: radii, mainThreshold: 1, quadrantSegments: 16).run()
        let results = try CoverageEngine(territory: merged, radiiMetres: radii, mainThreshold: 1, quadrantSegments: 16).run()
        for (position, result) in results.enumerated() {
            // Counts by brute force over the six lieux, from the commune's representative point.
            let p = territory.representativePoints[position]
            let expected = radii.map { r in points.filter { hypot($0.x - p.x, $0.y - p.y) <= r }.count }
            #expect(result.lieuxWithin == expected)
            #expect(unmerged[position].lieuxWithin == expected)
            #expect(result.coveredAreaSquareMetres == unmerged[position].coveredAreaSquareMetres)
            #expect(result.nearestLieu == 0 && unmerged[position].nearestLieu == 0)
        }
        #expect(results[1].lieuxWithin == [5, 5, 6])
        #expect(results[1].catchmentPieces.map(\.lieu) == [0, 1])
    }

    @Test func invalidCommuneIsRepairedAndReported() throws {
        let bowTie = try Geometry.polygon([[XY(0, 0), XY(2_000, 2_000), XY(2_000, 0), XY(0, 2_000), XY(0, 0)]], kind: l93)
        let territory = try ProjectedTerritory.metric(crs: .lambert93, geometries: [bowTie], lieuPoints: [XY(0, 0)])
        #expect(territory.repairs.count == 1 && territory.repairs[0].reason.hasPrefix("Self-intersection"))
        #expect(territory.areasSquareMetres == [2e6])
    }
}

@Suite struct StatisticsTests {
    @Test func weightedQuantiles() {
        let values = [1.0, 2, 3, 4], weights = [1.0, 1, 1, 1]
        #expect(PopulationStatistics.quantile(0.5, values: values, populations: weights) == 2)
        #expect(PopulationStatistics.quantile(0.51, values: values, populations: weights) == 3)
        #expect(PopulationStatistics.quantile(1, values: values, populations: weights) == 4)
        // Population weights: 90 % live at distance 10.
        #expect(PopulationStatistics.quantile(0.5, values: [50, 10], populations: [10, 90]) == 10)
        #expect(PopulationStatistics.quantile(0.95, values: [50, 10], populations: [10, 90]) == 50)
        // Zero weights are ignored; no weight at all gives nil.
        #expect(PopulationStatistics.quantile(0.5, values: [1, 100], populations: [0, 5]) == 100)
        #expect(PopulationStatistics.quantile(0.5, values: [1], populations: [0]) == nil)
    }

    @Test func coverageClassesUseTolerance() {
        #expect(CoverageClass(share: 1) == .covered)
        #expect(CoverageClass(share: 0.9999995) == .covered)
        #expect(CoverageClass(share: 0.5) == .partlyCovered)
        #expect(CoverageClass(share: 0) == .whiteZone)
    }
}

@Suite struct ConvexClipTests {
    /// Arithmetic clipping gives the same areas as GEOS overlays (property over seeded random shapes,
    /// including non-convex rings with holes and multipolygons).
    @Test func clipAreaEqualsGEOSIntersection() throws {
        var generator = SeededGenerator(seed: 7)
        func next() -> Double { Double.random(in: 0..<1, using: &generator) }
        for _ in 0..<200 {
            // A star-shaped (non-convex) ring around a random centre, with a small square hole.
            let cx = next() * 100, cy = next() * 100
            let spikes = 5 + Int(next() * 10)
            var ring = (0..<(2 * spikes)).map { k -> XY in
                let angle = Double(k) * .pi / Double(spikes)
                let radius = k % 2 == 0 ? 20 + next() * 20 : 5 + next() * 10
                return XY(cx + radius * cos(angle), cy + radius * sin(angle))
            }
            ring.append(ring[0])
            let hole = [XY(cx - 2, cy - 2), XY(cx - 2, cy + 2), XY(cx + 2, cy + 2), XY(cx + 2, cy - 2), XY(cx - 2, cy - 2)]
            let polygon = try Geometry.polygon([ring, hole])
            let disc = try Geometry.point(XY(cx + next() * 40 - 20, cy + next() * 40 - 20)).buffer(5 + next() * 30, quadrantSegments: 16)
            let convex = CoverageEngine.convexRing(disc)
            let expected = try polygon.intersection(disc).area()
            let rings = RingSet(polygon.shape)
            #expect(abs(rings.areaInside(convex: convex) - expected) <= 1e-9 * max(1, expected))
            // Union of two discs by inclusion–exclusion.
            let other = try Geometry.point(XY(cx, cy + 10)).buffer(15, quadrantSegments: 16)
            let union = try polygon.intersection(try disc.union(other)).area()
            let byParts = rings.areaInside(union: [convex, CoverageEngine.convexRing(other)])
            #expect(abs(byParts - union) <= 1e-9 * max(1, union))
        }
    }
}
