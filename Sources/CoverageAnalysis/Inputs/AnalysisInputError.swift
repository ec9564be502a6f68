/// Problems with the inputs of an analysis, each naming the file, row or feature and the fix.
public enum AnalysisInputError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingProperty(source: String, featureIndex: Int, property: String, available: [String])
    case noCommunes(selection: String)
    case unknownDepartements([String], known: [String])
    case noLieux(source: String, reason: String)
    case missingColumn(source: String, role: String, tried: [String], header: [String])
    case badNumber(source: String, location: String, column: String, value: String)
    case badLieuCoordinates(source: String, location: String, id: String, reason: String)
    case unsupportedFormat(path: String, expected: String)
    case badFilter(String)
    case strictCodes(unmatchedCommunes: Int, unmatchedRows: Int)
    case badParameter(String)

    public var description: String {
        switch self {
        case let .missingProperty(source, index, property, available):
            return "\(source) feature \(index): no property '\(property)' (properties: \(available.joined(separator: ", "))) — "
                + "name the right one with the matching option (e.g. --code-property)"
        case let .noCommunes(selection):
            return "no commune in the territory (\(selection)) — check --communes and --departements"
        case let .unknownDepartements(codes, known):
            let shown = known.prefix(20).joined(separator: ", ") + (known.count > 20 ? ", …" : "")
            return "unknown département \(codes.joined(separator: ", ")): no commune code starts with it "
                + "(départements in the input: \(shown))"
        case let .noLieux(source, reason):
            return "\(source): no lieu to analyse (\(reason)) — check the file and --lieux-filter"
        case let .missingColumn(source, role, tried, header):
            return "\(source): no \(role) column (tried \(tried.joined(separator: ", "))); columns are "
                + "\(header.joined(separator: ", ")) — name it with the matching option"
        case let .badNumber(source, location, column, value):
            return "\(source) \(location): column \(column) holds '\(value)', not a number — fix the row"
        case let .badLieuCoordinates(source, location, id, reason):
            return "\(source) \(location) (lieu \(id)): \(reason) — fix or remove the row, or filter it out with --lieux-filter"
        case let .unsupportedFormat(path, expected):
            return "\(path): unsupported format — expected \(expected)"
        case let .badFilter(text):
            return "bad filter '\(text)': write PROPERTY=VALUE or PROPERTY!=VALUE (values separated by |)"
        case let .strictCodes(communes, rows):
            return "\(communes) communes without population and \(rows) population rows without commune "
                + "(--strict-codes): see the lists in summary.json, or drop --strict-codes"
        case let .badParameter(text):
            return text
        }
    }
}
