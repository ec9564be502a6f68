import Foundation

/// Union of polygons that form an exact coverage, by cancelling shared edges.
///
/// In a coverage, neighbours share borders with identical vertices, so every interior edge appears
/// twice, once in each direction (after orienting every ring with the interior on its left). The
/// edges left after cancelling those pairs are the boundary of the union; they are chained into
/// rings (turning as far left as possible at vertices where regions touch), counter-clockwise rings
/// become shells and clockwise rings holes. This is linear in the number of edges, where GEOS 3.11's
/// coverage union builds a full overlay graph. Returns nil when the input is not an exact coverage
/// (an edge repeated in the same direction) or the result is not valid: callers fall back to GEOS.
public enum CoverageDissolve {
    /// A directed boundary edge, with the region on its left.
    public struct Edge: Hashable, Sendable {
        public let a: XY, b: XY
        public init(a: XY, b: XY) { self.a = a; self.b = b }
    }

    public static func union(_ polygons: [Geometry], kind: CoordinateKind) throws -> Geometry? {
        var boundary = Set<Edge>()
        for polygon in polygons {
            for ring in rings(of: polygon.shape) {
                var previous = ring[0]
                for point in ring.dropFirst() where point != previous {
                    let edge = Edge(a: previous, b: point)
                    if boundary.remove(Edge(a: point, b: previous)) == nil {
                        guard boundary.insert(edge).inserted else { return nil }   // overlapping parts
                    }
                    previous = point
                }
            }
        }
        return try assemble(boundary: boundary, kind: kind)
    }

    /// Polygons from directed boundary edges (region on the left of each edge; every vertex has as
    /// many outgoing as incoming edges). Collinear vertices along straight runs are dropped.
    /// nil when the edges do not close into a valid polygon set.
    public static func assemble(boundary: Set<Edge>, kind: CoordinateKind) throws -> Geometry? {
        // Outgoing boundary edges of each vertex.
        var outgoing: [XY: [XY]] = [:]
        for edge in boundary { outgoing[edge.a, default: []].append(edge.b) }
        var shells: [[XY]] = [], holes: [[XY]] = []
        // Deterministic order of ring starts.
        for start in boundary.sorted(by: { ($0.a.x, $0.a.y, $0.b.x, $0.b.y) < ($1.a.x, $1.a.y, $1.b.x, $1.b.y) }) {
            guard var targets = outgoing[start.a], let first = targets.firstIndex(of: start.b) else { continue }
            targets.remove(at: first)
            outgoing[start.a] = targets
            // Follow the sharpest left turns until the start edge itself comes next (not merely its
            // vertex: at a vertex where regions touch, the ring may pass the start vertex and go on).
            var ring = [start.a, start.b]
            var from = start.a, at = start.b
            while true {
                var candidates = outgoing[at] ?? []
                if at == start.a { candidates.append(start.b) }   // the start edge, to close the ring
                guard !candidates.isEmpty else { return nil }
                let next = candidates.count == 1 ? 0 : leftmostTurn(from: from, at: at, candidates: candidates)
                if at == start.a && next == candidates.count - 1 { break }
                let to = candidates[next]
                var remaining = outgoing[at]!
                remaining.remove(at: remaining.firstIndex(of: to)!)
                outgoing[at] = remaining
                ring.append(to)
                from = at
                at = to
            }
            guard ring.count >= 4 else { return nil }
            // A region touching itself at a vertex gives a ring through that vertex twice (valid for
            // some formats, not for OGC): split it there into a shell and an inverted hole.
            for part in splitAtRepeatedVertices(ring) {
                guard part.count >= 4 else { return nil }
                let simplified = withoutCollinearVertices(part)
                if ringArea(simplified) > 0 { shells.append(simplified) } else { holes.append(simplified) }
            }
        }
        // Each hole goes in the smallest shell that contains it.
        let shellGeometries = try shells.map { try Geometry.polygon([$0], kind: kind) }
        let shellAreas = shells.map(ringArea)
        let index = SpatialIndex(envelopes: shellGeometries.map(\.envelope))
        let prepared = shellGeometries.map(PreparedGeometry.init)
        var holesOfShell = [[[XY]]](repeating: [], count: shells.count)
        for hole in holes {
            let probe = try Geometry.point(XY((hole[0].x + hole[1].x) / 2, (hole[0].y + hole[1].y) / 2), kind: kind)
            let holeBox = Envelope(minX: hole.map(\.x).min()!, minY: hole.map(\.y).min()!, maxX: hole.map(\.x).max()!, maxY: hole.map(\.y).max()!)
            let owner = try index.query(holeBox).filter { try prepared[$0].contains(probe) }.min { shellAreas[$0] < shellAreas[$1] }
            guard let owner else { return nil }
            holesOfShell[owner].append(hole)
        }
        let result = try Geometry.multiPolygon(shells.indices.map { [shells[$0]] + holesOfShell[$0] }, kind: kind)
        return try result.isValid ? result : nil
    }

    /// Closed rings that each pass every vertex once, cut from a closed ring that may repeat vertices.
    static func splitAtRepeatedVertices(_ ring: [XY]) -> [[XY]] {
        var result: [[XY]] = []
        var stack: [XY] = []
        var position: [XY: Int] = [:]
        for point in ring.dropLast() {
            if let start = position[point] {
                // The stretch since the previous visit is a loop of its own.
                let loop = Array(stack[start...]) + [point]
                result.append(loop)
                for removed in stack[(start + 1)...] { position[removed] = nil }
                stack.removeSubrange((start + 1)...)
            } else {
                position[point] = stack.count
                stack.append(point)
            }
        }
        result.append(stack + [stack[0]])
        return result
    }

    /// The closed ring without vertices lying on a straight line between their neighbours.
    static func withoutCollinearVertices(_ ring: [XY]) -> [XY] {
        let open = Array(ring.dropLast())
        guard open.count > 3 else { return ring }
        var kept: [XY] = []
        for (index, point) in open.enumerated() {
            let previous = open[(index + open.count - 1) % open.count], next = open[(index + 1) % open.count]
            let cross = (point.x - previous.x) * (next.y - point.y) - (point.y - previous.y) * (next.x - point.x)
            if cross != 0 { kept.append(point) }
        }
        guard kept.count >= 3 else { return ring }
        return kept + [kept[0]]
    }

    /// Closed rings of the polygons, exteriors counter-clockwise and holes clockwise.
    static func rings(of shape: Shape) -> [[XY]] {
        switch shape {
        case .polygon(let rings):
            return rings.enumerated().compactMap { index, ring in
                guard ring.count >= 4 else { return nil }
                let counterClockwise = ringArea(ring) > 0
                return (index == 0) == counterClockwise ? ring : ring.reversed()
            }
        case .multiPolygon(let polygons): return polygons.flatMap { rings(of: .polygon($0)) }
        case .collection(let parts): return parts.flatMap(rings(of:))
        default: return []
        }
    }

    static func ringArea(_ ring: [XY]) -> Double {
        var sum = 0.0
        for index in 1..<ring.count { sum += ring[index - 1].x * ring[index].y - ring[index].x * ring[index - 1].y }
        return sum / 2
    }

    /// Among edges leaving `at`, the first one met turning clockwise from the way back to `from`:
    /// the sharpest left turn, which keeps the traced region on the left.
    static func leftmostTurn(from: XY, at: XY, candidates: [XY]) -> Int {
        let back = atan2(from.y - at.y, from.x - at.x)
        var best = 0, bestRotation = Double.infinity
        for (index, to) in candidates.enumerated() {
            var rotation = back - atan2(to.y - at.y, to.x - at.x)   // clockwise angle from `back`
            while rotation <= 0 { rotation += 2 * .pi }
            if rotation < bestRotation { bestRotation = rotation; best = index }
        }
        return best
    }
}
