import Dispatch

/// Every (origin, lieu) pair within a travel time, with its total time (both off-road legs included).
public struct OriginLieuTimes: Sendable, Equatable {
    public var origins: [Int32] = []
    public var lieux: [Int32] = []
    public var seconds: [Double] = []
    public var count: Int { origins.count }
}

extension RoadAccessModel {
    /// The (origin, lieu) pairs whose total time is at most `limitSeconds` (bound inclusive), sorted by
    /// origin then lieu: one bounded Dijkstra per lieu on the reversed graph, each settled node
    /// crediting the origins snapped to it (as `lieuCountsWithin` does), split across `threads`.
    /// For catchment populations and floating-catchment accessibility, which need who reaches what.
    public func originLieuPairs(limitSeconds: Double, threads: Int = 2) -> OriginLieuTimes {
        guard !originAccess.isEmpty, !lieuAccess.isEmpty, limitSeconds >= 0 else { return OriginLieuTimes() }
        let (starts, originsAtNode) = originsByNode()
        let workers = max(1, min(threads, lieuAccess.count))
        let partial = ResultSlots<[(origin: Int32, lieu: Int32, seconds: Double)]>(count: workers)
        let sources = lieuSources
        let originOffRoad = originAccess.map(\.offRoadSeconds)
        let reversed = reversedSearchGraph
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = DijkstraWorkspace(searchGraph: reversed)
            var found: [(origin: Int32, lieu: Int32, seconds: Double)] = []
            var j = worker
            while j < sources.count {
                workspace.run(sources: [sources[j]], limitSeconds: limitSeconds, recordSettled: true)
                for node in workspace.settled {
                    let t = workspace.seconds(of: node)
                    for slot in Int(starts[Int(node)])..<Int(starts[Int(node) + 1]) {
                        let origin = originsAtNode[slot]
                        let total = t + originOffRoad[Int(origin)]
                        if total <= limitSeconds { found.append((origin, Int32(j), total)) }
                    }
                }
                j += workers
            }
            partial.set(worker, found)
        }
        var all = (0..<workers).flatMap { partial.get($0)! }
        all.sort { ($0.origin, $0.lieu) < ($1.origin, $1.lieu) }
        var pairs = OriginLieuTimes()
        pairs.origins = all.map(\.origin); pairs.lieux = all.map(\.lieu); pairs.seconds = all.map(\.seconds)
        return pairs
    }
}
