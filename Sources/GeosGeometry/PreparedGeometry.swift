internal import CGEOS
import GeoCore

/// A geometry prepared for many predicate tests against it (GEOS builds indexes lazily on first use).
///
/// Because GEOS mutates the prepared object on first use, it is confined to one thread: this
/// class is deliberately not `Sendable`. Prepare one per task.
public final class PreparedGeometry {
    public let geometry: Geometry
    private let pointer: OpaquePointer
    private let tracker = LifetimeTracker.current

    public init(_ geometry: Geometry) {
        self.geometry = geometry
        // The prepared geometry references `geometry`, which this object keeps alive.
        // GEOSPrepare_r only fails on allocation failure.
        guard let prepared = GEOSPrepare_r(GEOSContext.currentHandle, geometry.pointer) else {
            fatalError("GEOSPrepare_r returned NULL")
        }
        pointer = prepared
        tracker?.retain()
    }

    deinit {
        GEOSPreparedGeom_destroy_r(GEOSContext.currentHandle, pointer)
        tracker?.release()
    }

    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("preparedIntersects") { GEOSPreparedIntersects_r($0, pointer, other.pointer) }
    }
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("preparedContains") { GEOSPreparedContains_r($0, pointer, other.pointer) }
    }
    public func containsProperly(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("preparedContainsProperly") { GEOSPreparedContainsProperly_r($0, pointer, other.pointer) }
    }
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("preparedCovers") { GEOSPreparedCovers_r($0, pointer, other.pointer) }
    }
    /// Whether the point lies in or on the geometry.
    public func intersects(_ point: XY) throws(GeometryError) -> Bool {
        try intersects(try Geometry.point(point, kind: geometry.kind))
    }
    /// Distance to another geometry, using the prepared index.
    public func distance(to other: Geometry) throws(GeometryError) -> Double {
        try geometry.requireMetric("distance")
        return try geosDouble("preparedDistance") { GEOSPreparedDistance_r($0, pointer, other.pointer, $1) }
    }
}
