internal import CGEOS
import GeoCore

extension Geometry {
    /// Reads Well-Known Text.
    public static func fromWKT(_ text: String, kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            guard let reader = GEOSWKTReader_create_r(context.handle) else { throw context.error("WKTReader") }
            defer { GEOSWKTReader_destroy_r(context.handle, reader) }
            guard let geometry = GEOSWKTReader_read_r(context.handle, reader, text) else { throw context.error("readWKT") }
            return Geometry(owning: geometry, kind: kind)
        }
    }

    /// Well-Known Text with trailing zeros trimmed; `decimals` rounds coordinates when given.
    public func wkt(decimals: Int? = nil) throws(GeometryError) -> String {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> String in
            guard let writer = GEOSWKTWriter_create_r(context.handle) else { throw context.error("WKTWriter") }
            defer { GEOSWKTWriter_destroy_r(context.handle, writer) }
            GEOSWKTWriter_setTrim_r(context.handle, writer, 1)
            if let decimals { GEOSWKTWriter_setRoundingPrecision_r(context.handle, writer, Int32(decimals)) }
            guard let text = GEOSWKTWriter_write_r(context.handle, writer, pointer) else { throw context.error("writeWKT") }
            // The caller frees the text with GEOSFree_r.
            defer { GEOSFree_r(context.handle, text) }
            return String(cString: text)
        }
    }

    /// Reads Well-Known Binary (ISO or extended, either byte order).
    public static func fromWKB(_ bytes: [UInt8], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            guard let reader = GEOSWKBReader_create_r(context.handle) else { throw context.error("WKBReader") }
            defer { GEOSWKBReader_destroy_r(context.handle, reader) }
            let geometry = bytes.withUnsafeBufferPointer { GEOSWKBReader_read_r(context.handle, reader, $0.baseAddress, $0.count) }
            guard let geometry else { throw context.error("readWKB") }
            return Geometry(owning: geometry, kind: kind)
        }
    }

    /// Little-endian 2D Well-Known Binary.
    public func wkb() throws(GeometryError) -> [UInt8] {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> [UInt8] in
            guard let writer = GEOSWKBWriter_create_r(context.handle) else { throw context.error("WKBWriter") }
            defer { GEOSWKBWriter_destroy_r(context.handle, writer) }
            GEOSWKBWriter_setByteOrder_r(context.handle, writer, Int32(GEOS_WKB_NDR.rawValue))
            var size = 0
            guard let bytes = GEOSWKBWriter_write_r(context.handle, writer, pointer, &size) else { throw context.error("writeWKB") }
            // The caller frees the buffer with GEOSFree_r.
            defer { GEOSFree_r(context.handle, bytes) }
            return Array(UnsafeBufferPointer(start: bytes, count: size))
        }
    }
}
