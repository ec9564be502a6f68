import GeoCore

/// A byte-level JSON scanner over a buffer that stays alive for the scanner's lifetime.
/// It reads values one token at a time so the GeoJSON reader can decode coordinates
/// straight into `XY` coordinates without building an intermediate JSON tree.
struct JSONScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let source: String
    var offset = 0
    var depth = 0
    static let maximumDepth = 512

    init(_ buffer: UnsafeRawBufferPointer, source: String) {
        // An empty buffer has no base address; point at a static zero byte instead.
        self.base = buffer.baseAddress.map { $0.assumingMemoryBound(to: UInt8.self) } ?? JSONScanner.emptyByte
        self.count = buffer.count
        self.source = source
    }

    nonisolated(unsafe) private static let emptyByte: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    // MARK: Bytes and whitespace

    /// The current byte, or 0 at the end of the buffer.
    @inline(__always) var current: UInt8 { offset < count ? base[offset] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while offset < count {
            let byte = base[offset]
            guard byte == .space || byte == .newline || byte == .carriageReturn || byte == .tab else { return }
            offset += 1
        }
    }

    /// Skips whitespace and consumes `byte`, or throws "expected <what>".
    @inline(__always) mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(GeoIOError) {
        skipWhitespace()
        guard current == byte else { throw syntaxError(expected: what()) }
        offset += 1
    }

    var isAtEnd: Bool { offset >= count }

    /// RFC 8259 §8.1: a parser may ignore a leading UTF-8 byte order mark; some Windows tools write one.
    mutating func skipByteOrderMark() {
        if offset == 0, count >= 3, base[0] == 0xEF, base[1] == 0xBB, base[2] == 0xBF { offset = 3 }
    }

    // MARK: Objects and arrays, member by member

    /// Consumes `{`; returns false if the object is empty (its `}` consumed too).
    mutating func enterObject() throws(GeoIOError) -> Bool { try enter(.openBrace, "'{'", closedBy: .closeBrace) }

    /// Reads `"key":` and leaves the scanner at the value.
    mutating func readKey() throws(GeoIOError) -> String {
        skipWhitespace()
        guard current == .quote else { throw syntaxError(expected: "a member name in double quotes") }
        let key = try readString()
        try expect(.colon, "':' after the member name")
        return key
    }

    /// After a member value: true if another member follows (`,` consumed), false at `}`.
    mutating func nextMember() throws(GeoIOError) -> Bool { try next(closedBy: .closeBrace, "',' or '}'") }

    /// Consumes `[`; returns false if the array is empty (its `]` consumed too).
    mutating func enterArray() throws(GeoIOError) -> Bool { try enter(.openBracket, "'['", closedBy: .closeBracket) }

    /// After an element: true if another element follows (`,` consumed), false at `]`.
    mutating func nextElement() throws(GeoIOError) -> Bool { try next(closedBy: .closeBracket, "',' or ']'") }

    /// Consumes the opening bracket of an object or array; false if it is empty (closing bracket consumed too).
    @inline(__always) private mutating func enter(_ open: UInt8, _ name: String, closedBy close: UInt8) throws(GeoIOError) -> Bool {
        try expect(open, name)
        try deeper()
        skipWhitespace()
        if current == close { offset += 1; depth -= 1; return false }
        return true
    }

    /// After a member or element: true if another follows (`,` consumed), false at the closing bracket.
    @inline(__always) private mutating func next(closedBy close: UInt8, _ expected: String) throws(GeoIOError) -> Bool {
        skipWhitespace()
        if current == .comma { offset += 1; return true }
        if current == close { offset += 1; depth -= 1; return false }
        throw syntaxError(expected: expected)
    }

    mutating func deeper() throws(GeoIOError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw syntaxError(expected: "at most \(Self.maximumDepth) nested arrays and objects")
        }
    }

    /// True (and consumed) if the next token is `null`.
    mutating func consumeNull() throws(GeoIOError) -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "n") else { return false }
        try expectLiteral("null")
        return true
    }

    // MARK: Generic values

    mutating func readValue() throws(GeoIOError) -> JSONValue {
        skipWhitespace()
        switch current {
        case .openBrace: return .object(try readObject())
        case .openBracket:
            var elements: [JSONValue] = []
            if try enterArray() {
                repeat { elements.append(try readValue()) } while try nextElement()
            }
            return .array(elements)
        case .quote: return .string(try readString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case .minus, UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw syntaxError(expected: "a value")
        }
    }

    mutating func readObject() throws(GeoIOError) -> JSONObject {
        var pairs: [(key: String, value: JSONValue)] = []
        if try enterObject() {
            repeat {
                let key = try readKey()
                pairs.append((key: key, value: try readValue()))
            } while try nextMember()
        }
        return JSONObject(pairs)
    }

    /// Skips one value of any kind without building it.
    mutating func skipValue() throws(GeoIOError) {
        skipWhitespace()
        switch current {
        case .openBrace:
            if try enterObject() {
                repeat { _ = try readKey(); try skipValue() } while try nextMember()
            }
        case .openBracket:
            if try enterArray() {
                repeat { try skipValue() } while try nextElement()
            }
        default:
            _ = try readValue()
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(GeoIOError) {
        let length = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        guard offset + length <= count else { throw syntaxError(expected: "'\(literal)'") }
        for index in 0..<length where base[offset + index] != bytes[index] {
            throw syntaxError(expected: "'\(literal)'")
        }
        offset += length
    }

    // MARK: Errors

    /// "expected X, found Y" at the current offset, with 1-based line and column.
    func syntaxError(expected: String) -> GeoIOError {
        let (line, column) = lineAndColumn(at: offset)
        return .invalidJSON(source: source, line: line, column: column,
                            message: "expected \(expected), found \(foundDescription())")
    }

    func lineAndColumn(at position: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(position, count)
        for index in 0..<end where base[index] == .newline {
            line += 1
            lineStart = index + 1
        }
        // Column counts characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        for index in lineStart..<end where base[index] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }

    private func foundDescription() -> String {
        guard offset < count else { return "the end of the file" }
        let byte = base[offset]
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

extension UInt8 {
    static let space = UInt8(ascii: " ")
    static let newline = UInt8(ascii: "\n")
    static let carriageReturn = UInt8(ascii: "\r")
    static let tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let semicolon = UInt8(ascii: ";")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
}
