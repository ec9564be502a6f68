/// Splits CSV bytes into records. Delimiters, quotes and line ends are ASCII, so the split is
/// the same in UTF-8 and Latin-1; fields are decoded to text afterwards.
struct CSVParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    /// Offset after a UTF-8 byte order mark, if any.
    let start: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, source: String) {
        self.bytes = bytes
        self.source = source
        let hasByteOrderMark = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        self.start = hasByteOrderMark ? 3 : 0
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
        var line = 1
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
            // Each Latin-1 byte is the Unicode scalar of the same value.
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: field.lazy.map { Unicode.Scalar($0) })
            return String(scalars)
        case .utf8, .auto:
            return String(decoding: field, as: UTF8.self)
        }
    }

    private func lineNumber(at offset: Int) -> Int {
        var line = 1
        for index in start..<min(offset, bytes.count) where bytes[index] == .newline { line += 1 }
        return line
    }
}
