/// Errors of the geometry layer. Each case names the operation that failed.
public enum GeometryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// GEOS reported an exception; `message` is GEOS's own text.
    case geos(operation: String, message: String)
    /// A metric operation (metres, m²) was asked of lon/lat coordinates.
    case geographicCoordinates(operation: String)
    /// The input coordinates cannot form the requested geometry.
    case invalidInput(operation: String, reason: String)

    public var description: String {
        switch self {
        case let .geos(operation, message):
            return "GEOS \(operation) failed: \(message)"
        case let .geographicCoordinates(operation):
            return "\(operation) needs metric coordinates but the geometry is in geographic lon/lat degrees — "
                + "project it first (Lambert-93 EPSG:2154 for metropolitan France)"
        case let .invalidInput(operation, reason):
            return "\(operation): \(reason)"
        }
    }
}
