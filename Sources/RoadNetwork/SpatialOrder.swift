import GeoCore

/// Node renumbering along a Hilbert curve, so that nodes close on the ground are close in memory.
///
/// A search touches a node's neighbours right after the node; with nodes in OSM id order (the
/// order mappers created them) those neighbours are scattered over the arrays and nearly every
/// step misses the cache. Along a Hilbert curve most neighbours share cache lines: on the
/// synthetic benchmark a randomly numbered graph searches several times slower than a spatially
/// numbered one (scripts/bench-roads.sh).
extension RoadGraph {
    /// The same graph with nodes renumbered in Hilbert-curve order of their projected x/y (ties
    /// by old index); `newIndex[old]` is the new number. Node ids, coordinates and edges follow.
    public func spatiallyReordered() -> (graph: RoadGraph, newIndex: [Int32]) {
        let n = nodeCount
        guard n > 1 else { return (self, (0..<Int32(n)).map { $0 }) }
        let minX = nodeXs.min()!, maxX = nodeXs.max()!, minY = nodeYs.min()!, maxY = nodeYs.max()!
        let side = Double(1 << 16 - 1)
        let scale = side / max(maxX - minX, maxY - minY, 1e-9)
        var keyed = (0..<n).map { i -> UInt64 in
            let hx = UInt32(min(side, ((nodeXs[i] - minX) * scale).rounded(.down)))
            let hy = UInt32(min(side, ((nodeYs[i] - minY) * scale).rounded(.down)))
            return UInt64(HilbertCurve.index(x: hx, y: hy)) << 32 | UInt64(i)
        }
        keyed.sort()
        var newIndex = [Int32](repeating: 0, count: n)
        for (position, key) in keyed.enumerated() { newIndex[Int(key & 0xFFFF_FFFF)] = Int32(position) }
        let old = keyed.map { Int($0 & 0xFFFF_FFFF) }
        let sources = edgeSources().map { newIndex[Int($0)] }
        let graph = RoadGraph(nodeLons: old.map { nodeLons[$0] }, nodeLats: old.map { nodeLats[$0] },
                              nodeXs: old.map { nodeXs[$0] }, nodeYs: old.map { nodeYs[$0] }, nodeIds: old.map { nodeIds[$0] },
                              edgeSources: sources, edgeTargets: edgeTargets.map { newIndex[Int($0)] },
                              edgeSeconds: edgeSeconds, edgeMetres: edgeMetres)
        return (graph, newIndex)
    }
}
