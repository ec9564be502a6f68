/// A growing UTF-8 JSON text, with the number and string rules of the GeoJSON writer.
struct JSONOutput {
    var bytes: [UInt8] = []

    mutating func append(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A JSON string: UTF-8 as-is; quote, backslash and control characters escaped.
    mutating func appendString(_ text: String) {
        var text = text
        bytes.append(.quote)
        // Most strings need no escape: copied in one go.
        let plain = text.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == .quote || $0 == .backslash }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if !plain { appendEscaped(text) }
        bytes.append(.quote)
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case .quote: append("\\\"")
            case .backslash: append("\\\\")
            case .newline: append("\\n")
            case .carriageReturn: append("\\r")
            case .tab: append("\\t")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0xF))
            default: bytes.append(byte)
            }
        }
    }

    /// A non-coordinate number: shortest round-trip text, integral values without ".0", NaN/∞ as null.
    mutating func appendNumber(_ value: Double) {
        if value == value.rounded(), abs(value) < JSONNumberText.integralLimit {
            // `JSONNumberText.shortest`'s integer form, without the String.
            appendInteger(Int64(value))
        } else {
            bytes.append(contentsOf: JSONNumberText.shortest(value).utf8)
        }
    }

    /// Decimal digits of an integer, as `String(value)` writes them.
    mutating func appendInteger(_ value: Int64) {
        if value < 0 { bytes.append(.minus) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var end = 20
            Self.prependDigits(of: value.magnitude, to: digits, end: &end)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[end..<20]))
        }
    }

    /// A coordinate rounded to `decimals` places (0…15): trailing zeros trimmed, no exponent, no "-0".
    /// Non-finite values give null (RFC 8259 has no NaN or infinity); nothing here traps.
    mutating func appendCoordinate(_ value: Double, decimals: Int, scale: Double) {
        guard (0...15).contains(decimals) else {
            let clamped = min(max(decimals, 0), 15)
            appendCoordinate(value, decimals: clamped, scale: JSONNumberText.powerOfTen(clamped))
            return
        }
        let scaled = (value * scale).rounded()
        guard value.isFinite, abs(scaled) < 9.0e15 else {
            bytes.append(contentsOf: JSONNumberText.fixed(value, decimals: decimals).utf8)
            return
        }
        let signedUnits = Int64(scaled)
        if signedUnits == 0 { bytes.append(UInt8(ascii: "0")); return }
        if signedUnits < 0 { bytes.append(.minus) }
        var units = signedUnits.magnitude
        // Digits are produced backwards into a small stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { digits in
            var end = 24
            var places = decimals
            // Trailing zeros of the fraction are dropped.
            while places > 0, units % 10 == 0 { units /= 10; places -= 1 }
            if places > 0 {
                for _ in 0..<places {
                    end -= 1
                    digits[end] = UInt8(ascii: "0") + UInt8(units % 10)
                    units /= 10
                }
                end -= 1
                digits[end] = .dot
            }
            Self.prependDigits(of: units, to: digits, end: &end)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[end..<24]))
        }
    }

    /// Writes the decimal digits of `units` (at least one) backwards into `digits`, just before `end`,
    /// and moves `end` to the first of them.
    private static func prependDigits(of units: UInt64, to digits: UnsafeMutableBufferPointer<UInt8>, end: inout Int) {
        var units = units
        repeat {
            end -= 1
            digits[end] = UInt8(ascii: "0") + UInt8(units % 10)
            units /= 10
        } while units > 0
    }

    mutating func appendValue(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): flag ? append("true") : append("false")
        case .number(let number): appendNumber(number)
        case .string(let text): appendString(text)
        case .array(let elements):
            bytes.append(.openBracket)
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(.comma) }
                appendValue(element)
            }
            bytes.append(.closeBracket)
        case .object(let object): appendObject(object)
        }
    }

    mutating func appendObject(_ object: JSONObject) {
        bytes.append(.openBrace)
        for (index, pair) in object.pairs.enumerated() {
            if index > 0 { bytes.append(.comma) }
            appendMember(pair.key, pair.value)
        }
        bytes.append(.closeBrace)
    }

    mutating func appendMember(_ key: String, _ value: JSONValue) {
        appendString(key)
        bytes.append(.colon)
        appendValue(value)
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
