import Foundation

/// Union of polygons that form an exact coverage, by cancelling shared edges.
///
/// In a coverage, neighbours share borders with identical vertices, so every interior edge appears
/// twice, once in each direction (after orienting every ring with the interior on its left). The
/// edges left after cancelling those pairs are the boundary of the union; they are chained into
/// rings (turning as far left as possible at vertices where regions touch), counter-clockwise rings
/// become shells and clockwise rings holes. This is linear in the number of edges, where GEOS 3.11's
/// coverage union builds a full overlay graph. Returns nil when the input is not an exact coverage
/// (an edge repeated in the same direction) or the edges do not close into rings; callers check the
/// result's validity with GEOS (`Geometry.dissolvingCoverage`) and fall back to a GEOS union.
public enum CoverageDissolve {
    /// A directed boundary edge, with the region on its left.
    public struct Edge: Hashable, Sendable {
        public let a: XY, b: XY
        public init(a: XY, b: XY) { self.a = a; self.b = b }
    }

    /// The union of the polygonal shapes, as a multipolygon; nil when they are not an exact coverage.
    public static func union(_ shapes: [Shape]) -> Shape? {
        guard let boundary = boundary(of: shapes) else { return nil }
        return assemble(boundary: boundary)
    }

    /// The directed edges left after cancelling the pairs shared by neighbours; nil when an edge
    /// is repeated in the same direction (overlapping parts).
    public static func boundary(of shapes: [Shape]) -> Set<Edge>? {
        var boundary = Set<Edge>()
        for shape in shapes {
            for ring in rings(of: shape) {
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
        return boundary
    }

    /// Polygons from directed boundary edges (region on the left of each edge; every vertex has as
    /// many outgoing as incoming edges). Collinear vertices along straight runs are dropped.
    /// nil when the edges do not close into a valid polygon set.
    public static func assemble(boundary: Set<Edge>) -> Shape? {
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
                if PlanarRing.signedArea(simplified) > 0 { shells.append(simplified) } else { holes.append(simplified) }
            }
        }
        // Each hole goes in the smallest shell that contains it (probed at the middle of its first edge).
        let shellAreas = shells.map(PlanarRing.signedArea)
        let index = SpatialIndex(envelopes: shells.map { Envelope(of: $0) })
        var holesOfShell = [[[XY]]](repeating: [], count: shells.count)
        for hole in holes {
            let probe = XY((hole[0].x + hole[1].x) / 2, (hole[0].y + hole[1].y) / 2)
            let owner = index.query(Envelope(of: hole)).filter { strictlyInside(probe, ring: shells[$0]) }
                .min { shellAreas[$0] < shellAreas[$1] }
            guard let owner else { return nil }
            holesOfShell[owner].append(hole)
        }
        return .multiPolygon(shells.indices.map { [shells[$0]] + holesOfShell[$0] })
    }

    /// Whether the point lies inside the closed ring and not on it (crossing number).
    static func strictlyInside(_ point: XY, ring: [XY]) -> Bool {
        var inside = false
        for index in 1..<ring.count {
            let a = ring[index - 1], b = ring[index]
            if a == point { return false }
            let cross = (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x)
            if cross == 0, min(a.x, b.x) <= point.x, point.x <= max(a.x, b.x), min(a.y, b.y) <= point.y, point.y <= max(a.y, b.y) {
                return false   // on an edge
            }
            if (a.y > point.y) != (b.y > point.y), point.x < a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y) {
                inside.toggle()
            }
        }
        return inside
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
        shape.polygons.flatMap { rings in
            rings.enumerated().compactMap { index, ring in
                guard ring.count >= 4 else { return nil }
                let counterClockwise = PlanarRing.signedArea(ring) > 0
                return (index == 0) == counterClockwise ? ring : ring.reversed()
            }
        }
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
