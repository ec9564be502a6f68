import Foundation
import Testing
import RoadNetwork
import TestSupport

/// A graph from an edge list (seconds = metres for simplicity), nodes on the x axis unless given.
func makeGraph(nodes: Int, edges: [(Int32, Int32, Float)], xs: [Double]? = nil, ys: [Double]? = nil) -> RoadGraph {
    let x = xs ?? (0..<nodes).map(Double.init), y = ys ?? [Double](repeating: 0, count: nodes)
    return RoadGraph(nodeLons: x, nodeLats: y, nodeXs: x, nodeYs: y, nodeIds: (0..<Int64(nodes)).map { $0 },
                     edgeSources: edges.map(\.0), edgeTargets: edges.map(\.1), edgeSeconds: edges.map(\.2), edgeMetres: edges.map(\.2))
}

/// Textbook O(n²) Dijkstra without a heap: the independent reference for the property tests.
func referenceTimes(nodes: Int, edges: [(Int32, Int32, Float)], sources: [(Int32, Double)]) -> [Double] {
    var dist = [Double](repeating: .infinity, count: nodes)
    for (s, t) in sources { dist[Int(s)] = min(dist[Int(s)], t) }
    var done = [Bool](repeating: false, count: nodes)
    for _ in 0..<nodes {
        var u = -1
        for i in 0..<nodes where !done[i] && dist[i] < .infinity && (u < 0 || dist[i] < dist[u]) { u = i }
        if u < 0 { break }
        done[u] = true
        for (a, b, w) in edges where Int(a) == u { dist[Int(b)] = min(dist[Int(b)], dist[u] + Double(w)) }
    }
    return dist
}

@Suite("Shortest paths")
struct ShortestPathTests {
    @Test func knownTimesOnADiamond() {
        //   0 →(5) 1, 0 →(2) 2, 2 →(1) 1, 1 →(1) 3, 2 →(10) 3, 3 →(7) 0
        let g = makeGraph(nodes: 5, edges: [(0, 1, 5), (0, 2, 2), (2, 1, 1), (1, 3, 1), (2, 3, 10), (3, 0, 7)])
        let r = g.multiSourceShortestTimes(from: [SearchSource(node: 0, label: 9)])
        #expect(r.seconds == [0, 3, 2, 4, .infinity])
        #expect(r.label == [9, 9, 9, 9, -1])
        // Reversed graph: time from each node TO node 0.
        let back = g.reversed().multiSourceShortestTimes(from: [SearchSource(node: 0, label: 0)])
        #expect(back.seconds == [0, 8, 9, 7, .infinity]) // 2→1→3→0 = 1 + 1 + 7
        // Two sources with initial times: node 3 starts at 1.5.
        let two = g.multiSourceShortestTimes(from: [SearchSource(node: 0, label: 0), SearchSource(node: 3, initialSeconds: 1.5, label: 1)])
        #expect(two.seconds == [0, 3, 2, 1.5, .infinity])
        #expect(two.label == [0, 0, 0, 1, -1])
        // A limit leaves farther nodes unreached.
        let bounded = g.multiSourceShortestTimes(from: [SearchSource(node: 0, label: 0)], limitSeconds: 3)
        #expect(bounded.seconds == [0, 3, 2, .infinity, .infinity])
        #expect(bounded.label == [0, 0, 0, -1, -1])
    }

    @Test("multi-source equals the reference on random graphs", arguments: 1...6)
    func randomGraphs(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 60 + Int(rng.next() % 60)
        var edges: [(Int32, Int32, Float)] = []
        for _ in 0..<(n * 3) {
            // Multiples of 1/8 s: exact in Float, Double and the searches' 0.1 ms ticks.
            edges.append((Int32(rng.next() % UInt64(n)), Int32(rng.next() % UInt64(n)), Float(rng.next() % 1000) / 8))
        }
        let sources = (0..<3).map { _ in (Int32(rng.next() % UInt64(n)), Double(rng.next() % 50)) }
        let expected = referenceTimes(nodes: n, edges: edges, sources: sources)
        let g = makeGraph(nodes: n, edges: edges)
        let workspace = DijkstraWorkspace(graph: g)
        let searchSources = sources.enumerated().map { SearchSource(node: $1.0, initialSeconds: $1.1, label: Int32($0)) }
        workspace.run(sources: searchSources)
        let got = workspace.result()
        for i in 0..<n {
            #expect(abs(got.seconds[i] - expected[i]) < 1e-6 || got.seconds[i] == expected[i], "node \(i)")
            if got.label[i] >= 0 {
                // The label's own source reaches the node in the reported time.
                let own = referenceTimes(nodes: n, edges: edges, sources: [sources[Int(got.label[i])]])
                #expect(abs(own[i] - got.seconds[i]) < 1e-6)
            }
        }
        // Reusing the workspace for bounded single-source searches resets correctly.
        for (k, s) in searchSources.enumerated() {
            workspace.run(sources: [s], limitSeconds: 80, recordSettled: true)
            let single = referenceTimes(nodes: n, edges: edges, sources: [sources[k]])
            for i in 0..<n {
                let want = single[i] <= 80 ? single[i] : .infinity
                #expect(abs(workspace.seconds(of: Int32(i)) - want) < 1e-6 || workspace.seconds(of: Int32(i)) == want)
            }
            #expect(Set(workspace.settled) == Set((0..<n).filter { single[$0] <= 80 }.map { Int32($0) }))
        }
    }

    @Test("nearest node equals brute force", arguments: [1, 2, 3])
    func nearestNode(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        let n = 500
        let xs = (0..<n).map { _ in Double(rng.next() % 100_000) / 10 }
        let ys = (0..<n).map { _ in Double(rng.next() % 30_000) / 10 }
        let candidates = seed == 3 ? (0..<Int32(n)).filter { $0 % 3 == 0 } : nil
        let index = NearestNodeIndex(xs: xs, ys: ys, candidates: candidates)
        for _ in 0..<300 {
            let qx = Double(rng.next() % 140_000) / 10 - 2000, qy = Double(rng.next() % 60_000) / 10 - 1500
            let snap = index.nearest(x: qx, y: qy)!
            let pool = candidates ?? (0..<Int32(n)).map { $0 }
            let best = pool.min { a, b in
                let da = hypot(xs[Int(a)] - qx, ys[Int(a)] - qy), db = hypot(xs[Int(b)] - qx, ys[Int(b)] - qy)
                return da < db || (da == db && a < b)
            }!
            #expect(snap.node == best)
            #expect(abs(snap.distanceMetres - hypot(xs[Int(best)] - qx, ys[Int(best)] - qy)) < 1e-9)
        }
        #expect(NearestNodeIndex(xs: [], ys: []).nearest(x: 0, y: 0) == nil)
    }

    @Test func componentFilterKeepsNodesReachingALieu() {
        // 0 ⇄ 1 ⇄ 2 (lieu at 2), 3 → 0 (can reach), 0 → 4 (dead end: cannot come back), 5 ⇄ 6 (island).
        let g = makeGraph(nodes: 7, edges: [(0, 1, 1), (1, 0, 1), (1, 2, 1), (2, 1, 1), (3, 0, 1), (0, 4, 1), (5, 6, 1), (6, 5, 1)])
        #expect(g.nodesReaching([2]) == [true, true, true, true, false, false, false])
        let (sub, newIndex) = g.subgraph(keeping: g.nodesReaching([2]))
        #expect(sub.nodeCount == 4 && sub.edgeCount == 5)
        #expect(newIndex == [0, 1, 2, 3, -1, -1, -1])
    }
}

@Suite("Synthetic graph")
struct SyntheticGraphTests {
    @Test func gridIsReproducibleAndSearchesAreCertified() {
        let a = SyntheticRoadGraph.grid(columns: 60, rows: 50, seed: 7)
        let b = SyntheticRoadGraph.grid(columns: 60, rows: 50, seed: 7)
        #expect(a.edgeTargets == b.edgeTargets && a.edgeSeconds == b.edgeSeconds)
        // ~3.9 directed edges per node: 2 segments per node, 3 % missing, 5 % one-way.
        let perNode = Double(a.edgeCount) / Double(a.nodeCount)
        #expect(perNode > 3.7 && perNode < 3.95)
        let shuffled = SyntheticRoadGraph.grid(columns: 60, rows: 50, seed: 7, shuffleNodes: true)
        #expect(shuffled.edgeCount == a.edgeCount)
        for g in [a, shuffled] {
            let sources = [SearchSource(node: 5, label: 0), SearchSource(node: 2000, initialSeconds: 30, label: 1)]
            let r = g.reversed().multiSourceShortestTimes(from: sources)
            #expect(g.reversed().shortestPathViolations(of: r, sources: sources) == 0)
            // A corrupted result is caught.
            var wrong = r.seconds
            wrong[1234] += 5
            #expect(g.reversed().shortestPathViolations(of: MultiSourceResult(seconds: wrong, label: r.label), sources: sources) > 0)
        }
    }
}

@Suite("Spatial node order")
struct SpatialOrderTests {
    @Test func reorderingKeepsTimesAndIds() {
        let g = SyntheticRoadGraph.grid(columns: 40, rows: 30, seed: 3, shuffleNodes: true)
        let (r, newIndex) = g.spatiallyReordered()
        #expect(r.nodeCount == g.nodeCount && r.edgeCount == g.edgeCount)
        #expect(Set(newIndex).count == g.nodeCount)
        for old in [0, 17, 555, 1199] { #expect(r.nodeIds[Int(newIndex[old])] == g.nodeIds[old] && r.nodeXs[Int(newIndex[old])] == g.nodeXs[old]) }
        let a = g.multiSourceShortestTimes(from: [SearchSource(node: 17, label: 0)])
        let b = r.multiSourceShortestTimes(from: [SearchSource(node: newIndex[17], label: 0)])
        for old in 0..<g.nodeCount { #expect(a.seconds[old] == b.seconds[Int(newIndex[old])]) }
        // Neighbours end up close in memory: mean |index gap| along edges shrinks a lot.
        func meanGap(_ graph: RoadGraph) -> Double {
            let s = graph.edgeSources()
            return Double(zip(s, graph.edgeTargets).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }) / Double(graph.edgeCount)
        }
        #expect(meanGap(r) * 5 < meanGap(g))
    }

    @Test func ties() {
        // Two nodes at the same place: the lower tie-break key wins, whatever the index.
        let index = NearestNodeIndex(xs: [5, 0, 0], ys: [5, 0, 0], tieBreakKeys: [1, 90, 40])
        #expect(index.nearest(x: 0.1, y: 0)?.node == 2)
        #expect(NearestNodeIndex(xs: [5, 0, 0], ys: [5, 0, 0]).nearest(x: 0.1, y: 0)?.node == 1)
    }
}
