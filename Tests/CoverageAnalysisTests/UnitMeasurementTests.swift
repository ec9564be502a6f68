import Accessibility
@testable import CoverageAnalysis
import Foundation
import GeoCore
import GeosGeometry
import PopulationGrid
import Testing
import TestSupport

/// The fast paths of the population units' measurement against exhaustive computations.
@Suite struct UnitMeasurementTests {
    /// Lieux on a coarse integer lattice (many exact ties) and scattered, query points inside and far
    /// outside their box: the bucket grid gives the exhaustive nearest (lowest index among equals)
    /// and the exhaustive set within a radius.
    @Test(arguments: [1, 2, 7, 300]) func bucketsMatchExhaustiveSearch(lieuCount: Int) {
        var random = SeededGenerator(seed: UInt64(lieuCount))
        var lieux: [XY] = []
        for k in 0..<lieuCount {
            lieux.append(k % 3 == 0 ? XY(Double(Int.random(in: 0...20, using: &random)) * 1_000, Double(Int.random(in: 0...10, using: &random)) * 1_000)
                                    : XY(Double.random(in: 0...20_000, using: &random), Double.random(in: 0...10_000, using: &random)))
        }
        if lieuCount > 2 { lieux[lieuCount - 1] = lieux[0] }  // a duplicate: the lower index wins
        let radius = 2_500.0
        let buckets = LieuBuckets(points: lieux, cellSize: LieuBuckets.cellSize(for: lieux, radius: radius))
        func exhaustiveDistance(_ lieu: Int, _ p: XY) -> Double {
            let dx = lieux[lieu].x - p.x, dy = lieux[lieu].y - p.y
            return (dx * dx + dy * dy).squareRoot()
        }
        for q in 0..<3_000 {
            let p = q % 10 == 0 ? XY(Double.random(in: -80_000...100_000, using: &random), Double.random(in: -80_000...90_000, using: &random))
                : q % 2 == 0 ? XY(Double(Int.random(in: -2...42, using: &random)) * 500, Double(Int.random(in: -2...22, using: &random)) * 500)
                : XY(Double.random(in: -1_000...21_000, using: &random), Double.random(in: -1_000...11_000, using: &random))
            var best = 0
            for lieu in lieux.indices where exhaustiveDistance(lieu, p) < exhaustiveDistance(best, p) { best = lieu }
            let found = buckets.nearest(to: p)
            #expect(found?.item == best && found?.distance == exhaustiveDistance(best, p), "query \(p)")
            var within: [Int] = []
            buckets.forEach(within: radius, of: p) { within.append($0) }
            #expect(within.sorted() == lieux.indices.filter { exhaustiveDistance($0, p) <= radius }, "query \(p)")
        }
        #expect(LieuBuckets(points: [], cellSize: 1).nearest(to: XY(0, 0)) == nil)
    }

    /// Points on a line (a box of no area) keep a bounded number of cells.
    @Test func bucketsOfCollinearPoints() {
        let lieux = (0..<1_000).map { XY(Double($0) * 1_000, 5) }
        let buckets = LieuBuckets(points: lieux, cellSize: LieuBuckets.cellSize(for: lieux, radius: 1))
        #expect(buckets.columns * buckets.rows <= 4 * lieux.count + 1_024)
        #expect(buckets.nearest(to: XY(123_400, -7))?.item == 123)
    }

    /// A unit the white-zone test skips lies inside the lieu's GEOS disc polygon.
    @Test func unitsSkippedByTheWhiteZoneTestLieInsideTheDisc() throws {
        let radius = 10_000.0, segments = 16
        let disc = try Geometry.point(XY(0, 0), kind: l93).buffer(radius, quadrantSegments: segments)
        let prepared = PreparedGeometry(disc)
        var random = SeededGenerator(seed: 5)
        var skipped = 0
        for _ in 0..<20_000 {
            let angle = Double.random(in: 0..<(2 * .pi), using: &random)
            let distance = radius * Double.random(in: 0.99...1.0, using: &random)
            let p = XY(distance * cos(angle), distance * sin(angle))
            let candidate = WhiteZoneUnits.beyondInscribedDiscs(measure: [(p.x * p.x + p.y * p.y).squareRoot()], radius: radius,
                                                                quadrantSegments: segments)[0]
            if !candidate {
                skipped += 1
                #expect(try prepared.intersects(p), "point \(p)")
            }
        }
        #expect(skipped > 1_000)
    }

    /// The summary's median and p90 of units equal `PopulationStatistics.quantile` on each group.
    @Test func quantilesFromOneOrderMatchWeightedQuantiles() {
        var random = SeededGenerator(seed: 11)
        let communeGroup = [1, 2, 2, 3, -1, 1]
        var pieces: [PopulationPiece] = [], measure: [Double] = []
        for k in 0..<5_000 {
            let people = k % 7 == 0 ? 0 : Double(Int.random(in: 1...40, using: &random)) / 4
            pieces.append(PopulationPiece(commune: Int.random(in: 0..<communeGroup.count, using: &random), cell: k, population: people,
                                          gridPopulation: people, areaSquareMetres: 1, centre: XY(0, 0)))
            // Many equal values, zeros and unreachable units.
            measure.append(k % 11 == 0 ? .infinity : k % 13 == 0 ? 0 : Double(Int.random(in: 0...300, using: &random)) * 25)
        }
        let (median, p90) = CoverageSummary.quantiles(pieces: pieces, measure: measure, communeGroup: communeGroup, groupCount: 5)
        for group in 0..<5 {
            let members = pieces.indices.filter { group == 0 || communeGroup[pieces[$0].commune] == group }
            let values = members.map { measure[$0] }, weights = members.map { pieces[$0].population }
            #expect(median[group] == PopulationStatistics.quantile(0.5, values: values, populations: weights), "group \(group)")
            #expect(p90[group] == PopulationStatistics.quantile(0.9, values: values, populations: weights), "group \(group)")
        }
        #expect(median[4] == nil)
    }

    @Test func stableOrderSortsByKeyThenPosition() {
        var random = SeededGenerator(seed: 3)
        let keys = (0..<100_000).map { k -> UInt64 in
            k % 3 == 0 ? UInt64.random(in: 0...5, using: &random) : Double.random(in: 0...1e6, using: &random).bitPattern
        }
        let expected = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map(UInt32.init)
        #expect(StableOrder.ascending(keys: keys) == expected)
        #expect(StableOrder.ascending(keys: []) == [])
    }
}
