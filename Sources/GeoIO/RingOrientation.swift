/// RFC 7946 §3.1.6 winding: exterior rings counter-clockwise, holes clockwise.
enum RingOrientation {
    /// Twice the signed area (shoelace), positive for a counter-clockwise ring in x-right, y-up axes.
    /// Positions are taken relative to the first one to keep precision.
    static func doubledSignedArea(_ ring: [Position]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let origin = ring[0]
        var sum = 0.0
        var previous = Position(x: 0, y: 0)
        for position in ring.dropFirst() {
            let current = Position(x: position.x - origin.x, y: position.y - origin.y)
            sum += previous.x * current.y - current.x * previous.y
            previous = current
        }
        return sum
    }

    /// The ring in the requested winding; rings with zero area are left as they are.
    static func oriented(_ ring: [Position], counterClockwise: Bool) -> [Position] {
        let area = doubledSignedArea(ring)
        if area == 0 || (area > 0) == counterClockwise { return ring }
        return ring.reversed()
    }

    /// Ring 0 counter-clockwise, the others clockwise.
    static func oriented(polygon rings: [[Position]]) -> [[Position]] {
        rings.enumerated().map { index, ring in oriented(ring, counterClockwise: index == 0) }
    }
}
