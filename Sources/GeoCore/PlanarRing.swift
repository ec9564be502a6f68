/// Arithmetic on rings of planar coordinates: signed area, moments, orientation and
/// Sutherland–Hodgman clipping. Clipping a possibly non-convex ring against a convex window can
/// leave zero-width "bridge" edges, but the signed area and first moments of the result are exact,
/// which is all the callers use; geometries that are written out come from GEOS overlays.
public enum PlanarRing {
    /// Shoelace signed area (positive counter-clockwise in x-right, y-up axes); the ring may be open or closed.
    @inlinable public static func signedArea(_ ring: [XY]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        var previous = ring[ring.count - 1]
        for point in ring {
            sum += previous.x * point.y - point.x * previous.y
            previous = point
        }
        return sum / 2
    }

    /// Signed area and first moments (∫x, ∫y) of a ring (implicitly closed).
    @inlinable public static func moments(_ points: [XY]) -> (area: Double, mx: Double, my: Double) {
        var twiceArea = 0.0, mx = 0.0, my = 0.0
        guard points.count >= 3 else { return (0, 0, 0) }
        var previous = points[points.count - 1]
        for point in points {
            let cross = previous.x * point.y - point.x * previous.y
            twiceArea += cross
            mx += (previous.x + point.x) * cross
            my += (previous.y + point.y) * cross
            previous = point
        }
        return (twiceArea / 2, mx / 6, my / 6)
    }

    /// The ring in the requested winding; rings with zero area are left as they are.
    public static func oriented(_ ring: [XY], counterClockwise: Bool) -> [XY] {
        let area = signedArea(ring)
        if area == 0 || (area > 0) == counterClockwise { return ring }
        return ring.reversed()
    }

    /// RFC 7946 winding of a polygon: ring 0 (exterior) counter-clockwise, holes clockwise.
    public static func oriented(polygon rings: [[XY]]) -> [[XY]] {
        rings.enumerated().map { index, ring in oriented(ring, counterClockwise: index == 0) }
    }

    /// The part of `subject` inside the counter-clockwise convex closed ring `convex` (on the left
    /// of every edge). Returns an open ring.
    public static func clip(_ subject: [XY], byConvex convex: [XY]) -> [XY] {
        var output = subject.first == subject.last ? Array(subject.dropLast()) : subject
        var input: [XY] = []
        input.reserveCapacity(output.count + 8)
        for edge in 0..<(convex.count - 1) {
            guard !output.isEmpty else { break }
            swap(&input, &output)
            clip(input, to: EdgeHalfPlane(a: convex[edge], b: convex[edge + 1]), into: &output)
        }
        return output
    }

    /// The part of an open ring with low ≤ x ≤ high (`alongX`) or low ≤ y ≤ high. Returns an open ring.
    public static func clip(_ points: [XY], alongX: Bool, low: Double, high: Double) -> [XY] {
        var lower: [XY] = [], result: [XY] = []
        clip(points, to: AxisHalfPlane(alongX: alongX, bound: low, keepsAbove: true), into: &lower)
        clip(lower, to: AxisHalfPlane(alongX: alongX, bound: high, keepsAbove: false), into: &result)
        return result
    }

    /// One Sutherland–Hodgman pass: the part of the open ring `input` inside `halfPlane`, written to `output`.
    @inlinable static func clip<H: ClipHalfPlane>(_ input: [XY], to halfPlane: H, into output: inout [XY]) {
        output.removeAll(keepingCapacity: true)
        guard !input.isEmpty else { return }
        output.reserveCapacity(input.count + 4)
        var previous = input[input.count - 1]
        var previousSide = halfPlane.side(previous)
        for current in input {
            let currentSide = halfPlane.side(current)
            if currentSide >= 0 {
                if previousSide < 0 { output.append(halfPlane.crossing(previous, previousSide, current, currentSide)) }
                output.append(current)
            } else if previousSide >= 0 {
                output.append(halfPlane.crossing(previous, previousSide, current, currentSide))
            }
            previous = current
            previousSide = currentSide
        }
    }
}

/// A half-plane for clipping: `side(p) >= 0` inside; `crossing` is where the edge p→q meets the boundary.
@usableFromInline protocol ClipHalfPlane {
    func side(_ p: XY) -> Double
    func crossing(_ p: XY, _ sideP: Double, _ q: XY, _ sideQ: Double) -> XY
}

/// The left side of the directed edge a→b.
@usableFromInline struct EdgeHalfPlane: ClipHalfPlane {
    let a: XY, ex: Double, ey: Double
    @usableFromInline init(a: XY, b: XY) { self.a = a; ex = b.x - a.x; ey = b.y - a.y }
    @usableFromInline func side(_ p: XY) -> Double { ex * (p.y - a.y) - ey * (p.x - a.x) }
    @usableFromInline func crossing(_ p: XY, _ sideP: Double, _ q: XY, _ sideQ: Double) -> XY {
        let t = sideP / (sideP - sideQ)
        return XY(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y))
    }
}

/// x ≥ bound or x ≤ bound (or the same on y); crossings land exactly on the bound.
@usableFromInline struct AxisHalfPlane: ClipHalfPlane {
    let alongX: Bool, bound: Double, keepsAbove: Bool
    @usableFromInline init(alongX: Bool, bound: Double, keepsAbove: Bool) {
        self.alongX = alongX; self.bound = bound; self.keepsAbove = keepsAbove
    }
    @usableFromInline func side(_ p: XY) -> Double {
        let value = alongX ? p.x : p.y
        return keepsAbove ? (value >= bound ? 0 : -1) : (value <= bound ? 0 : -1)
    }
    @usableFromInline func crossing(_ p: XY, _ sideP: Double, _ q: XY, _ sideQ: Double) -> XY {
        let (vp, vq) = alongX ? (p.x, q.x) : (p.y, q.y)
        let t = (bound - vp) / (vq - vp)
        return alongX ? XY(bound, p.y + t * (q.y - p.y)) : XY(p.x + t * (q.x - p.x), bound)
    }
}

/// The rings of a polygonal shape, for areas inside convex windows (discs, Voronoi cells).
public struct RingSet: Sendable {
    /// Rings, each with +1 for an exterior and -1 for a hole.
    public let rings: [(points: [XY], sign: Double)]

    public init(_ shape: Shape) {
        var rings: [(points: [XY], sign: Double)] = []
        for polygon in shape.polygons {
            for (index, ring) in polygon.enumerated() where ring.count >= 4 {
                rings.append((ring, index == 0 ? 1 : -1))
            }
        }
        self.rings = rings
    }

    /// Area inside the convex, counter-clockwise polygon `convex` (closed ring).
    public func areaInside(convex: [XY]) -> Double {
        var total = 0.0
        for ring in rings {
            let orientation = PlanarRing.signedArea(ring.points) >= 0 ? 1.0 : -1.0
            total += ring.sign * orientation * PlanarRing.signedArea(PlanarRing.clip(ring.points, byConvex: convex))
        }
        return max(0, total)
    }

    /// Area inside the intersection of all the convex, counter-clockwise closed rings (clipped in turn).
    public func areaInside(all convexRings: [[XY]]) -> Double {
        var total = 0.0
        for ring in rings {
            var clipped = ring.points
            for convex in convexRings where !clipped.isEmpty {
                clipped = PlanarRing.clip(clipped, byConvex: convex)
                if !clipped.isEmpty { clipped.append(clipped[0]) }
            }
            let orientation = PlanarRing.signedArea(ring.points) >= 0 ? 1.0 : -1.0
            total += ring.sign * orientation * PlanarRing.signedArea(clipped)
        }
        return max(0, total)
    }

    /// Area inside the union of the convex rings, by inclusion–exclusion (for a few rings).
    public func areaInside(union convexRings: [[XY]]) -> Double {
        var total = 0.0
        func visit(_ start: Int, _ chosen: [[XY]]) {
            for index in start..<convexRings.count {
                let set = chosen + [convexRings[index]]
                let area = areaInside(all: set)
                guard area > 0 else { continue }   // supersets of an empty intersection are empty too
                total += set.count % 2 == 1 ? area : -area
                visit(index + 1, set)
            }
        }
        visit(0, [])
        return total
    }
}
