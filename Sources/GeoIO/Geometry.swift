/// A GeoJSON position: x = longitude, y = latitude (WGS84, RFC 7946).
/// A third number (altitude) is accepted when reading and ignored.
public struct Position: Sendable, Hashable {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A GeoJSON geometry as plain coordinate values (no GEOS here).
/// Polygon rings: ring 0 is the exterior, the others are holes; every ring is closed (first == last).
public indirect enum GeoJSONGeometry: Sendable, Equatable {
    case point(Position)
    case multiPoint([Position])
    case lineString([Position])
    case multiLineString([[Position]])
    case polygon([[Position]])
    case multiPolygon([[[Position]]])
    case geometryCollection([GeoJSONGeometry])

    /// The GeoJSON `type` member for this geometry, e.g. "MultiPolygon".
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Number of positions in the geometry, all parts and rings included.
    public var positionCount: Int {
        switch self {
        case .point: 1
        case .multiPoint(let positions), .lineString(let positions): positions.count
        case .multiLineString(let lines), .polygon(let lines): lines.reduce(0) { $0 + $1.count }
        case .multiPolygon(let polygons): polygons.reduce(0) { sum, rings in rings.reduce(sum) { $0 + $1.count } }
        case .geometryCollection(let members): members.reduce(0) { $0 + $1.positionCount }
        }
    }
}
