/// Every error GeoIO throws. Each case carries where the problem is (file, feature, line, column)
/// and `description` is one sentence for the user: what is wrong, where, and what to do.
public enum GeoIOError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened or read.
    case unreadableFile(path: String, reason: String)
    /// The bytes are not valid JSON; line and column are 1-based.
    case invalidJSON(source: String, line: Int, column: Int, message: String)
    /// Valid JSON that is not GeoJSON this reader understands (missing or unknown `type`, wrong member kind).
    case notGeoJSON(source: String, featureIndex: Int?, message: String)
    /// A geometry breaks a GeoJSON rule; `featureLabel` is an id-like value such as "code 01033".
    case invalidGeometry(source: String, featureIndex: Int?, featureLabel: String?, problem: GeometryProblem)
    /// A legacy `crs` member names a CRS other than WGS84 lon/lat.
    case unsupportedCRS(source: String, name: String)
    /// Writing an output file failed; `path` is the destination.
    case writeFailed(path: String, reason: String)
    /// A CSV row (1-based, header excluded) starting at `line` has a different field count than the header.
    case csvRaggedRow(source: String, line: Int, row: Int, fieldCount: Int, headerFieldCount: Int)
    /// A quoted CSV field is malformed (never closed, or text after its closing quote).
    case csvBadQuoting(source: String, line: Int, message: String)
    /// A CSV file has no header line.
    case csvEmpty(source: String)
    /// A CSV file forced to UTF-8 holds bytes that are not UTF-8.
    case csvInvalidUTF8(source: String, line: Int)
    /// A required CSV column is absent.
    case csvMissingColumn(source: String, column: String, header: [String])
    /// A CSV row given to the writer does not have as many fields as the header.
    case csvRowWidth(rowIndex: Int, fieldCount: Int, headerFieldCount: Int)

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            "cannot read \(path): \(reason) — check the path and permissions"
        case .invalidJSON(let source, let line, let column, let message):
            "\(source): invalid JSON at line \(line), column \(column): \(message) — fix the file or export it again"
        case .notGeoJSON(let source, let featureIndex, let message):
            "\(Self.place(source, featureIndex, nil)): \(message) — the file must be GeoJSON (RFC 7946)"
        case .invalidGeometry(let source, let featureIndex, let label, let problem):
            "\(Self.place(source, featureIndex, label)): \(problem.explanation) — \(problem.advice)"
        case .unsupportedCRS(let source, let name):
            "\(source): declares the coordinate reference system \(name), but GeoJSON must be WGS84 longitude/latitude "
                + "(RFC 7946) — reproject it, e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`"
        case .writeFailed(let path, let reason):
            "cannot write \(path): \(reason) — check that the folder exists, is writable and the disk is not full"
        case .csvRaggedRow(let source, let line, let row, let fieldCount, let headerFieldCount):
            "\(source) line \(line): row \(row) has \(fieldCount) fields, header has \(headerFieldCount) — "
                + "fix the row (quote fields that contain the delimiter)"
        case .csvBadQuoting(let source, let line, let message):
            "\(source) line \(line): \(message) — fix the quoting (a quote inside a quoted field is written \"\")"
        case .csvEmpty(let source):
            "\(source): the CSV file is empty, a header line is expected — check the file"
        case .csvInvalidUTF8(let source, let line):
            "\(source) line \(line): bytes are not valid UTF-8 — save the file as UTF-8 or read it with automatic encoding"
        case .csvMissingColumn(let source, let column, let header):
            "\(source): no column named \"\(column)\" (columns: \(header.joined(separator: ", "))) — "
                + "check the column name or the file"
        case .csvRowWidth(let rowIndex, let fieldCount, let headerFieldCount):
            "CSV row \(rowIndex) has \(fieldCount) fields but the header has \(headerFieldCount) — "
                + "give every row one value per column"
        }
    }

    /// "file feature 212 (code 01033)", "file feature 212" or "file".
    private static func place(_ source: String, _ featureIndex: Int?, _ label: String?) -> String {
        var text = source
        if let featureIndex { text += " feature \(featureIndex)" }
        if let label { text += " (\(label))" }
        return text
    }
}

/// What is wrong with a geometry; positions are 0-based indexes within their part.
public enum GeometryProblem: Sendable, Equatable {
    case unknownType(String)
    case missingType
    case missingCoordinates(type: String)
    /// Coordinates nested to the wrong depth for the type, e.g. a Polygon given a flat list of positions.
    case wrongNesting(type: String, expected: String)
    case positionTooShort(numberCount: Int)
    case lineStringTooShort(part: Int?, positionCount: Int)
    case ringTooShort(polygon: Int?, ring: Int, positionCount: Int)
    case ringNotClosed(polygon: Int?, ring: Int)
    case outOfLonLatRange(x: Double, y: Double)

    var explanation: String {
        switch self {
        case .unknownType(let type):
            "unknown geometry type \"\(type)\""
        case .missingType:
            "geometry has no \"type\" member"
        case .missingCoordinates(let type):
            "\(type) has no \"coordinates\" member"
        case .wrongNesting(let type, let expected):
            "\(type) coordinates must be \(expected)"
        case .positionTooShort(let count):
            "a position has \(count) number\(count == 1 ? "" : "s"), at least 2 (longitude, latitude) are needed"
        case .lineStringTooShort(let part, let count):
            "\(Self.partName("line", part)) has \(count) position\(count == 1 ? "" : "s"), at least 2 are needed"
        case .ringTooShort(let polygon, let ring, let count):
            "\(Self.ringName(polygon, ring)) has \(count) position\(count == 1 ? "" : "s"), "
                + "at least 4 are needed (a closed ring repeats its first position)"
        case .ringNotClosed(let polygon, let ring):
            "\(Self.ringName(polygon, ring)) is not closed (first and last positions differ)"
        case .outOfLonLatRange(let x, let y):
            "position (\(JSONNumberText.shortest(x)), \(JSONNumberText.shortest(y))) is outside longitude/latitude range"
                + (abs(x) > 1000 || abs(y) > 1000
                    ? " and looks like projected metres (e.g. Lambert-93, EPSG:2154)"
                    : "")
        }
    }

    var advice: String {
        switch self {
        case .outOfLonLatRange:
            "GeoJSON must be WGS84 longitude/latitude (RFC 7946): reproject the file, "
                + "e.g. `ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson`"
        case .unknownType, .missingType:
            "use one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection"
        default:
            "fix the file"
        }
    }

    private static func ringName(_ polygon: Int?, _ ring: Int) -> String {
        (polygon.map { "polygon \($0) " } ?? "polygon ") + "ring \(ring)"
    }

    private static func partName(_ noun: String, _ part: Int?) -> String {
        part.map { "\(noun) \($0)" } ?? noun
    }
}
