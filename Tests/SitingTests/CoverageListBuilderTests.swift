import Testing
@testable import Siting

@Suite("Coverage list builder")
struct CoverageListBuilderTests {
    @Test("sparse distances: d ≤ threshold covers, duplicates collapse, lists come out sorted")
    func sparseDistances() throws {
        let pairs = [
            SiteDemandDistance(siteIndex: 0, demandIndex: 3, distance: 9.9),
            SiteDemandDistance(siteIndex: 0, demandIndex: 1, distance: 10.0),  // on the threshold: covered
            SiteDemandDistance(siteIndex: 0, demandIndex: 2, distance: 10.01),
            SiteDemandDistance(siteIndex: 1, demandIndex: 0, distance: 0),
            SiteDemandDistance(siteIndex: 1, demandIndex: 0, distance: 2),
        ]
        let lists = try CoverageListBuilder.coverageLists(siteCount: 3, demandCount: 4, distances: pairs, threshold: 10)
        #expect(lists == [[1, 3], [0], []])
    }

    @Test("dense matrix with unreachable pairs")
    func denseMatrix() throws {
        let lists = try CoverageListBuilder.coverageLists(
            distanceMatrix: [[5, 31, .infinity], [30, 0, 29.5]], demandCount: 3, threshold: 30)
        #expect(lists == [[0], [0, 1, 2]])
    }

    @Test("per-demand neighbour lists are transposed to per-site lists")
    func transposeDemandNeighbours() throws {
        let lists = try CoverageListBuilder.coverageLists(siteCount: 3, fromDemandNeighbours: [[2, 0], [], [0, 0]])
        #expect(lists == [[0, 2], [], [0]])
    }

    @Test("covered flags from existing lieux")
    func existingFlags() throws {
        let flags = try CoverageListBuilder.coveredFlags(
            demandCount: 3,
            existingLieuDistances: [.init(siteIndex: 0, demandIndex: 2, distance: 4),
                                    .init(siteIndex: 1, demandIndex: 0, distance: 6)],
            threshold: 5)
        #expect(flags == [false, false, true])
    }

    @Test("invalid distances and thresholds are rejected")
    func invalidDistances() {
        #expect(throws: SitingError.invalidThreshold(threshold: -1)) {
            try CoverageListBuilder.coverageLists(siteCount: 1, demandCount: 1, distances: [], threshold: -1)
        }
        #expect(throws: SitingError.invalidDistance(candidateIndex: 0, demandIndex: 0, distance: -2)) {
            try CoverageListBuilder.coverageLists(
                siteCount: 1, demandCount: 1, distances: [.init(siteIndex: 0, demandIndex: 0, distance: -2)],
                threshold: 1)
        }
        #expect(throws: SitingError.candidateIndexOutOfRange(candidateIndex: 5, candidateCount: 1)) {
            try CoverageListBuilder.coverageLists(
                siteCount: 1, demandCount: 1, distances: [.init(siteIndex: 5, demandIndex: 0, distance: 0)],
                threshold: 1)
        }
        let nanError = #expect(throws: SitingError.self) {
            try CoverageListBuilder.coverageLists(distanceMatrix: [[.nan]], demandCount: 1, threshold: 1)
        }
        guard case .invalidDistance(0, 0, let distance)? = nanError else {
            Issue.record("expected invalidDistance, got \(String(describing: nanError))")
            return
        }
        #expect(distance.isNaN)
    }
}
