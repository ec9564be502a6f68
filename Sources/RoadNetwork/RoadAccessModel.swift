import Dispatch
import GeoCore
import Foundation

/// Parameters of road access computations (state them in outputs).
public struct RoadAccessParameters: Sendable, Equatable {
    /// Speed of the straight-line leg between a point (commune representative point, lieu) and its
    /// snapped road node. Default 15 km/h: slower than any road class, between walking and
    /// driving an unmapped track, so an off-network point shows up as slower, not as wrong.
    public var offRoadSpeedKmh: Double = 15
    /// Points farther than this from every road node are listed in `farPoints`. Default 1 km.
    public var farFromRoadWarningMetres: Double = 1000

    public init(offRoadSpeedKmh: Double = 15, farFromRoadWarningMetres: Double = 1000) {
        self.offRoadSpeedKmh = offRoadSpeedKmh
        self.farFromRoadWarningMetres = farFromRoadWarningMetres
    }

    public var offRoadMetresPerSecond: Double { offRoadSpeedKmh / 3.6 }
}

/// How a point reaches the network: its snapped node and the off-road leg.
public struct PointAccess: Sendable, Equatable {
    /// Node index in the model's (filtered) graph.
    public var node: Int32
    public var offRoadMetres: Double
    public var offRoadSeconds: Double
}

/// A point farther than `farFromRoadWarningMetres` from any road node.
public struct FarPoint: Sendable, Equatable {
    public enum Kind: String, Sendable { case origin, lieu }
    public var kind: Kind
    /// Index in the `origins` or `lieux` array given to the model.
    public var index: Int
    public var distanceMetres: Double

    public init(kind: Kind, index: Int, distanceMetres: Double) {
        self.kind = kind; self.index = index; self.distanceMetres = distanceMetres
    }
}

/// What the component filter removed: nodes from which no lieu can be reached (islands without a
/// lieu, one-way dead ends, fragments), and their edges.
public struct ComponentFilterReport: Sendable, Equatable {
    public var nodesKept = 0, nodesDropped = 0
    public var edgesKept = 0, edgesDropped = 0

    public init(nodesKept: Int = 0, nodesDropped: Int = 0, edgesKept: Int = 0, edgesDropped: Int = 0) {
        self.nodesKept = nodesKept; self.nodesDropped = nodesDropped
        self.edgesKept = edgesKept; self.edgesDropped = edgesDropped
    }
}

/// Time from one origin to its nearest lieu by road.
public struct NearestLieuTime: Sendable, Equatable {
    /// Index of the nearest lieu in the `lieux` array, or -1 when no lieu can be reached.
    public var lieu: Int
    /// Origin off-road leg + road time + the lieu's off-road leg, seconds (+∞ when unreachable).
    public var totalSeconds: Double
    /// Length of the origin's off-road leg, metres.
    public var originOffRoadMetres: Double
    public var originOffRoadSeconds: Double
}

/// A straight piece of reached road, projected metres.
public struct MetricSegment: Sendable, Equatable {
    public var x0: Double, y0: Double, x1: Double, y1: Double
    public init(x0: Double, y0: Double, x1: Double, y1: Double) { self.x0 = x0; self.y0 = y0; self.x1 = x1; self.y1 = y1 }
}

/// Road travel times between origins (commune representative points) and lieux.
///
/// Construction:
/// 1. lieux snap to the nearest node of the whole graph (Euclidean, projected metres);
/// 2. the graph keeps only the nodes from which some lieu node can be reached (breadth-first on
///    reversed edges); `componentReport` says what was dropped;
/// 3. origins snap to the nearest kept node. Each point gets an off-road leg (straight line to its
///    node) at `offRoadSpeedKmh`; points farther than `farFromRoadWarningMetres` are listed.
///
/// Times go from the origin *to* the lieu (the trip an inhabitant makes), so searches run on the
/// reversed graph starting from the lieux, each with the lieu's off-road leg as initial time.
///
/// Caveat: a lieu whose nearest node lies on a fragment cut off from the main network (a gated
/// service road, say) keeps that fragment and is reachable only from it; such a lieu shows up with
/// few or no origins. Check `lieuAccess` distances and the per-lieu results.
public final class RoadAccessModel: Sendable {
    public let parameters: RoadAccessParameters
    /// The filtered graph (node indices in `PointAccess` refer to it).
    public let graph: RoadGraph
    public let reversedGraph: RoadGraph
    /// `reversedGraph` in search form, shared by all searches of the model.
    public let reversedSearchGraph: SearchGraph
    public let lieuAccess: [PointAccess]
    public let originAccess: [PointAccess]
    public let componentReport: ComponentFilterReport
    public let farPoints: [FarPoint]

    public init(graph fullGraph: RoadGraph, lieux: [XY], origins: [XY],
                parameters: RoadAccessParameters = RoadAccessParameters()) throws {
        guard !lieux.isEmpty else { throw RoadNetworkError.invalidInput("no lieu given: nothing to compute times to") }
        guard fullGraph.nodeCount > 0 else { throw RoadNetworkError.invalidInput("the road graph is empty (no drivable road in the input)") }
        guard parameters.offRoadSpeedKmh > 0 else { throw RoadNetworkError.invalidInput("the off-road speed must be positive") }
        self.parameters = parameters
        let speed = parameters.offRoadMetresPerSecond
        let fullIndex = NearestNodeIndex(graph: fullGraph)
        let lieuSnaps = lieux.map { fullIndex.nearest(x: $0.x, y: $0.y)! }
        let keep = fullGraph.nodesReaching(lieuSnaps.map(\.node))
        let (graph, newIndex) = fullGraph.subgraph(keeping: keep)
        self.graph = graph
        self.reversedGraph = graph.reversed()
        self.reversedSearchGraph = SearchGraph(reversedGraph)
        componentReport = ComponentFilterReport(nodesKept: graph.nodeCount, nodesDropped: fullGraph.nodeCount - graph.nodeCount,
                                                edgesKept: graph.edgeCount, edgesDropped: fullGraph.edgeCount - graph.edgeCount)
        lieuAccess = lieuSnaps.map { PointAccess(node: newIndex[Int($0.node)], offRoadMetres: $0.distanceMetres, offRoadSeconds: $0.distanceMetres / speed) }
        let index = NearestNodeIndex(graph: graph)
        originAccess = origins.map {
            let snap = index.nearest(x: $0.x, y: $0.y)!
            return PointAccess(node: snap.node, offRoadMetres: snap.distanceMetres, offRoadSeconds: snap.distanceMetres / speed)
        }
        var far: [FarPoint] = []
        for (i, a) in originAccess.enumerated() where a.offRoadMetres > parameters.farFromRoadWarningMetres {
            far.append(FarPoint(kind: .origin, index: i, distanceMetres: a.offRoadMetres))
        }
        for (i, a) in lieuAccess.enumerated() where a.offRoadMetres > parameters.farFromRoadWarningMetres {
            far.append(FarPoint(kind: .lieu, index: i, distanceMetres: a.offRoadMetres))
        }
        farPoints = far
    }

    /// Search sources: every lieu at its node, starting with its off-road leg.
    public var lieuSources: [SearchSource] {
        lieuAccess.enumerated().map { SearchSource(node: $1.node, initialSeconds: $1.offRoadSeconds, label: Int32($0)) }
    }

    /// Nearest lieu of every origin from ONE multi-source Dijkstra search on the reversed graph.
    public func nearestLieu() -> [NearestLieuTime] {
        let workspace = DijkstraWorkspace(searchGraph: reversedSearchGraph)
        workspace.run(sources: lieuSources)
        let result = workspace.result()
        return originAccess.map { access in
            let network = result.seconds[Int(access.node)]
            return NearestLieuTime(lieu: Int(result.label[Int(access.node)]), totalSeconds: access.offRoadSeconds + network,
                                   originOffRoadMetres: access.offRoadMetres, originOffRoadSeconds: access.offRoadSeconds)
        }
    }

    /// For every origin, how many lieux it reaches within each threshold (seconds, total time
    /// including both off-road legs): `counts[origin][k]` for `thresholdsSeconds[k]`. A lieu counts
    /// for `lieuWeights[lieu]` when given (several lieux merged at one point), else for one.
    ///
    /// Method: one bounded Dijkstra per lieu on the reversed graph, limited to the largest
    /// threshold, touching only what it reaches (workspace reset is proportional to that); each
    /// settled node credits the origins snapped to it. Lieux are split across `threads` workers.
    public func lieuCountsWithin(thresholdsSeconds: [Double], lieuWeights: [Int32]? = nil, threads: Int = 2) -> [[Int32]] {
        let thresholds = thresholdsSeconds
        guard let limit = thresholds.max(), !originAccess.isEmpty else { return originAccess.map { _ in thresholds.map { _ in 0 } } }
        let k = thresholds.count
        let originCount = originAccess.count
        let partial = forEachOriginReachingEachLieu(
            limitSeconds: limit, threads: threads,
            workerState: { [Int32](repeating: 0, count: originCount * k) },
            visit: { counts, lieu, origin, total in
                let weight = lieuWeights?[Int(lieu)] ?? 1
                for (q, threshold) in thresholds.enumerated() where total <= threshold { counts[Int(origin) * k + q] += weight }
            })
        var merged = [Int32](repeating: 0, count: originCount * k)
        for counts in partial { for (i, c) in counts.enumerated() { merged[i] += c } }
        return (0..<originCount).map { Array(merged[($0 * k)..<($0 * k + k)]) }
    }

    /// The shared loop of `lieuCountsWithin` and `originLieuPairs`: one bounded Dijkstra per lieu on the
    /// reversed graph up to `limitSeconds`, each settled node crediting the origins snapped to it. Calls
    /// `visit(&state, lieu, origin, totalSeconds)` for every origin whose total time (both off-road legs
    /// included) is at most `limitSeconds`. Lieux are dealt in turn to `threads` workers (no more
    /// workers than lieux), each with its own state from `workerState`; returns the states in worker order.
    func forEachOriginReachingEachLieu<State>(
        limitSeconds: Double, threads: Int, workerState: @Sendable () -> State,
        visit: @Sendable (inout State, _ lieu: Int32, _ origin: Int32, _ totalSeconds: Double) -> Void
    ) -> [State] {
        let (starts, originsAtNode) = originsByNode()
        let workers = max(1, min(threads, lieuAccess.count))
        let partial = ResultSlots<State>(count: workers)
        let sources = lieuSources
        let originOffRoad = originAccess.map(\.offRoadSeconds)
        let reversed = reversedSearchGraph
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = DijkstraWorkspace(searchGraph: reversed)
            var state = workerState()
            var j = worker
            while j < sources.count {
                workspace.run(sources: [sources[j]], limitSeconds: limitSeconds, recordSettled: true)
                for node in workspace.settled {
                    let t = workspace.seconds(of: node)
                    for slot in Int(starts[Int(node)])..<Int(starts[Int(node) + 1]) {
                        let origin = originsAtNode[slot]
                        let total = t + originOffRoad[Int(origin)]
                        if total <= limitSeconds { visit(&state, Int32(j), origin, total) }
                    }
                }
                j += workers
            }
            partial.set(worker, state)
        }
        return (0..<workers).map { partial.get($0)! }
    }

    /// Origins grouped by snapped node (CSR): node n holds `originsAtNode[starts[n] ..< starts[n + 1]]`.
    func originsByNode() -> (starts: [Int32], originsAtNode: [Int32]) {
        var starts = [Int32](repeating: 0, count: graph.nodeCount + 1)
        for a in originAccess { starts[Int(a.node) + 1] += 1 }
        for n in 0..<graph.nodeCount { starts[n + 1] += starts[n] }
        var fill = Array(starts.dropLast())
        var originsAtNode = [Int32](repeating: 0, count: originAccess.count)
        for (i, a) in originAccess.enumerated() {
            originsAtNode[Int(fill[Int(a.node)])] = Int32(i)
            fill[Int(a.node)] += 1
        }
        return (starts, originsAtNode)
    }

    /// The road from which `lieu` can be reached within each time limit (seconds, the lieu's own
    /// off-road leg included when `includeLieuAccessLeg`), as straight metric segments: one bounded
    /// Dijkstra on the reversed graph up to the largest limit. A partly reached edge is cut at the
    /// fraction of its length that the remaining time covers (time is uniform along an edge).
    /// Two-way roads reached in full appear once, and a partial piece is left out when the same
    /// road is reached in full in the other direction. Turn these into a catchment polygon by
    /// buffering (e.g. GEOS buffer of the segments by a fixed distance, then union).
    public func isochroneSegments(lieu: Int, limitsSeconds: [Double], includeLieuAccessLeg: Bool = true) -> [[MetricSegment]] {
        let workspace = DijkstraWorkspace(searchGraph: reversedSearchGraph)
        return isochroneSegments(lieu: lieu, limitsSeconds: limitsSeconds, includeLieuAccessLeg: includeLieuAccessLeg, workspace: workspace)
    }

    /// Isochrone segments of several lieux (`result[i]` for `lieux[i]`), on `threads` workers that
    /// each reuse one search workspace (a workspace holds 16 bytes per graph node).
    public func isochroneSegments(lieux: [Int], limitsSeconds: [Double], includeLieuAccessLeg: Bool = true,
                                  threads: Int = 2) -> [[[MetricSegment]]] {
        let workers = max(1, min(threads, lieux.count))
        let slots = ResultSlots<[[MetricSegment]]>(count: lieux.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let workspace = DijkstraWorkspace(searchGraph: reversedSearchGraph)
            var i = worker
            while i < lieux.count {
                slots.set(i, isochroneSegments(lieu: lieux[i], limitsSeconds: limitsSeconds,
                                               includeLieuAccessLeg: includeLieuAccessLeg, workspace: workspace))
                i += workers
            }
        }
        return (0..<lieux.count).map { slots.get($0)! }
    }

    private func isochroneSegments(lieu: Int, limitsSeconds: [Double], includeLieuAccessLeg: Bool,
                                   workspace: DijkstraWorkspace) -> [[MetricSegment]] {
        guard let limit = limitsSeconds.max() else { return [] }
        var source = lieuSources[lieu]
        if !includeLieuAccessLeg { source.initialSeconds = 0 }
        workspace.run(sources: [source], limitSeconds: limit, recordSettled: true)
        return limitsSeconds.map { reachedSegments(workspace, limitSeconds: $0) }
    }

    private func reachedSegments(_ workspace: DijkstraWorkspace, limitSeconds: Double) -> [MetricSegment] {
        let g = reversedGraph
        var segments: [MetricSegment] = []
        var fullPairs = Set<UInt64>()
        var partials: [(key: UInt64, segment: MetricSegment)] = []
        for a in workspace.settled {
            let t = workspace.seconds(of: a)
            if t > limitSeconds { continue }
            let ax = g.nodeXs[Int(a)], ay = g.nodeYs[Int(a)]
            for e in Int(g.edgeOffsets[Int(a)])..<Int(g.edgeOffsets[Int(a) + 1]) {
                let b = g.edgeTargets[e]
                let w = Double(g.edgeSeconds[e])
                let fraction = w > 0 ? min(1, (limitSeconds - t) / w) : 1
                if fraction <= 0 { continue }
                let bx = g.nodeXs[Int(b)], by = g.nodeYs[Int(b)]
                let key = UInt64(UInt32(min(a, b))) << 32 | UInt64(UInt32(max(a, b)))
                let segment = MetricSegment(x0: ax, y0: ay, x1: ax + fraction * (bx - ax), y1: ay + fraction * (by - ay))
                if fraction >= 1 {
                    if fullPairs.insert(key).inserted { segments.append(segment) }
                } else {
                    partials.append((key, segment))
                }
            }
        }
        // A partly reached direction of a road whose other direction is reached in full adds nothing.
        for p in partials where !fullPairs.contains(p.key) { segments.append(p.segment) }
        return segments
    }
}

/// One result slot per worker, each written by exactly one worker.
final class ResultSlots<T>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: T) { lock.withLock { slots[i] = value } }
    func get(_ i: Int) -> T? { lock.withLock { slots[i] } }
}
