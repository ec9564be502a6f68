/// A planar coordinate: longitude/latitude in degrees, or easting/northing in metres.
/// The one point type of Maillage: readers, writers, projections, road graphs and GEOS all use it.
public struct XY: Sendable, Hashable {
    public var x: Double
    public var y: Double
    @inlinable public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    @inlinable public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// Axis-aligned bounding box.
public struct Envelope: Sendable, Hashable {
    public var minX, minY, maxX, maxY: Double
    @inlinable public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX; self.minY = minY; self.maxX = maxX; self.maxY = maxY
    }
    /// The box of one point.
    @inlinable public init(point: XY) { self.init(minX: point.x, minY: point.y, maxX: point.x, maxY: point.y) }
    /// The box of the points; `.empty` for none.
    public init(of points: some Sequence<XY>) {
        self = .empty
        for p in points { minX = min(minX, p.x); minY = min(minY, p.y); maxX = max(maxX, p.x); maxY = max(maxY, p.y) }
    }
    /// The empty envelope: contains nothing, intersects nothing.
    public static let empty = Envelope(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)
    public var isEmpty: Bool { minX > maxX || minY > maxY }
    @inlinable public func intersects(_ other: Envelope) -> Bool {
        minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
    }
    public func expanded(by distance: Double) -> Envelope {
        Envelope(minX: minX - distance, minY: minY - distance, maxX: maxX + distance, maxY: maxY + distance)
    }
    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: min(minX, other.minX), minY: min(minY, other.minY),
                 maxX: max(maxX, other.maxX), maxY: max(maxY, other.maxY))
    }
    /// Smallest distance between the two boxes (0 when they intersect).
    @inlinable public func distance(to other: Envelope) -> Double {
        let dx = max(0, max(other.minX - maxX, minX - other.maxX))
        let dy = max(0, max(other.minY - maxY, minY - other.maxY))
        return (dx * dx + dy * dy).squareRoot()
    }
    @inlinable public func distance(to point: XY) -> Double {
        let dx = max(0, max(minX - point.x, point.x - maxX))
        let dy = max(0, max(minY - point.y, point.y - maxY))
        return (dx * dx + dy * dy).squareRoot()
    }
}
