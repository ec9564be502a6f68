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
        let partial = forEachOriginReachingEachLieu(
            limitSeconds: limitSeconds, threads: threads,
            workerState: { [(origin: Int32, lieu: Int32, seconds: Double)]() },
            visit: { found, lieu, origin, total in found.append((origin, lieu, total)) })
        var all = partial.flatMap { $0 }
        all.sort { ($0.origin, $0.lieu) < ($1.origin, $1.lieu) }
        var pairs = OriginLieuTimes()
        pairs.origins = all.map(\.origin); pairs.lieux = all.map(\.lieu); pairs.seconds = all.map(\.seconds)
        return pairs
    }
}
