/// The coordinates of a geometry as Swift values: what readers produce, writers consume, PROJ
/// reprojects and GEOS geometries are built from.
/// Polygon rings: ring 0 is the exterior, the others are holes; rings are closed (first == last).
public indirect enum Shape: Sendable, Equatable {
    case point(XY)
    case lineString([XY])
    case polygon([[XY]])
    case multiPoint([XY])
    case multiLineString([[XY]])
    case multiPolygon([[[XY]]])
    case collection([Shape])
    /// An empty geometry of any type (written as a null geometry).
    case empty

    /// The GeoJSON / OGC type name, e.g. "MultiPolygon".
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .collection, .empty: "GeometryCollection"
        }
    }

    /// Applies `transform` to every coordinate, keeping the structure.
    public func mapCoordinates(_ transform: (XY) throws -> XY) rethrows -> Shape {
        switch self {
        case .point(let p): return .point(try transform(p))
        case .lineString(let line): return .lineString(try line.map(transform))
        case .polygon(let rings): return .polygon(try rings.map { try $0.map(transform) })
        case .multiPoint(let points): return .multiPoint(try points.map(transform))
        case .multiLineString(let lines): return .multiLineString(try lines.map { try $0.map(transform) })
        case .multiPolygon(let polygons): return .multiPolygon(try polygons.map { try $0.map { try $0.map(transform) } })
        case .collection(let shapes): return .collection(try shapes.map { try $0.mapCoordinates(transform) })
        case .empty: return .empty
        }
    }

    /// Every coordinate in order (the order `mapCoordinates` visits them).
    public var allCoordinates: [XY] {
        var result: [XY] = []
        _ = mapCoordinates { result.append($0); return $0 }
        return result
    }

    /// The polygons of a polygonal shape (a collection contributes its polygonal members), as lists of rings.
    public var polygons: [[[XY]]] {
        switch self {
        case .polygon(let rings): [rings]
        case .multiPolygon(let polygons): polygons
        case .collection(let parts): parts.flatMap(\.polygons)
        default: []
        }
    }
}
