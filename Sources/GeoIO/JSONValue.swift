/// A JSON value as read from a file, keeping numbers as Double and object keys in file order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A string as-is, or a number as text without a trailing ".0" when integral
    /// (an INSEE code read as the number 1053 gives "1053"); nil for other kinds.
    public var stringValue: String? {
        switch self {
        case .string(let text): text
        case .number(let number): JSONNumberText.shortest(number)
        default: nil
        }
    }

    /// A number, or a string holding a decimal number ("1053", " 12.5 "); nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case .number(let number): number
        case .string(let text): Self.decimalNumber(text.trimmingASCIISpaces())
        default: nil
        }
    }

    /// Plain decimal text only: "nan", "inf" or hexadecimal are not numbers here.
    private static func decimalNumber(_ text: Substring) -> Double? {
        let allowed = text.utf8.allSatisfy { byte in
            (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == .minus || byte == .plus
                || byte == .dot || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }
        return allowed ? Double(text) : nil
    }

    public var boolValue: Bool? {
        if case .bool(let flag) = self { flag } else { nil }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { elements } else { nil }
    }

    public var objectValue: JSONObject? {
        if case .object(let object) = self { object } else { nil }
    }
}

extension JSONValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension JSONValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
}

extension JSONValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { (key: $0.0, value: $0.1) }))
    }
}

extension String {
    func trimmingASCIISpaces() -> Substring {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
