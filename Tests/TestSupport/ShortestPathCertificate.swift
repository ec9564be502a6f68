import RoadNetwork

extension RoadGraph {
    /// Checks that `result` is a shortest-path solution of this graph for `sources` (a certificate,
    /// independent of how it was computed): no edge can improve a time (t[v] ≤ t[u] + w), every
    /// reached non-source node has an incoming edge that is tight (within `tolerance`) and carries
    /// the same label, and each source node's time is at most its initial time. Returns the number
    /// of violations (0 = correct). Costs O(nodes + edges). The default tolerance is one search
    /// tick (0.1 ms): searches round each edge time to the nearest tick.
    public func shortestPathViolations(of result: MultiSourceResult, sources: [SearchSource],
                                       tolerance: Double = 1 / DijkstraWorkspace.ticksPerSecond) -> Int {
        var violations = 0
        var tight = [Bool](repeating: false, count: nodeCount)
        var startsHere = [Bool](repeating: false, count: nodeCount)
        for s in sources {
            if result.seconds[Int(s.node)] > s.initialSeconds + tolerance { violations += 1 }
            if abs(result.seconds[Int(s.node)] - s.initialSeconds) <= tolerance && result.label[Int(s.node)] == s.label { startsHere[Int(s.node)] = true }
        }
        for u in 0..<nodeCount where result.seconds[u] < .infinity {
            for e in Int(edgeOffsets[u])..<Int(edgeOffsets[u + 1]) {
                let v = Int(edgeTargets[e])
                let through = result.seconds[u] + Double(edgeSeconds[e])
                if result.seconds[v] > through + tolerance { violations += 1 }
                if abs(result.seconds[v] - through) <= tolerance && result.label[v] == result.label[u] { tight[v] = true }
            }
        }
        for v in 0..<nodeCount where result.seconds[v] < .infinity && !tight[v] && !startsHere[v] { violations += 1 }
        return violations
    }
}
