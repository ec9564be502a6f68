import GeosGeometry

/// Area of the intersection of polygons with a convex polygon, in pure arithmetic
/// (Sutherland–Hodgman clipping). A non-convex ring clipped by a convex region may gain zero-width
/// "bridge" edges, but its signed area is exactly that of the intersection, which is all that is
/// needed here; GEOS overlays are kept for the geometries that are written out.
public struct RingSet: Sendable {
    /// Rings, each with +1 for an exterior and -1 for a hole.
    public let rings: [(points: [XY], sign: Double)]

    public init(_ shape: Shape) {
        var rings: [(points: [XY], sign: Double)] = []
        func add(_ polygon: [[XY]]) {
            for (index, ring) in polygon.enumerated() where ring.count >= 4 {
                rings.append((ring, index == 0 ? 1 : -1))
            }
        }
        switch shape {
        case .polygon(let polygon): add(polygon)
        case .multiPolygon(let polygons): polygons.forEach(add)
        case .collection(let parts): rings = parts.flatMap { RingSet($0).rings }
        default: break
        }
        self.rings = rings
    }

    /// Area inside the convex, counter-clockwise polygon `convex` (closed ring).
    public func areaInside(convex: [XY]) -> Double {
        var total = 0.0
        for ring in rings {
            let orientation = signedArea(ring.points) >= 0 ? 1.0 : -1.0
            total += ring.sign * orientation * signedArea(clip(ring.points, by: convex))
        }
        return max(0, total)
    }
}

/// Shoelace signed area (positive counter-clockwise); the ring may be open or closed.
@inlinable func signedArea(_ ring: [XY]) -> Double {
    guard ring.count >= 3 else { return 0 }
    var sum = 0.0
    var previous = ring[ring.count - 1]
    for point in ring {
        sum += previous.x * point.y - point.x * previous.y
        previous = point
    }
    return sum / 2
}

/// Sutherland–Hodgman: the part of `subject` on the left of every edge of the counter-clockwise
/// convex ring `convex`. Returns an open ring.
func clip(_ subject: [XY], by convex: [XY]) -> [XY] {
    var output = subject.first == subject.last ? Array(subject.dropLast()) : subject
    var input: [XY] = []
    input.reserveCapacity(output.count + 8)
    for edge in 0..<(convex.count - 1) {
        guard !output.isEmpty else { break }
        swap(&input, &output)
        output.removeAll(keepingCapacity: true)
        let a = convex[edge], b = convex[edge + 1]
        let ex = b.x - a.x, ey = b.y - a.y
        func side(_ p: XY) -> Double { ex * (p.y - a.y) - ey * (p.x - a.x) }
        var previous = input[input.count - 1]
        var previousSide = side(previous)
        for current in input {
            let currentSide = side(current)
            if currentSide >= 0 {
                if previousSide < 0 { output.append(crossing(previous, previousSide, current, currentSide)) }
                output.append(current)
            } else if previousSide >= 0 {
                output.append(crossing(previous, previousSide, current, currentSide))
            }
            previous = current
            previousSide = currentSide
        }
    }
    return output
}

@inline(__always) private func crossing(_ p: XY, _ sp: Double, _ q: XY, _ sq: Double) -> XY {
    let t = sp / (sp - sq)
    return XY(p.x + t * (q.x - p.x), p.y + t * (q.y - p.y))
}
