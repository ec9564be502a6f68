import Foundation

/// How CSV bytes are turned into text.
public enum CSVEncoding: Sendable, Equatable {
    /// UTF-8 when the bytes are valid UTF-8, Latin-1 (ISO 8859-1) otherwise.
    case auto
    case utf8
    case latin1
}

/// A CSV file read whole: a header and rows of the same width, all fields as text.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    public let rows: [[String]]
    /// Name of the input in error messages.
    public let source: String
    /// The field separator used (`;`, `,` or tab when detected).
    public let delimiter: UInt8
    /// The encoding the bytes were decoded with (`.utf8` or `.latin1`).
    public let encoding: CSVEncoding
    /// 1-based file line where each row starts (rows may span lines; blank lines are skipped).
    private let rowLines: [Int]

    public init(header: [String], rows: [[String]], source: String, delimiter: UInt8 = UInt8(ascii: ","),
                encoding: CSVEncoding = .utf8) {
        self.init(header: header, rows: rows, source: source, delimiter: delimiter, encoding: encoding, rowLines: [])
    }

    init(header: [String], rows: [[String]], source: String, delimiter: UInt8, encoding: CSVEncoding, rowLines: [Int]) {
        self.header = header
        self.rows = rows
        self.source = source
        self.delimiter = delimiter
        self.encoding = encoding
        self.rowLines = rowLines
    }

    /// The file line where row `index` (0-based, header excluded) starts, for error messages.
    /// For a table not read from a file: `index + 2` (one line per row after the header).
    public func lineNumber(ofRow index: Int) -> Int {
        rowLines.indices.contains(index) ? rowLines[index] : index + 2
    }

    /// Reads RFC 4180 CSV: quoted fields with doubled quotes and embedded delimiters or line
    /// breaks, CRLF or LF line ends, a UTF-8 byte order mark dropped, blank lines skipped.
    /// - Parameters:
    ///   - delimiter: nil to detect `;`, `,` or tab from the header line.
    ///   - encoding: `.auto` decodes UTF-8, or Latin-1 when the bytes are not valid UTF-8.
    public static func read(contentsOf url: URL, delimiter: UInt8? = nil, encoding: CSVEncoding = .auto) throws(GeoIOError) -> CSVTable {
        let bytes = try FileBytes.read(url)
        return try read(bytes: bytes, source: url.path, delimiter: delimiter, encoding: encoding)
    }

    public static func read(data: Data, source: String, delimiter: UInt8? = nil, encoding: CSVEncoding = .auto) throws(GeoIOError) -> CSVTable {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(GeoIOError) in
                try CSVParser(buffer.bindMemory(to: UInt8.self), source: source).table(delimiter: delimiter, encoding: encoding)
            }
        }
        return try result.get()
    }

    public static func read(bytes: [UInt8], source: String, delimiter: UInt8? = nil, encoding: CSVEncoding = .auto) throws(GeoIOError) -> CSVTable {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(GeoIOError) in
                try CSVParser(buffer, source: source).table(delimiter: delimiter, encoding: encoding)
            }
        }
        return try result.get()
    }

    /// Reads a CSV whose header may sit below title lines (as INSEE tables have): the header is the line
    /// `skipLines` + 1 when given, else the first of the first 200 lines holding every one of `columns`
    /// (ignoring case, quotes and spaces; the delimiter is the one that splits it so), else the first line.
    /// Line numbers in messages are those of the file.
    public static func read(contentsOf url: URL, headerContaining columns: [String], skipLines: Int? = nil,
                            delimiter: UInt8? = nil, encoding: CSVEncoding = .auto) throws(GeoIOError) -> CSVTable {
        let bytes = try FileBytes.read(url)
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(GeoIOError) in
                var parser = CSVParser(buffer, source: url.path)
                var chosenDelimiter = delimiter
                if let skipLines, skipLines > 0 {
                    let starts = CSVParser.lineStarts(buffer, limit: skipLines + 1)
                    guard starts.count > skipLines else { throw .csvEmpty(source: url.path) }
                    parser = CSVParser(buffer, source: url.path, start: starts[skipLines], firstLine: skipLines + 1)
                } else if skipLines == nil, !columns.isEmpty, let header = CSVParser.headerLine(buffer, containing: columns) {
                    parser = CSVParser(buffer, source: url.path, start: header.start, firstLine: header.line)
                    chosenDelimiter = delimiter ?? header.delimiter
                }
                return try parser.table(delimiter: chosenDelimiter, encoding: encoding)
            }
        }
        return try result.get()
    }

    /// The column with exactly this name, else the first whose name matches ignoring case
    /// and surrounding spaces.
    public func columnIndex(_ name: String) -> Int? {
        if let exact = header.firstIndex(of: name) { return exact }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        return header.firstIndex { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }
    }

    /// Like `columnIndex`, but a missing column is an error listing the columns there are.
    public func requiredColumnIndex(_ name: String) throws(GeoIOError) -> Int {
        guard let index = columnIndex(name) else {
            throw .csvMissingColumn(source: source, column: name, header: header)
        }
        return index
    }

    /// Every value of a column, in row order; nil if there is no such column.
    public func column(_ name: String) -> [String]? {
        columnIndex(name).map { index in rows.map { $0[index] } }
    }
}
