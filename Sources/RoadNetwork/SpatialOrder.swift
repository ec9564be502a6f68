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
            return UInt64(hilbertIndex(hx, hy, order: 16)) << 32 | UInt64(i)
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

/// Position of (x, y) along the Hilbert curve filling a 2^order × 2^order grid.
func hilbertIndex(_ x: UInt32, _ y: UInt32, order: Int) -> UInt32 {
    var x = x, y = y, d: UInt32 = 0
    var s = UInt32(1) << (order - 1)
    while s > 0 {
        let rx: UInt32 = (x & s) > 0 ? 1 : 0
        let ry: UInt32 = (y & s) > 0 ? 1 : 0
        d += s * s * ((3 * rx) ^ ry)
        if ry == 0 {
            if rx == 1 { x = s &- 1 &- x; y = s &- 1 &- y }
            (x, y) = (y, x)
        }
        s >>= 1
    }
    return d
}
