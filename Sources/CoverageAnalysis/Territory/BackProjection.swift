import GeoCore
import GeosGeometry
import Projection

/// Projects metric geometries back to WGS84 lon/lat coordinates for the outputs (one PROJ call per
/// geometry; the result feeds the writers directly, without rebuilding a GEOS geometry).
struct BackProjection: Sendable {
    let crs: CRS
    func callAsFunction(_ geometry: Geometry) throws -> Shape {
        try ThreadTransformers.with(from: crs, to: .wgs84) { try $0.transform(geometry.shape) }
    }
}
