internal import CGEOS
import GeoCore

extension Geometry {
    func requireMetric(_ operation: String) throws(GeometryError) {
        if kind.isGeographic { throw .geographicCoordinates(operation: operation) }
    }

    /// Area in the square units of the coordinates (m² in a projected CRS).
    public func area() throws(GeometryError) -> Double {
        try requireMetric("area")
        return try geosDouble("area") { GEOSArea_r($0, pointer, $1) }
    }

    /// Length of lines, or perimeter of polygons, in coordinate units (metres in a projected CRS).
    public func length() throws(GeometryError) -> Double {
        try requireMetric("length")
        return try geosDouble("length") { GEOSLength_r($0, pointer, $1) }
    }

    /// Smallest distance between the two geometries (0 when they intersect).
    public func distance(to other: Geometry) throws(GeometryError) -> Double {
        try requireMetric("distance")
        return try geosDouble("distance") { GEOSDistance_r($0, pointer, other.pointer, $1) }
    }

    /// The two closest points, one on each geometry (`nil` when either is empty).
    public func nearestPoints(to other: Geometry) throws(GeometryError) -> (XY, XY)? {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> (XY, XY)? in
            if isEmpty || other.isEmpty { return nil }
            guard let sequence = GEOSNearestPoints_r(context.handle, pointer, other.pointer) else {
                throw context.error("nearestPoints")
            }
            // The caller owns the returned sequence.
            defer { GEOSCoordSeq_destroy_r(context.handle, sequence) }
            var a = XY(0, 0), b = XY(0, 0)
            GEOSCoordSeq_getXY_r(context.handle, sequence, 0, &a.x, &a.y)
            GEOSCoordSeq_getXY_r(context.handle, sequence, 1, &b.x, &b.y)
            return (a, b)
        }
    }

    // MARK: Validity

    public var isValid: Bool {
        get throws(GeometryError) { try geosPredicate("isValid") { GEOSisValid_r($0, pointer) } }
    }

    /// GEOS's reason, e.g. `"Self-intersection[4.5 2]"`, or `"Valid Geometry"`.
    public func validityReason() throws(GeometryError) -> String {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> String in
            guard let reason = GEOSisValidReason_r(context.handle, pointer) else { throw context.error("isValidReason") }
            // The caller frees the string with GEOSFree_r.
            defer { GEOSFree_r(context.handle, reason) }
            return String(cString: reason)
        }
    }

    /// A valid geometry covering the same area, using GEOS's "structure" method (polygons stay
    /// polygons, collapsed parts are dropped), as shapely's `make_valid(method="structure")`.
    public func makeValid() throws(GeometryError) -> Geometry {
        try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
            guard let params = GEOSMakeValidParams_create_r(context.handle) else { throw context.error("makeValid") }
            defer { GEOSMakeValidParams_destroy_r(context.handle, params) }
            GEOSMakeValidParams_setMethod_r(context.handle, params, GEOS_MAKE_VALID_STRUCTURE)
            GEOSMakeValidParams_setKeepCollapsed_r(context.handle, params, 0)
            guard let result = GEOSMakeValidWithParams_r(context.handle, pointer, params) else {
                throw context.error("makeValid")
            }
            return Geometry(owning: result, kind: kind)
        }
    }

    // MARK: Predicates (unprepared; use PreparedGeometry for repeated tests)

    public func intersects(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("intersects") { GEOSIntersects_r($0, pointer, other.pointer) }
    }
    public func contains(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("contains") { GEOSContains_r($0, pointer, other.pointer) }
    }
    public func covers(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("covers") { GEOSCovers_r($0, pointer, other.pointer) }
    }
    /// Same structure and coordinates within `tolerance`.
    public func equalsExact(_ other: Geometry, tolerance: Double = 0) throws(GeometryError) -> Bool {
        try geosPredicate("equalsExact") { GEOSEqualsExact_r($0, pointer, other.pointer, tolerance) }
    }
    /// Same point set (topological equality).
    public func equalsTopologically(_ other: Geometry) throws(GeometryError) -> Bool {
        try geosPredicate("equals") { GEOSEquals_r($0, pointer, other.pointer) }
    }
}
