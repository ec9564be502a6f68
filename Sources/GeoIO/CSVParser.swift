import Foundation

/// Splits CSV bytes into records. Delimiters, quotes and line ends are ASCII, so the split is
/// the same in UTF-8 and Latin-1; fields are decoded to text afterwards.
struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    /// Offset after a UTF-8 byte order mark, if any (or of the header line, below title lines).
    let start: Int
    /// File line number of `start`.
    let firstLine: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
        self.start = Self.byteOrderMarkLength(bytes)
        self.firstLine = 1
    }

    /// A parser whose header is the line starting at byte `start`, line `firstLine` of the file.
    init(_ bytes: UnsafeBufferPointer<UInt8>, source: String, start: Int, firstLine: Int) {
        self.bytes = bytes
        self.source = source
        self.start = start
        self.firstLine = firstLine
    }

    static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
    }

    /// The start offset of each of the first `limit` physical lines after the byte order mark.
    static func lineStarts(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> [Int] {
        var starts = [byteOrderMarkLength(bytes)]
        var index = starts[0]
        while index < bytes.count, starts.count < limit {
            let byte = bytes[index]
            index += 1
            if byte == .carriageReturn, index < bytes.count, bytes[index] == .newline { index += 1 }
            if byte == .newline || byte == .carriageReturn, index < bytes.count { starts.append(index) }
        }
        return starts
    }

    /// The first of the first 200 lines that, split on `;`, `,` or tab, holds every one of `columns` (ignoring
    /// case, quotes and surrounding spaces): its start offset, line number and delimiter.
    static func headerLine(_ bytes: UnsafeBufferPointer<UInt8>, containing columns: [String]) -> (start: Int, line: Int, delimiter: UInt8)? {
        let wanted = Set(columns.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        let starts = lineStarts(bytes, limit: 200)
        for (number, lineStart) in starts.enumerated() {
            var end = lineStart
            while end < bytes.count, bytes[end] != .newline, bytes[end] != .carriageReturn { end += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lineStart..<end]), as: UTF8.self)
            for delimiter in [UInt8.semicolon, .comma, .tab] {
                let cells = text.split(separator: Character(Unicode.Scalar(delimiter)), omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")).lowercased()
                }
                if wanted.isSubset(of: Set(cells)) { return (lineStart, number + 1, delimiter) }
            }
        }
        return nil
    }

    func table(delimiter requested: UInt8?, encoding requestedEncoding: CSVEncoding) throws(GeoIOError) -> CSVTable {
        let encoding = try chooseEncoding(requestedEncoding)
        let delimiter = requested ?? detectDelimiter()
        var records = try splitRecords(delimiter: delimiter, encoding: encoding)
        guard !records.isEmpty else { throw .csvEmpty(source: source) }
        let header = records.removeFirst().fields
        for (index, record) in records.enumerated() where record.fields.count != header.count {
            throw .csvRaggedRow(source: source, line: record.line, row: index + 1,
                                fieldCount: record.fields.count, headerFieldCount: header.count)
        }
        return CSVTable(header: header, rows: records.map(\.fields), source: source, delimiter: delimiter,
                        encoding: encoding, rowLines: records.map(\.line))
    }

    // MARK: Encoding and delimiter

    private func chooseEncoding(_ requested: CSVEncoding) throws(GeoIOError) -> CSVEncoding {
        switch requested {
        case .latin1:
            return .latin1
        case .utf8:
            if let invalid = UTF8Validation.firstInvalidOffset(in: bytes, from: start) {
                throw .csvInvalidUTF8(source: source, line: lineNumber(at: invalid))
            }
            return .utf8
        case .auto:
            return UTF8Validation.firstInvalidOffset(in: bytes, from: start) == nil ? .utf8 : .latin1
        }
    }

    /// The most frequent of `,` `;` tab outside quotes on the header line (`,` when none).
    func detectDelimiter() -> UInt8 {
        let candidates: [UInt8] = [.comma, .semicolon, .tab]
        var counts = [0, 0, 0]
        var inQuotes = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == .quote {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == .newline || byte == .carriageReturn { break }
                if let candidate = candidates.firstIndex(of: byte) { counts[candidate] += 1 }
            }
            index += 1
        }
        let best = counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }!
        return counts[best] > 0 ? candidates[best] : .comma
    }

    // MARK: Records

    struct Record {
        var fields: [String]
        /// 1-based line where the record starts.
        var line: Int
    }

    private func splitRecords(delimiter: UInt8, encoding: CSVEncoding) throws(GeoIOError) -> [Record] {
        var records: [Record] = []
        var index = start
        var line = firstLine
        let end = bytes.count
        while index < end {
            let recordLine = line
            var fields: [String] = []
            while true {
                if index < end, bytes[index] == .quote {
                    let (field, next) = try quotedField(from: index, line: &line, delimiter: delimiter, encoding: encoding)
                    fields.append(field)
                    index = next
                } else {
                    let fieldStart = index
                    while index < end {
                        let byte = bytes[index]
                        if byte == delimiter || byte == .newline || byte == .carriageReturn { break }
                        index += 1
                    }
                    fields.append(decode(fieldStart..<index, encoding))
                }
                guard index < end, bytes[index] == delimiter else { break }
                index += 1
            }
            // Line end: CRLF, LF or a lone CR.
            if index < end, bytes[index] == .carriageReturn { index += 1 }
            if index < end, bytes[index] == .newline { index += 1 }
            line += 1
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            records.append(Record(fields: fields, line: recordLine))
        }
        return records
    }

    /// A quoted field starting at its opening quote; returns the text and the offset after the closing quote.
    private func quotedField(from opening: Int, line: inout Int, delimiter: UInt8,
                             encoding: CSVEncoding) throws(GeoIOError) -> (String, Int) {
        let openingLine = line
        var content: [UInt8] = []
        var index = opening + 1
        var segmentStart = index
        while true {
            guard index < bytes.count else {
                throw .csvBadQuoting(source: source, line: openingLine, message: "a quoted field is never closed")
            }
            let byte = bytes[index]
            if byte == .newline { line += 1 }
            if byte == .quote {
                content.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<index]))
                if index + 1 < bytes.count, bytes[index + 1] == .quote {  // doubled quote
                    content.append(.quote)
                    index += 2
                    segmentStart = index
                    continue
                }
                index += 1
                break
            }
            index += 1
        }
        if index < bytes.count {
            let next = bytes[index]
            guard next == delimiter || next == .newline || next == .carriageReturn else {
                throw .csvBadQuoting(source: source, line: line, message: "text follows the closing quote of a field")
            }
        }
        return (content.withUnsafeBufferPointer { decode($0, encoding) }, index)
    }

    // MARK: Text

    private func decode(_ range: Range<Int>, _ encoding: CSVEncoding) -> String {
        decode(UnsafeBufferPointer(rebasing: bytes[range]), encoding)
    }

    private func decode(_ field: UnsafeBufferPointer<UInt8>, _ encoding: CSVEncoding) -> String {
        switch encoding {
        case .latin1:
            // Latin-1 bytes are the Unicode scalars of the same value, except 0x80–0x9F, read as Windows-1252
            // (€, ’, œ, …), which files saved by Excel on Windows use and Latin-1 leaves as control codes.
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: field.lazy.map { byte in
                (0x80..<0xA0).contains(byte) ? Unicode.Scalar(Self.windows1252[Int(byte) - 0x80])! : Unicode.Scalar(byte)
            })
            return String(scalars)
        case .utf8, .auto:
            return String(decoding: field, as: UTF8.self)
        }
    }

    /// Windows-1252 characters of bytes 0x80–0x9F (undefined ones kept as the C1 control of the same value).
    static let windows1252: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private func lineNumber(at offset: Int) -> Int {
        var line = firstLine
        for index in start..<min(offset, bytes.count) where bytes[index] == .newline { line += 1 }
        return line
    }
}
