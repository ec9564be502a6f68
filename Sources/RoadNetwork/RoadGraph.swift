import Foundation

/// Converts longitudes and latitudes (degrees, WGS84) to metric x/y (metres) in bulk; the caller
/// plugs in a real projection (PROJ, Lambert-93 for France). `EquirectangularProjection` is a
/// dependency-free stand-in for tests and benchmarks.
public typealias LonLatToMetres = @Sendable (_ lons: [Double], _ lats: [Double]) -> (xs: [Double], ys: [Double])

/// A directed, routable car graph in compressed sparse row form.
///
/// Node `n` has outgoing edges `edgeOffsets[n] ..< edgeOffsets[n + 1]`, each to `edgeTargets[e]`
/// taking `edgeSeconds[e]` over `edgeMetres[e]`. Every vertex of a drivable way is a node (ways are
/// split at every shared vertex; no degree-2 contraction). A two-way segment gives two edges.
/// Segment length is the Euclidean distance between the projected end points; time = length /
/// speed. Indices are Int32 (up to 2^31 − 1 nodes and edges).
public struct RoadGraph: Sendable {
    public let nodeLons: [Double]
    public let nodeLats: [Double]
    /// Projected coordinates, metres.
    public let nodeXs: [Double]
    public let nodeYs: [Double]
    /// OSM node ids (or first-appearance numbers for coordinate-matched layers).
    public let nodeIds: [Int64]
    public let edgeOffsets: [Int32]
    public let edgeTargets: [Int32]
    public let edgeSeconds: [Float]
    public let edgeMetres: [Float]

    public var nodeCount: Int { nodeXs.count }
    public var edgeCount: Int { edgeTargets.count }

    /// Builds the CSR arrays from an edge list (any order; parallel edges are kept).
    public init(nodeLons: [Double], nodeLats: [Double], nodeXs: [Double], nodeYs: [Double], nodeIds: [Int64],
                edgeSources: [Int32], edgeTargets: [Int32], edgeSeconds: [Float], edgeMetres: [Float]) {
        precondition(nodeXs.count == nodeYs.count && nodeLons.count == nodeXs.count && nodeLats.count == nodeXs.count
                     && nodeIds.count == nodeXs.count, "node arrays of different lengths")
        precondition(edgeSources.count == edgeTargets.count && edgeSeconds.count == edgeTargets.count
                     && edgeMetres.count == edgeTargets.count, "edge arrays of different lengths")
        precondition(nodeXs.count < Int(Int32.max) && edgeTargets.count < Int(Int32.max), "graph too large for Int32 indices")
        self.nodeLons = nodeLons
        self.nodeLats = nodeLats
        self.nodeXs = nodeXs
        self.nodeYs = nodeYs
        self.nodeIds = nodeIds
        let n = nodeXs.count
        var offsets = [Int32](repeating: 0, count: n + 1)
        for s in edgeSources { offsets[Int(s) + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = Array(offsets.dropLast())
        var targets = [Int32](repeating: 0, count: edgeTargets.count)
        var seconds = [Float](repeating: 0, count: edgeTargets.count)
        var metres = [Float](repeating: 0, count: edgeTargets.count)
        for e in edgeSources.indices {
            let s = Int(edgeSources[e])
            let slot = Int(fill[s])
            fill[s] += 1
            targets[slot] = edgeTargets[e]
            seconds[slot] = edgeSeconds[e]
            metres[slot] = edgeMetres[e]
        }
        self.edgeOffsets = offsets
        self.edgeTargets = targets
        self.edgeSeconds = seconds
        self.edgeMetres = metres
    }

    /// Source node of every edge (the inverse of `edgeOffsets`).
    public func edgeSources() -> [Int32] {
        var sources = [Int32](repeating: 0, count: edgeCount)
        for n in 0..<nodeCount {
            for e in Int(edgeOffsets[n])..<Int(edgeOffsets[n + 1]) { sources[e] = Int32(n) }
        }
        return sources
    }

    /// The same nodes with every edge reversed: a search on it from the lieux gives the time from
    /// each node *to* the lieux.
    public func reversed() -> RoadGraph {
        RoadGraph(nodeLons: nodeLons, nodeLats: nodeLats, nodeXs: nodeXs, nodeYs: nodeYs, nodeIds: nodeIds,
                  edgeSources: edgeTargets, edgeTargets: edgeSources(), edgeSeconds: edgeSeconds, edgeMetres: edgeMetres)
    }

    /// Marks the nodes from which at least one of `targets` can be reached (breadth-first search
    /// on the reversed edges).
    public func nodesReaching(_ targets: [Int32]) -> [Bool] {
        let reverse = reversed()
        var mark = [Bool](repeating: false, count: nodeCount)
        var queue: [Int32] = []
        for t in targets where !mark[Int(t)] { mark[Int(t)] = true; queue.append(t) }
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for e in Int(reverse.edgeOffsets[u])..<Int(reverse.edgeOffsets[u + 1]) {
                let v = Int(reverse.edgeTargets[e])
                if !mark[v] { mark[v] = true; queue.append(Int32(v)) }
            }
        }
        return mark
    }

    /// The subgraph on the kept nodes (edges between two kept nodes), renumbered in the same
    /// order; `newIndex[old]` is the new index or -1.
    public func subgraph(keeping keep: [Bool]) -> (graph: RoadGraph, newIndex: [Int32]) {
        precondition(keep.count == nodeCount)
        if !keep.contains(false) { return (self, (0..<Int32(nodeCount)).map { $0 }) }
        var newIndex = [Int32](repeating: -1, count: nodeCount)
        var lons: [Double] = [], lats: [Double] = [], xs: [Double] = [], ys: [Double] = [], ids: [Int64] = []
        for n in 0..<nodeCount where keep[n] {
            newIndex[n] = Int32(xs.count)
            lons.append(nodeLons[n]); lats.append(nodeLats[n]); xs.append(nodeXs[n]); ys.append(nodeYs[n]); ids.append(nodeIds[n])
        }
        var sources: [Int32] = [], targets: [Int32] = [], seconds: [Float] = [], metres: [Float] = []
        for n in 0..<nodeCount where keep[n] {
            for e in Int(edgeOffsets[n])..<Int(edgeOffsets[n + 1]) where newIndex[Int(edgeTargets[e])] >= 0 {
                sources.append(newIndex[n]); targets.append(newIndex[Int(edgeTargets[e])])
                seconds.append(edgeSeconds[e]); metres.append(edgeMetres[e])
            }
        }
        let graph = RoadGraph(nodeLons: lons, nodeLats: lats, nodeXs: xs, nodeYs: ys, nodeIds: ids,
                              edgeSources: sources, edgeTargets: targets, edgeSeconds: seconds, edgeMetres: metres)
        return (graph, newIndex)
    }
}

/// What went into a `RoadGraph`, for the user.
public struct RoadGraphReport: Sendable, Equatable {
    /// Drivable ways used.
    public var waysKept = 0
    /// Ways left out per reason (`notARoad` = ways without `highway`).
    public var waysDropped: [WayDropReason: Int] = [:]
    public var missingNodeReferences = 0
    public var nodes = 0
    public var edges = 0
    /// Road length with each segment counted once (two-way roads once), km.
    public var roadLengthKm = 0.0
    /// Sum of directed edge lengths, km.
    public var directedEdgeLengthKm = 0.0
}

extension RoadGraph {
    /// Builds the car graph from drivable ways. `project` maps all node coordinates to metres once.
    /// With `spatialOrder` (default) nodes are renumbered along a Hilbert curve for faster
    /// searches (`spatiallyReordered()`); otherwise they keep the order of `ways` (OSM id order for
    /// PBF input).
    public static func build(ways: RoadWaySet, project: LonLatToMetres,
                             spatialOrder: Bool = true) throws -> (graph: RoadGraph, report: RoadGraphReport) {
        let (xs, ys) = project(ways.nodeLons, ways.nodeLats)
        guard xs.count == ways.nodeCount, ys.count == ways.nodeCount else {
            throw RoadNetworkError.invalidInput("the projection returned \(xs.count) x and \(ys.count) y for \(ways.nodeCount) nodes")
        }
        if let bad = (0..<xs.count).first(where: { !xs[$0].isFinite || !ys[$0].isFinite }) {
            throw RoadNetworkError.invalidInput("the projection gave no finite x/y for node \(ways.nodeIds[bad]) at lon \(ways.nodeLons[bad]), lat \(ways.nodeLats[bad])")
        }
        var report = RoadGraphReport()
        report.waysKept = ways.wayCount
        report.waysDropped = ways.droppedWays
        report.missingNodeReferences = ways.missingNodeReferences
        var sources: [Int32] = [], targets: [Int32] = [], seconds: [Float] = [], metres: [Float] = []
        var roadMetres = 0.0
        for w in 0..<ways.wayCount {
            let metresPerSecond = ways.waySpeedsKmh[w] / 3.6
            let direction = ways.wayDirections[w]
            var k = ways.wayStarts[w]
            while k + 1 < ways.wayStarts[w + 1] {
                let a = ways.wayNodes[k], b = ways.wayNodes[k + 1]
                k += 1
                guard a >= 0, b >= 0, a != b else { continue }
                let length = ((xs[Int(b)] - xs[Int(a)]) * (xs[Int(b)] - xs[Int(a)]) + (ys[Int(b)] - ys[Int(a)]) * (ys[Int(b)] - ys[Int(a)])).squareRoot()
                let time = Float(length / metresPerSecond)
                roadMetres += length
                if direction != .backward {
                    sources.append(a); targets.append(b); seconds.append(time); metres.append(Float(length))
                }
                if direction != .forward {
                    sources.append(b); targets.append(a); seconds.append(time); metres.append(Float(length))
                }
            }
        }
        var graph = RoadGraph(nodeLons: ways.nodeLons, nodeLats: ways.nodeLats, nodeXs: xs, nodeYs: ys, nodeIds: ways.nodeIds,
                              edgeSources: sources, edgeTargets: targets, edgeSeconds: seconds, edgeMetres: metres)
        if spatialOrder { graph = graph.spatiallyReordered().graph }
        report.nodes = graph.nodeCount
        report.edges = graph.edgeCount
        report.roadLengthKm = roadMetres / 1000
        report.directedEdgeLengthKm = metres.reduce(0.0) { $0 + Double($1) } / 1000
        return (graph, report)
    }
}

/// Equirectangular projection about a reference point: x = R·Δλ·cos φ0, y = R·Δφ (R = 6,371,008.8 m,
/// the mean Earth radius). Scale error grows with distance from φ0 (about 0.1 % at ±25 km of
/// latitude, 1.5 % at ±1°): for tests, benchmarks and cross-checks with an oracle that uses the
/// same formula, not for production distances (use Lambert-93 through PROJ).
public struct EquirectangularProjection: Sendable {
    public static let earthRadiusMetres = 6_371_008.8
    public let originLon: Double
    public let originLat: Double

    public init(originLon: Double, originLat: Double) {
        self.originLon = originLon
        self.originLat = originLat
    }

    public func project(_ lons: [Double], _ lats: [Double]) -> (xs: [Double], ys: [Double]) {
        let r = Self.earthRadiusMetres, k = Double.pi / 180, c = cos(originLat * k)
        return (lons.map { r * ($0 - originLon) * k * c }, lats.map { r * ($0 - originLat) * k })
    }

    public var closure: LonLatToMetres {
        let copy = self
        return { copy.project($0, $1) }
    }
}
