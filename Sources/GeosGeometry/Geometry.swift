internal import CGEOS
import GeoCore
import Synchronization

/// Counts live GEOS handles (geometries and prepared geometries) owned by Swift objects.
///
/// Every handle created while a tracker is installed (`LifetimeTracker.$current.withValue`) is
/// counted on it until destroyed, wherever that happens; tests assert `live == 0` afterwards, so a
/// leak shows up without racing against other tests running in parallel.
public final class LifetimeTracker: Sendable {
    @TaskLocal public static var current: LifetimeTracker?
    private let counter = Atomic<Int>(0)
    public init() {}
    public var live: Int { counter.load(ordering: .relaxed) }
    func retain() { counter.add(1, ordering: .relaxed) }
    func release() { counter.subtract(1, ordering: .relaxed) }
}

/// An immutable GEOS geometry owned by Swift: the GEOS object is destroyed with the handle.
///
/// Thread safety: GEOS never mutates a geometry during read-only operations once its envelope is
/// cached, and the envelope is computed here at creation, so a `Geometry` may be shared between
/// threads. Mutable GEOS state (prepared geometries) lives in `PreparedGeometry`, which is not `Sendable`.
public final class Geometry: @unchecked Sendable {
    let pointer: OpaquePointer
    /// Meaning of the coordinates; propagated by operations and set by reprojection.
    public let kind: CoordinateKind
    private let tracker: LifetimeTracker?

    /// Takes ownership of a GEOS geometry.
    init(owning pointer: OpaquePointer, kind: CoordinateKind) {
        self.pointer = pointer
        self.kind = kind
        // Cache the envelope now, so that later concurrent reads never write to the object.
        var xmin = 0.0
        _ = GEOSGeom_getXMin_r(GEOSContext.currentHandle, pointer, &xmin)
        tracker = LifetimeTracker.current
        tracker?.retain()
    }

    deinit {
        GEOSGeom_destroy_r(GEOSContext.currentHandle, pointer)
        tracker?.release()
    }

    // MARK: Construction

    public static func point(_ xy: XY, kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try geosGeometry("createPoint", kind: kind) { GEOSGeom_createPointFromXY_r($0, xy.x, xy.y) }
    }

    public static func lineString(_ points: [XY], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        guard points.count != 1 else {
            throw .invalidInput(operation: "lineString", reason: "a LineString needs 0 or at least 2 positions, got 1")
        }
        return try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            let sequence = try coordinateSequence(points, context: context, operation: "lineString")
            // Ownership of the sequence passes to the line string.
            guard let line = GEOSGeom_createLineString_r(context.handle, sequence) else {
                throw context.error("lineString")
            }
            return Geometry(owning: line, kind: kind)
        }
    }

    /// A polygon from closed rings: ring 0 is the exterior, the others holes. No rings = empty polygon.
    public static func polygon(_ rings: [[XY]], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            Geometry(owning: try rawPolygon(rings, context: context), kind: kind)
        }
    }

    public static func multiPoint(_ points: [XY], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try collection(of: points.map { xy throws(GeometryError) in try point(xy, kind: kind) },
                       type: GEOS_MULTIPOINT, kind: kind)
    }

    public static func multiLineString(_ lines: [[XY]], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try collection(of: lines.map { line throws(GeometryError) in try lineString(line, kind: kind) },
                       type: GEOS_MULTILINESTRING, kind: kind)
    }

    public static func multiPolygon(_ polygons: [[[XY]]], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            var parts: [OpaquePointer?] = []
            parts.reserveCapacity(polygons.count)
            do throws(GeometryError) {
                for rings in polygons { parts.append(try rawPolygon(rings, context: context)) }
            } catch {
                for part in parts { GEOSGeom_destroy_r(context.handle, part) }
                throw error
            }
            // Ownership of the parts passes to the collection.
            guard let multi = GEOSGeom_createCollection_r(context.handle, Int32(GEOS_MULTIPOLYGON.rawValue),
                                                           &parts, UInt32(parts.count)) else {
                for part in parts { GEOSGeom_destroy_r(context.handle, part) }
                throw context.error("multiPolygon")
            }
            return Geometry(owning: multi, kind: kind)
        }
    }

    /// A GeometryCollection holding copies of `geometries`.
    public static func collection(_ geometries: [Geometry], kind: CoordinateKind = .unspecified) throws(GeometryError) -> Geometry {
        try collection(of: geometries, type: GEOS_GEOMETRYCOLLECTION, kind: kind)
    }

    private static func collection(of geometries: [Geometry], type: GEOSGeomTypes,
                                   kind: CoordinateKind) throws(GeometryError) -> Geometry {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            // Clones, because the collection takes ownership of its parts.
            var parts: [OpaquePointer?] = geometries.map { GEOSGeom_clone_r(context.handle, $0.pointer) }
            guard let result = GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue),
                                                            &parts, UInt32(parts.count)) else {
                for part in parts { GEOSGeom_destroy_r(context.handle, part) }
                throw context.error("createCollection")
            }
            return Geometry(owning: result, kind: kind)
        }
    }

    // MARK: Inspection

    public enum GeometryType: Int32, Sendable {
        case point = 0, lineString, linearRing, polygon, multiPoint, multiLineString, multiPolygon, geometryCollection
    }

    public var type: GeometryType {
        GeometryType(rawValue: GEOSGeomTypeId_r(GEOSContext.currentHandle, pointer)) ?? .geometryCollection
    }

    public var isEmpty: Bool { GEOSisEmpty_r(GEOSContext.currentHandle, pointer) == 1 }

    /// Number of parts of a collection (1 for a single geometry).
    public var partCount: Int { Int(GEOSGetNumGeometries_r(GEOSContext.currentHandle, pointer)) }

    /// Copies of the parts of a collection (the geometry itself, cloned, when it is not one).
    public func parts() throws(GeometryError) -> [Geometry] {
        try (0..<partCount).map { index throws(GeometryError) in
            try geosGeometry("getGeometryN", kind: kind) { handle in
                // The part is owned by its parent: clone it.
                GEOSGetGeometryN_r(handle, pointer, Int32(index)).flatMap { GEOSGeom_clone_r(handle, $0) }
            }
        }
    }

    public var envelope: Envelope {
        var minX = 0.0, minY = 0.0, maxX = 0.0, maxY = 0.0
        guard !isEmpty, GEOSGeom_getExtent_r(GEOSContext.currentHandle, pointer, &minX, &minY, &maxX, &maxY) != 0 else {
            return .empty
        }
        return Envelope(minX: minX, minY: minY, maxX: maxX, maxY: maxY)
    }
}

// MARK: - Raw builders (results are owned by the caller)

func coordinateSequence(_ points: [XY], context: GEOSContext, operation: String) throws(GeometryError) -> OpaquePointer {
    let sequence = points.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: Double.self) { doubles in
            // XY is two contiguous Doubles: the buffer is interleaved x, y.
            GEOSCoordSeq_copyFromBuffer_r(context.handle, doubles.baseAddress, UInt32(points.count), 0, 0)
        }
    }
    guard let sequence else { throw context.error(operation) }
    return sequence
}

func rawPolygon(_ rings: [[XY]], context: GEOSContext) throws(GeometryError) -> OpaquePointer {
    guard let exterior = rings.first else {
        guard let empty = GEOSGeom_createEmptyPolygon_r(context.handle) else { throw context.error("polygon") }
        return empty
    }
    var ringPointers: [OpaquePointer?] = []
    func destroyAll() { for ring in ringPointers { GEOSGeom_destroy_r(context.handle, ring) } }
    for (index, ring) in ([exterior] + rings.dropFirst()).enumerated() {
        guard ring.count >= 4, ring.first == ring.last else {
            destroyAll()
            throw .invalidInput(operation: "polygon",
                                reason: ring.count < 4 ? "ring \(index) has \(ring.count) positions, at least 4 are needed"
                                                       : "ring \(index) is not closed (first and last positions differ)")
        }
        do throws(GeometryError) {
            let sequence = try coordinateSequence(ring, context: context, operation: "polygon")
            // Ownership of the sequence passes to the ring.
            guard let linearRing = GEOSGeom_createLinearRing_r(context.handle, sequence) else {
                throw context.error("polygon")
            }
            ringPointers.append(linearRing)
        } catch {
            destroyAll()
            throw error
        }
    }
    var holes = Array(ringPointers.dropFirst())
    // Ownership of the shell and holes passes to the polygon.
    guard let polygon = GEOSGeom_createPolygon_r(context.handle, ringPointers[0], &holes, UInt32(holes.count)) else {
        destroyAll()
        throw context.error("polygon")
    }
    return polygon
}
