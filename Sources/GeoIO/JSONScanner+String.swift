extension JSONScanner {
    /// Reads a JSON string starting at its opening quote. Escapes, including
    /// \uXXXX surrogate pairs, are decoded; a lone surrogate becomes U+FFFD.
    mutating func readString() throws(GeoIOError) -> String {
        offset += 1  // opening quote
        let start = offset
        // Fast path: no escape before the closing quote.
        while offset < count {
            let byte = base[offset]
            if byte == .quote {
                let text = String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
                offset += 1
                return text
            }
            if byte == .backslash { break }
            if byte < 0x20 { throw syntaxError(expected: "a closing '\"' (control characters must be escaped in strings)") }
            offset += 1
        }
        var bytes = Array(UnsafeBufferPointer(start: base + start, count: offset - start))
        while offset < count {
            let byte = base[offset]
            switch byte {
            case .quote:
                offset += 1
                return String(decoding: bytes, as: UTF8.self)
            case .backslash:
                offset += 1
                try readEscape(into: &bytes)
            case 0..<0x20:
                throw syntaxError(expected: "a closing '\"' (control characters must be escaped in strings)")
            default:
                bytes.append(byte)
                offset += 1
            }
        }
        throw syntaxError(expected: "a closing '\"'")
    }

    private mutating func readEscape(into bytes: inout [UInt8]) throws(GeoIOError) {
        let escaped = current
        offset += 1
        switch escaped {
        case .quote, .backslash, UInt8(ascii: "/"): bytes.append(escaped)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(.newline)
        case UInt8(ascii: "r"): bytes.append(.carriageReturn)
        case UInt8(ascii: "t"): bytes.append(.tab)
        case UInt8(ascii: "u"):
            let unit = try readHex4()
            var scalar = Unicode.Scalar(0xFFFD)!
            if (0xD800...0xDBFF).contains(unit) {
                // High surrogate: a low surrogate escape must follow.
                if current == .backslash, offset + 1 < count, base[offset + 1] == UInt8(ascii: "u") {
                    let saved = offset
                    offset += 2
                    let low = try readHex4()
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)) ?? scalar
                    } else {
                        offset = saved  // not a pair: decode the next escape on its own
                    }
                }
            } else if let plain = Unicode.Scalar(unit) {
                scalar = plain
            }
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        default:
            offset -= 1
            throw syntaxError(expected: "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)")
        }
    }

    private mutating func readHex4() throws(GeoIOError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = current
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw syntaxError(expected: "4 hexadecimal digits after \\u")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }
}
