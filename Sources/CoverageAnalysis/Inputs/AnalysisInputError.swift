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
    case strictCodes(unmatchedCommunes: [String], unmatchedRows: [String])
    case badParameter(String)
    /// A file given to the wrong option: what it is and where it belongs.
    case wrongFormat(path: String, format: String, role: String, advice: String)
    case unknownFilterProperty(filter: String, available: [String])
    /// `present`: the values there are, each as "'value' (count)", most frequent first.
    case unknownFilterValue(filter: String, property: String, present: [String])
    case tooManyBadLieux(source: String, bad: Int, total: Int, maxShare: Double, examples: [String])
    case projectedLieuCoordinates(source: String, columns: String)
    case unknownRegion(String, known: [String])

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
            return "\(source) \(location): column \(column) holds '\(value)', not a finite number within bounds — fix the row"
        case let .badLieuCoordinates(source, location, id, reason):
            return "\(source) \(location) (lieu \(id)): \(reason) — fix or remove the row, or filter it out with --lieux-filter"
        case let .unsupportedFormat(path, expected):
            return "\(path): unsupported format — expected \(expected)"
        case let .badFilter(text):
            return "bad filter '\(text)': write PROPERTY=VALUE or PROPERTY!=VALUE (values separated by |)"
        case let .strictCodes(communes, rows):
            func listed(_ codes: [String]) -> String {
                codes.isEmpty ? "" : " (" + codes.prefix(8).joined(separator: ", ") + (codes.count > 8 ? ", …" : "") + ")"
            }
            return "\(communes.count) communes without population\(listed(communes)) and \(rows.count) population rows without commune"
                + "\(listed(rows)) (--strict-codes): fix the codes, or drop --strict-codes to list them all in summary.json"
        case let .badParameter(text):
            return text
        case let .wrongFormat(path, format, role, advice):
            return "\(path): this is \(format), which \(role) cannot use — it is \(advice)"
        case let .unknownFilterProperty(filter, available):
            return "filter '\(filter)': no such property (properties: \(available.joined(separator: ", ")))"
        case let .unknownFilterValue(filter, property, present):
            let shown = present.prefix(20).joined(separator: ", ")
            return "filter '\(filter)': no lieu has this \(property) (values present: \(shown)\(present.count > 20 ? ", …" : ""))"
        case let .tooManyBadLieux(source, bad, total, maxShare, examples):
            return "\(source): \(bad) of \(total) rows have no usable position (more than \(Int((maxShare * 100).rounded())) %), e.g. "
                + examples.joined(separator: "; ") + " — fix the file, filter those rows out, or raise --max-bad-lieux-share"
        case let .projectedLieuCoordinates(source, columns):
            return "\(source): coordinates \(columns) look projected (metres), not longitude/latitude — give their CRS, "
                + "e.g. --lieux-crs EPSG:2154 for Lambert-93 (BPE files)"
        case let .unknownRegion(text, known):
            return "unknown région '\(text)' — give a name, slug or INSEE code (\(known.joined(separator: ", ")))"
        }
    }
}
