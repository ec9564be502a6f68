import GeoCore

extension Geometry {
    /// Union of polygons that form an exact coverage, by `CoverageDissolve` (linear time), as a
    /// GEOS-valid multipolygon; nil when they are not an exact coverage or the result is not valid,
    /// so the caller falls back to a GEOS union.
    public static func dissolvingCoverage(_ polygons: [Geometry], kind: CoordinateKind) throws(GeometryError) -> Geometry? {
        guard let union = CoverageDissolve.union(polygons.map(\.shape)) else { return nil }
        return try validPolygons(union, kind: kind)
    }

    /// The polygons traced from the boundary edges of a coverage (`CoverageDissolve.assemble`),
    /// as a GEOS-valid multipolygon; nil when they do not close or are not valid.
    public static func dissolvingCoverage(boundary: Set<CoverageDissolve.Edge>, kind: CoordinateKind) throws(GeometryError) -> Geometry? {
        guard let union = CoverageDissolve.assemble(boundary: boundary) else { return nil }
        return try validPolygons(union, kind: kind)
    }

    private static func validPolygons(_ shape: Shape, kind: CoordinateKind) throws(GeometryError) -> Geometry? {
        let result = try make(shape, kind: kind)
        return try result.isValid ? result : nil
    }
}
