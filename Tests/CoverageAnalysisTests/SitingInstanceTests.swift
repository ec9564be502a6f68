@testable import CoverageAnalysis
import Foundation
import GeosGeometry
import Projection
import Testing
import GeoCore

/// The geometry → numbers adapter of `maillage suggest`: demand units and coverage lists.
@Suite struct SitingInstanceTests {
    func rectangle(_ x0: Double, _ y0: Double, _ width: Double, _ height: Double) throws -> Geometry {
        try Geometry.polygon([[XY(x0, y0), XY(x0 + width, y0), XY(x0 + width, y0 + height), XY(x0, y0 + height), XY(x0, y0)]], kind: l93)
    }

    func lonLat(_ point: XY) throws -> XY {
        var points = [point]
        try ThreadTransformers.with(from: .lambert93, to: .wgs84) { try $0.transform(&points) }
        return points[0]
    }

    /// A 3 km × 2 km rectangle on the 1 km grid gives six 1 km² pieces at the cell centres, each a
    /// sixth of the population; a commune inside one cell stays whole at its representative point;
    /// a rectangle straddling cells by half gives pieces weighted by their areas.
    @Test func gridPiecesSplitPopulationByArea() throws {
        let territory = try ProjectedTerritory.metric(
            crs: .lambert93,
            geometries: [try rectangle(700_000, 6_600_000, 3_000, 2_000), try rectangle(710_200, 6_600_200, 500, 500),
                         try rectangle(720_500, 6_600_000, 1_000, 1_000)],
            lieuPoints: [])
        let grid = try SitingInstance.gridPieces(territory: territory, position: 0, population: 600, cellMetres: 1_000)
        #expect(grid.count == 6)
        #expect(grid.allSatisfy { abs($0.weight - 100) < 1e-9 && $0.commune == 0 })
        let centres = Set(grid.map { XY(($0.point.x - 700_000).rounded(), ($0.point.y - 6_600_000).rounded()) })
        #expect(centres == Set([500.0, 1_500, 2_500].flatMap { x in [500.0, 1_500].map { XY(x, $0) } }))
        let small = try SitingInstance.gridPieces(territory: territory, position: 1, population: 42, cellMetres: 1_000)
        #expect(small.count == 1 && small[0].weight == 42 && small[0].point == XY(710_450, 6_600_450))
        let straddling = try SitingInstance.gridPieces(territory: territory, position: 2, population: 10, cellMetres: 1_000)
        #expect(straddling.count == 2 && straddling.allSatisfy { abs($0.weight - 5) < 1e-9 })
        #expect(try SitingInstance.gridPieces(territory: territory, position: 0, population: 0, cellMetres: 1_000).isEmpty)
    }

    /// Three communes in a row 8 km apart (centres), 10 km threshold, point demand: each candidate
    /// covers its neighbours; the existing lieu covers only the last commune; a candidate in another
    /// CRS zone covers nothing.
    @Test func pointDemandCoverageLists() throws {
        let geometries = try [0.0, 8_000, 16_000].map { try rectangle(700_000 + $0 - 1_000, 6_600_000 - 1_000, 2_000, 2_000) }
        let territory = try ProjectedTerritory.metric(crs: .lambert93, geometries: geometries, lieuPoints: [XY(723_000, 6_600_000)])
        let candidates = try [0.0, 8_000, 16_000, 30_000].map {
            SitingCandidateInput(id: "c\($0)", name: "", lonLat: try lonLat(XY(700_000 + $0, 6_600_000)))
        } + [SitingCandidateInput(id: "reunion", name: "", lonLat: XY(55.45, -20.88))]
        let instance = try SitingInstance.build(territories: [territory], populations: [10, 20, 30], lieux: [],
                                                candidates: candidates, thresholdMetres: 10_000, demand: .representativePoint)
        #expect(instance.units.map(\.weight) == [10, 20, 30])
        #expect(instance.coveredByExisting == [false, false, true])
        #expect(instance.candidateCoverage == [[0, 1], [0, 1, 2], [1, 2], [], []])
        #expect(instance.candidateZone == [0, 0, 0, 0, nil])
        // The commune containing a file candidate is found by geometry.
        #expect(try instance.commune(containing: 1) == 1)
        #expect(try instance.commune(containing: 3) == nil)
        // Exact re-measure: one added site at the middle commune covers every representative point.
        let exact = try instance.exactCoverage(addedSites: [candidates[1].lonLat], quadrantSegments: 16)
        #expect(exact.populationByPoint == 60 && exact.totalPopulation == 60)
        let before = try instance.exactCoverage(addedSites: [], quadrantSegments: 16)
        #expect(before.populationByPoint == 30)
    }

    /// Grid clipping by arithmetic agrees with GEOS on a non-convex polygon with a hole, split across
    /// many cells, whatever the ring orientation.
    @Test func gridClipMatchesGEOS() throws {
        let outer = [XY(700_130, 6_600_070), XY(703_910, 6_600_420), XY(702_300, 6_601_500), XY(703_700, 6_603_650),
                     XY(701_050, 6_602_800), XY(700_400, 6_603_900), XY(700_130, 6_600_070)]
        let hole = [XY(701_000, 6_601_000), XY(701_600, 6_601_050), XY(701_300, 6_601_700), XY(701_000, 6_601_000)]
        for rings in [[outer, hole], [Array(outer.reversed()), Array(hole.reversed())]] {
            let polygon = try Geometry.polygon(rings, kind: l93)
            let pieces = GridClip.pieces(of: polygon.shape, cell: 500, columns: 1400...1407, rows: 13200...13207)
            #expect(abs(pieces.reduce(0) { $0 + $1.areaSquareMetres } - (try polygon.area())) < 1e-3)
            for piece in pieces {
                let box = Envelope(minX: Double(piece.column) * 500, minY: Double(piece.row) * 500,
                                   maxX: Double(piece.column + 1) * 500, maxY: Double(piece.row + 1) * 500)
                let clipped = try polygon.clip(to: box)
                #expect(abs(try clipped.area() - piece.areaSquareMetres) < 1e-4)
                let centroid = try #require(try clipped.centroid().pointXY)
                #expect(abs(centroid.x - piece.centroid.x) < 1e-4 && abs(centroid.y - piece.centroid.y) < 1e-4)
            }
            #expect(pieces.count > 20)
        }
    }

    @Test func roundingMatchesTheWriter() {
        let point = SitingInstance.rounded(XY(1.23456789, -45.6789012345), decimals: 6)
        #expect(point == XY(1.234568, -45.678901))
    }
}
