/// Errors of the projection layer.
public enum ProjectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PROJ could not understand a CRS definition.
    case unknownCRS(definition: String, message: String)
    /// PROJ found no way to go from one CRS to the other.
    case noTransformation(from: String, to: String, message: String)
    /// A coordinate could not be transformed (outside the CRS's domain).
    case coordinateOutOfDomain(index: Int, x: Double, y: Double, from: String, to: String)

    public var description: String {
        switch self {
        case let .unknownCRS(definition, message):
            return "unknown coordinate reference system '\(definition)' (\(message)) — use e.g. EPSG:2154, a WKT or a PROJ string"
        case let .noTransformation(from, to, message):
            return "cannot transform from \(from) to \(to): \(message)"
        case let .coordinateOutOfDomain(index, x, y, from, to):
            return "coordinate \(index) (\(x), \(y)) cannot be transformed from \(from) to \(to): "
                + "it lies outside the area of use — check that the input is really in \(from)"
        }
    }
}
