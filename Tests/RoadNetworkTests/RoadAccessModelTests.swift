import Testing
import RoadNetwork
import GeoCore

@Suite("Road access model: nearest lieu, counts, isochrones")
struct RoadAccessModelTests {
    /// Nodes 0..3 on the x axis 1 km apart, two-way, 100 s per edge; 3 → 4 one-way dead end;
    /// an island 5 ⇄ 6 without lieu.
    static func model() throws -> RoadAccessModel {
        let xs: [Double] = [0, 1000, 2000, 3000, 4000, 10000, 11000]
        let g = makeGraph(nodes: 7, edges: [(0, 1, 100), (1, 0, 100), (1, 2, 100), (2, 1, 100), (2, 3, 100), (3, 2, 100),
                                            (3, 4, 100), (5, 6, 100), (6, 5, 100)], xs: xs)
        let lieux = [XY(x: 0, y: 150), XY(x: 3000, y: -30)]
        let origins = [XY(x: 1100, y: 100), XY(x: 2000, y: 0), XY(x: 10500, y: 0)]
        return try RoadAccessModel(graph: g, lieux: lieux, origins: origins,
                                   parameters: RoadAccessParameters(offRoadSpeedKmh: 15, farFromRoadWarningMetres: 1000))
    }

    static let v = 15 / 3.6 // off-road metres per second

    @Test func snappingAndComponentFilter() throws {
        let m = try Self.model()
        #expect(m.componentReport == ComponentFilterReport(nodesKept: 4, nodesDropped: 3, edgesKept: 6, edgesDropped: 3))
        #expect(m.lieuAccess.map(\.node) == [0, 3])
        #expect(abs(m.lieuAccess[0].offRoadSeconds - 150 / Self.v) < 1e-9)
        #expect(m.originAccess.map(\.node) == [1, 2, 3]) // the island is gone: origin 2 snaps to node 3
        #expect(abs(m.originAccess[0].offRoadMetres - 100 * 2.0.squareRoot()) < 1e-9)
        #expect(m.farPoints == [FarPoint(kind: .origin, index: 2, distanceMetres: 7500)])
    }

    @Test func nearestLieuTimes() throws {
        let r = try Self.model().nearestLieu()
        #expect(r.map(\.lieu) == [0, 1, 1])
        let expected = [100 * 2.0.squareRoot() / Self.v + 100 + 150 / Self.v, 0 + 100 + 30 / Self.v, 7500 / Self.v + 0 + 30 / Self.v]
        for (got, want) in zip(r.map(\.totalSeconds), expected) { #expect(abs(got - want) < 1e-6) }
        #expect(abs(r[2].originOffRoadMetres - 7500) < 1e-9)
    }

    @Test func countsWithinThresholds() throws {
        let m = try Self.model()
        // O1: A at 169.9 s, B at 241.1 s; O2: B at 107.2 s, A at 236 s; O3: B at 1807 s.
        for threads in [1, 2] {
            #expect(m.lieuCountsWithin(thresholdsSeconds: [120, 250], threads: threads) == [[0, 2], [1, 2], [0, 0]])
        }
        #expect(m.lieuCountsWithin(thresholdsSeconds: [2000]) == [[2], [2], [1]]) // O3 → A: 1800 + 300 + 36 s
        // Lieux standing for several merged lieux count for all of them.
        #expect(m.lieuCountsWithin(thresholdsSeconds: [120, 250, 2000], lieuWeights: [3, 5]) == [[0, 8, 8], [5, 8, 8], [0, 0, 5]])
    }

    @Test func originLieuPairsWithinATime() throws {
        let m = try Self.model()
        // Hand times (comments of countsWithinThresholds): O1 → A 169.9 s, O1 → B 241.1 s, O2 → B 107.2 s,
        // O2 → A 236 s, O3 → B 1807 s, O3 → A 2136 s.
        for threads in [1, 2] {
            let pairs = m.originLieuPairs(limitSeconds: 250, threads: threads)
            #expect(pairs.origins == [0, 0, 1, 1] && pairs.lieux == [0, 1, 0, 1])
            let oneToA = 100 * 2.0.squareRoot() / Self.v + 100 + 150 / Self.v
            #expect(abs(pairs.seconds[0] - oneToA) < 1e-6)
            #expect(abs(pairs.seconds[3] - (100 + 30 / Self.v)) < 1e-6)
        }
        // The pair times agree with the counts and the nearest lieu; a limit exactly on a time includes it.
        let all = m.originLieuPairs(limitSeconds: 3000)
        #expect(all.count == 6)
        let nearest = m.nearestLieu()
        for origin in 0..<3 {
            let times = (0..<all.count).filter { all.origins[$0] == origin }.map { all.seconds[$0] }
            #expect(abs(times.min()! - nearest[origin].totalSeconds) < 1e-6)
        }
        let exact = all.seconds[2]
        #expect(m.originLieuPairs(limitSeconds: exact).count == 3)
        #expect(m.originLieuPairs(limitSeconds: exact.nextDown).count == 2)
    }

    @Test func isochroneSegmentsCutAtTheRemainingTime() throws {
        let m = try Self.model()
        let access = 30 / Self.v
        let sets = m.isochroneSegments(lieu: 1, limitsSeconds: [access + 50, access + 150])
        #expect(sets[0] == [MetricSegment(x0: 3000, y0: 0, x1: 2500, y1: 0)])
        // 2 → 3 is reached in full (eastbound); the half of 3 → 2 reached from node 2 adds nothing.
        #expect(sets[1].count == 2)
        #expect(sets[1].contains(MetricSegment(x0: 3000, y0: 0, x1: 2000, y1: 0)))
        #expect(sets[1].contains { $0.x0 == 2000 && abs($0.x1 - 1500) < 1e-9 && $0.y1 == 0 })
        // The batch form (reused workspaces, 2 threads) gives the same.
        let batch = m.isochroneSegments(lieux: [1, 0, 1], limitsSeconds: [access + 50, access + 150])
        #expect(batch[0] == sets && batch[2] == sets)
        #expect(batch[1] == m.isochroneSegments(lieu: 0, limitsSeconds: [access + 50, access + 150]))
        // Without the lieu's off-road leg the same limit reaches farther.
        let free = m.isochroneSegments(lieu: 1, limitsSeconds: [50], includeLieuAccessLeg: false)
        #expect(free[0] == [MetricSegment(x0: 3000, y0: 0, x1: 2500, y1: 0)])
    }

    @Test func invalidInputs() {
        let g = makeGraph(nodes: 2, edges: [(0, 1, 1)])
        #expect(throws: RoadNetworkError.self) { try RoadAccessModel(graph: g, lieux: [], origins: []) }
        #expect(throws: RoadNetworkError.self) { try RoadAccessModel(graph: makeGraph(nodes: 0, edges: []), lieux: [XY(x: 0, y: 0)], origins: []) }
    }
}
