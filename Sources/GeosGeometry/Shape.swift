internal import CGEOS
import GeoCore

extension Geometry {
    /// Copies the coordinates out of GEOS.
    public var shape: Shape { Self.shape(of: pointer, handle: GEOSContext.currentHandle) }

    /// Builds a geometry from coordinates (rings must be closed).
    public static func make(_ shape: Shape, kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        switch shape {
        case .point(let p): return try point(p, kind: kind)
        case .lineString(let line): return try lineString(line, kind: kind)
        case .polygon(let rings): return try polygon(rings, kind: kind)
        case .multiPoint(let points): return try multiPoint(points, kind: kind)
        case .multiLineString(let lines): return try multiLineString(lines, kind: kind)
        case .multiPolygon(let polygons): return try multiPolygon(polygons, kind: kind)
        case .collection(let shapes):
            return try collection(shapes.map { s throws(GeometryError) in try make(s, kind: kind) }, kind: kind)
        case .empty:
            return try geosGeometry("createEmptyCollection", kind: kind) {
                GEOSGeom_createEmptyCollection_r($0, Int32(GEOS_GEOMETRYCOLLECTION.rawValue))
            }
        }
    }

    private static func coordinates(of sequence: OpaquePointer?, handle: GEOSContextHandle_t) -> [XY] {
        guard let sequence else { return [] }
        var size: UInt32 = 0
        GEOSCoordSeq_getSize_r(handle, sequence, &size)
        guard size > 0 else { return [] }
        return [XY](unsafeUninitializedCapacity: Int(size)) { buffer, count in
            buffer.withMemoryRebound(to: Double.self) { doubles in
                _ = GEOSCoordSeq_copyToBuffer_r(handle, sequence, doubles.baseAddress, 0, 0)
            }
            count = Int(size)
        }
    }

    private static func rings(of polygon: OpaquePointer, handle: GEOSContextHandle_t) -> [[XY]] {
        // Rings and their sequences are owned by the polygon: read, never free.
        guard let exterior = GEOSGetExteriorRing_r(handle, polygon) else { return [] }
        var rings = [coordinates(of: GEOSGeom_getCoordSeq_r(handle, exterior), handle: handle)]
        for index in 0..<max(0, GEOSGetNumInteriorRings_r(handle, polygon)) {
            let ring = GEOSGetInteriorRingN_r(handle, polygon, index)
            rings.append(coordinates(of: ring.flatMap { GEOSGeom_getCoordSeq_r(handle, $0) }, handle: handle))
        }
        return rings
    }

    static func shape(of pointer: OpaquePointer, handle: GEOSContextHandle_t) -> Shape {
        if GEOSisEmpty_r(handle, pointer) == 1 { return .empty }
        let parts = (0..<GEOSGetNumGeometries_r(handle, pointer)).compactMap { GEOSGetGeometryN_r(handle, pointer, $0) }
        switch GEOSGeomTypeId_r(handle, pointer) {
        case Int32(GEOS_POINT.rawValue):
            return coordinates(of: GEOSGeom_getCoordSeq_r(handle, pointer), handle: handle).first.map(Shape.point) ?? .empty
        case Int32(GEOS_LINESTRING.rawValue), Int32(GEOS_LINEARRING.rawValue):
            return .lineString(coordinates(of: GEOSGeom_getCoordSeq_r(handle, pointer), handle: handle))
        case Int32(GEOS_POLYGON.rawValue):
            return .polygon(rings(of: pointer, handle: handle))
        case Int32(GEOS_MULTIPOINT.rawValue):
            return .multiPoint(parts.compactMap { coordinates(of: GEOSGeom_getCoordSeq_r(handle, $0), handle: handle).first })
        case Int32(GEOS_MULTILINESTRING.rawValue):
            return .multiLineString(parts.map { coordinates(of: GEOSGeom_getCoordSeq_r(handle, $0), handle: handle) })
        case Int32(GEOS_MULTIPOLYGON.rawValue):
            return .multiPolygon(parts.map { rings(of: $0, handle: handle) })
        default:
            return .collection(parts.map { shape(of: $0, handle: handle) })
        }
    }
}
