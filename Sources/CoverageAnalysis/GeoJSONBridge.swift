import GeoIO
import GeosGeometry

/// Conversions between GeoJSON coordinate values (GeoIO) and GEOS geometries (GeosGeometry).
extension Shape {
    public init(_ geometry: GeoJSONGeometry) {
        func xy(_ p: Position) -> XY { XY(p.x, p.y) }
        switch geometry {
        case .point(let p): self = .point(xy(p))
        case .multiPoint(let points): self = .multiPoint(points.map(xy))
        case .lineString(let line): self = .lineString(line.map(xy))
        case .multiLineString(let lines): self = .multiLineString(lines.map { $0.map(xy) })
        case .polygon(let rings): self = .polygon(rings.map { $0.map(xy) })
        case .multiPolygon(let polygons): self = .multiPolygon(polygons.map { $0.map { $0.map(xy) } })
        case .geometryCollection(let parts): self = .collection(parts.map(Shape.init))
        }
    }
}

extension GeoJSONGeometry {
    /// The GeoJSON value of a shape; `nil` for an empty geometry (written as `"geometry": null`).
    public init?(_ shape: Shape) {
        func position(_ p: XY) -> Position { Position(x: p.x, y: p.y) }
        switch shape {
        case .point(let p): self = .point(position(p))
        case .multiPoint(let points): self = .multiPoint(points.map(position))
        case .lineString(let line): self = .lineString(line.map(position))
        case .multiLineString(let lines): self = .multiLineString(lines.map { $0.map(position) })
        case .polygon(let rings): self = .polygon(rings.map { $0.map(position) })
        case .multiPolygon(let polygons): self = .multiPolygon(polygons.map { $0.map { $0.map(position) } })
        case .collection(let parts): self = .geometryCollection(parts.compactMap(GeoJSONGeometry.init))
        case .empty: return nil
        }
    }
}
