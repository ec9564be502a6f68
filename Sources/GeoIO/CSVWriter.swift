import Foundation

/// Builds RFC 4180 CSV text: comma delimiter, a header line, UTF-8, "\n" line ends. Fields holding
/// a comma, a quote or a line break are quoted, with quotes doubled.
public struct CSVWriter: Sendable {
    public let header: [String]
    public private(set) var bytes: [UInt8] = []
    public private(set) var rowCount = 0

    public init(header: [String]) {
        self.header = header
        appendLine(header)
    }

    /// Appends one row; it must have one field per header column.
    public mutating func append(_ row: [String]) throws(GeoIOError) {
        guard row.count == header.count else {
            throw .csvRowWidth(rowIndex: rowCount, fieldCount: row.count, headerFieldCount: header.count)
        }
        appendLine(row)
        rowCount += 1
    }

    /// Writes the text atomically (see `AtomicFile`).
    public func write(to url: URL) throws(GeoIOError) {
        try AtomicFile.write(bytes, to: url)
    }

    /// The whole text of a table in one call.
    public static func encode(header: [String], rows: [[String]]) throws(GeoIOError) -> [UInt8] {
        var writer = CSVWriter(header: header)
        for row in rows { try writer.append(row) }
        return writer.bytes
    }

    private mutating func appendLine(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(.comma) }
            appendField(field)
        }
        bytes.append(.newline)
    }

    private mutating func appendField(_ field: String) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == .comma || $0 == .quote || $0 == .newline || $0 == .carriageReturn }
        guard needsQuotes else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(.quote)
        for byte in utf8 {
            if byte == .quote { bytes.append(.quote) }
            bytes.append(byte)
        }
        bytes.append(.quote)
    }
}
