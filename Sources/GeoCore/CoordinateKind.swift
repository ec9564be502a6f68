/// What the coordinates of a geometry mean; metric operations refuse `.geographic`.
public enum CoordinateKind: Sendable, Hashable {
    /// Longitude/latitude degrees (WGS84 and the like).
    case geographic
    /// Metres in a projected CRS, e.g. `"EPSG:2154"`.
    case projected(crs: String)
    /// Not stated (unit tests, WKT input); metric operations are allowed.
    case unspecified

    public var isGeographic: Bool { if case .geographic = self { true } else { false } }
}
