internal import CGDAL
import GeoCore

/// OGR geometries to `Shape`: only x and y are read (Z and M dropped), rings are closed.
/// Curved types must have been linearised first (`VectorSource` does it).
enum GeometryConversion {
    enum Failure: Error {
        case unsupported(String)
    }

    static func shape(_ geometry: OGRGeometryH) throws(Failure) -> Shape {
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(geometry))
        switch type {
        case wkbPoint:
            return .point(XY(OGR_G_GetX(geometry, 0), OGR_G_GetY(geometry, 0)))
        case wkbLineString, wkbLinearRing:
            return .lineString(points(geometry))
        case wkbPolygon, wkbTriangle:
            return .polygon(rings(geometry))
        case wkbMultiPoint:
            return .multiPoint(parts(geometry).map { XY(OGR_G_GetX($0, 0), OGR_G_GetY($0, 0)) })
        case wkbMultiLineString:
            return .multiLineString(parts(geometry).map(points))
        case wkbMultiPolygon, wkbPolyhedralSurface, wkbTIN:
            return .multiPolygon(parts(geometry).map(rings))
        case wkbGeometryCollection:
            var shapes: [Shape] = []
            for part in parts(geometry) where OGR_G_IsEmpty(part) == 0 { shapes.append(try shape(part)) }
            return .collection(shapes)
        default:
            throw .unsupported(String(gdal: OGRGeometryTypeToName(type)))
        }
    }

    /// The sub-geometries of a collection, or the rings of a polygon, in order (owned by `geometry`).
    private static func parts(_ geometry: OGRGeometryH) -> [OGRGeometryH] {
        (0..<OGR_G_GetGeometryCount(geometry)).compactMap { OGR_G_GetGeometryRef(geometry, $0) }
    }

    /// The rings of a polygon, each closed.
    private static func rings(_ polygon: OGRGeometryH) -> [[XY]] {
        parts(polygon).map { ring in
            var positions = points(ring)
            if let first = positions.first, positions.last != first { positions.append(first) }
            return positions
        }
    }

    /// The x and y of a simple curve, copied in one call straight into `XY` storage.
    private static func points(_ curve: OGRGeometryH) -> [XY] {
        let count = Int(OGR_G_GetPointCount(curve))
        guard count > 0 else { return [] }
        let stride = Int32(MemoryLayout<XY>.stride)
        let yOffset = MemoryLayout<XY>.offset(of: \XY.y) ?? MemoryLayout<Double>.size
        return [XY](unsafeUninitializedCapacity: count) { buffer, initialized in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            initialized = Int(OGR_G_GetPoints(curve, base, stride, base + yOffset, stride, nil, 0))
        }
    }
}
