/// A point snapped to a graph node.
public struct NodeSnap: Sendable, Equatable {
    /// Graph node index.
    public var node: Int32
    /// Straight-line distance from the point to the node, metres (projected plane).
    public var distanceMetres: Double
}

/// Nearest-node queries on projected points (metres) with a uniform grid of about two nodes per
/// cell. Exact: the search widens ring by ring until no closer node can exist. Ties (equal
/// distance, e.g. two OSM nodes at the same place) go to the lowest tie-break key: the OSM node
/// id for graphs, else the node index.
public struct NearestNodeIndex: Sendable {
    private let xs: [Double], ys: [Double]
    private let tieBreakKeys: [Int64]?
    private let minX: Double, minY: Double, cellSize: Double
    private let columns: Int, rows: Int
    private let cellStarts: [Int32]
    private let cellNodes: [Int32]

    /// Indexes `candidates` (all nodes when nil) of the node coordinates `xs`, `ys`.
    public init(xs: [Double], ys: [Double], candidates: [Int32]? = nil, tieBreakKeys: [Int64]? = nil) {
        precondition(xs.count == ys.count && (tieBreakKeys == nil || tieBreakKeys!.count == xs.count))
        self.xs = xs
        self.ys = ys
        self.tieBreakKeys = tieBreakKeys
        let nodes = candidates ?? (0..<Int32(xs.count)).map { $0 }
        var lowX = Double.infinity, lowY = Double.infinity, highX = -Double.infinity, highY = -Double.infinity
        for n in nodes {
            lowX = min(lowX, xs[Int(n)]); highX = max(highX, xs[Int(n)])
            lowY = min(lowY, ys[Int(n)]); highY = max(highY, ys[Int(n)])
        }
        if nodes.isEmpty { lowX = 0; lowY = 0; highX = 0; highY = 0 }
        let width = max(highX - lowX, 1), height = max(highY - lowY, 1)
        var size = max((width * height * 2 / Double(max(nodes.count, 1))).squareRoot(), 1)
        // Keep the grid to at most ~4 cells per node even for degenerate (line-like) layouts.
        while (width / size + 1) * (height / size + 1) > Double(4 * max(nodes.count, 1) + 16) { size *= 2 }
        minX = lowX; minY = lowY; cellSize = size
        columns = Int(width / size) + 1
        rows = Int(height / size) + 1
        var starts = [Int32](repeating: 0, count: columns * rows + 1)
        var cellOf = [Int32](repeating: 0, count: nodes.count)
        for (i, n) in nodes.enumerated() {
            let cx = min(columns - 1, Int((xs[Int(n)] - lowX) / size))
            let cy = min(rows - 1, Int((ys[Int(n)] - lowY) / size))
            cellOf[i] = Int32(cy * columns + cx)
            starts[Int(cellOf[i]) + 1] += 1
        }
        for c in 0..<(columns * rows) { starts[c + 1] += starts[c] }
        var fill = Array(starts.dropLast())
        var sorted = [Int32](repeating: 0, count: nodes.count)
        for (i, n) in nodes.enumerated() {
            let c = Int(cellOf[i])
            sorted[Int(fill[c])] = n
            fill[c] += 1
        }
        cellStarts = starts
        cellNodes = sorted
    }

    /// Indexes the nodes of a graph (all of them, or `candidates`).
    public init(graph: RoadGraph, candidates: [Int32]? = nil) {
        self.init(xs: graph.nodeXs, ys: graph.nodeYs, candidates: candidates, tieBreakKeys: graph.nodeIds)
    }

    public var isEmpty: Bool { cellNodes.isEmpty }

    /// The nearest indexed node to (x, y), or nil when the index is empty.
    public func nearest(x: Double, y: Double) -> NodeSnap? {
        guard !cellNodes.isEmpty else { return nil }
        let cx = min(max(Int(((x - minX) / cellSize).rounded(.down)), 0), columns - 1)
        let cy = min(max(Int(((y - minY) / cellSize).rounded(.down)), 0), rows - 1)
        var best: Int32 = -1
        var bestSquared = Double.infinity
        var ring = 0
        let maxRing = max(columns, rows)
        while ring <= maxRing {
            // Smallest possible distance to any cell of this ring.
            if best >= 0 {
                let reach = ringLowerBound(x: x, y: y, cx: cx, cy: cy, ring: ring)
                if reach * reach > bestSquared { break }
            }
            for gy in (cy - ring)...(cy + ring) where gy >= 0 && gy < rows {
                let onEdgeRow = gy == cy - ring || gy == cy + ring
                var gx = cx - ring
                while gx <= cx + ring {
                    if gx >= 0 && gx < columns {
                        let c = gy * columns + gx
                        for k in Int(cellStarts[c])..<Int(cellStarts[c + 1]) {
                            let n = cellNodes[k]
                            let dx = xs[Int(n)] - x, dy = ys[Int(n)] - y
                            let d = dx * dx + dy * dy
                            if d < bestSquared || (d == bestSquared && precedes(n, best)) { bestSquared = d; best = n }
                        }
                    }
                    gx += (onEdgeRow || ring == 0) ? 1 : 2 * ring
                }
            }
            ring += 1
        }
        return NodeSnap(node: best, distanceMetres: bestSquared.squareRoot())
    }

    @inline(__always) private func precedes(_ a: Int32, _ b: Int32) -> Bool {
        guard let keys = tieBreakKeys else { return a < b }
        return keys[Int(a)] < keys[Int(b)] || (keys[Int(a)] == keys[Int(b)] && a < b)
    }

    /// Lower bound of the distance from (x, y) to cells at Chebyshev ring `ring` around (cx, cy).
    private func ringLowerBound(x: Double, y: Double, cx: Int, cy: Int, ring: Int) -> Double {
        let left = minX + Double(cx - ring + 1) * cellSize, right = minX + Double(cx + ring) * cellSize
        let bottom = minY + Double(cy - ring + 1) * cellSize, top = minY + Double(cy + ring) * cellSize
        // Distance from the point to the outside of the box covered by rings < `ring`.
        let dx = min(x - left, right - x), dy = min(y - bottom, top - y)
        return max(0, min(dx, dy))
    }

    /// Snaps many points.
    public func nearest(xs qx: [Double], ys qy: [Double]) -> [NodeSnap?] {
        zip(qx, qy).map { nearest(x: $0, y: $1) }
    }
}
