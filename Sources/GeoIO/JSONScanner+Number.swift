extension JSONScanner {
    /// Reads a JSON number with correct rounding. Short decimals (up to 19 significant
    /// digits with a value ≤ 2^53 and a power of ten ≤ 22, i.e. every coordinate) take
    /// Clinger's exact fast path: one correctly rounded IEEE multiplication or division of
    /// two exactly representable doubles. Anything else goes through Swift's own parser.
    mutating func readNumber() throws(GeoIOError) -> Double {
        let start = offset
        let negative = current == .minus
        if negative { offset += 1 }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var decimalExponent = 0
        var truncated = false

        // Integer part: "0" or a non-zero digit followed by digits.
        guard let first = digit(at: offset) else { throw syntaxError(expected: "a digit") }
        if first == 0 {
            offset += 1
        } else {
            while let value = digit(at: offset) {
                if significantDigits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(value)
                    significantDigits += 1
                } else {
                    decimalExponent += 1
                    truncated = truncated || value != 0
                }
                offset += 1
            }
        }
        // Fraction.
        if current == .dot {
            offset += 1
            guard digit(at: offset) != nil else { throw syntaxError(expected: "a digit after the decimal point") }
            while let value = digit(at: offset) {
                if significantDigits < 19 {
                    if mantissa != 0 || value != 0 { significantDigits += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(value)
                    decimalExponent -= 1
                } else {
                    truncated = truncated || value != 0
                }
                offset += 1
            }
        }
        // Exponent.
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            var exponentNegative = false
            if current == .minus || current == .plus {
                exponentNegative = current == .minus
                offset += 1
            }
            guard digit(at: offset) != nil else { throw syntaxError(expected: "a digit in the exponent") }
            var exponent = 0
            while let value = digit(at: offset) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(value) }
                offset += 1
            }
            decimalExponent += exponentNegative ? -exponent : exponent
        }

        if !truncated, mantissa <= 1 << 53, decimalExponent >= -22, decimalExponent <= 22 {
            let magnitude = Double(mantissa)
            let value = decimalExponent < 0
                ? magnitude / Self.exactPowersOfTen[-decimalExponent]
                : magnitude * Self.exactPowersOfTen[decimalExponent]
            return negative ? -value : value
        }
        let token = String(decoding: UnsafeBufferPointer(start: base + start, count: offset - start), as: UTF8.self)
        guard let value = Double(token) else {
            offset = start
            throw syntaxError(expected: "a number")
        }
        return value
    }

    @inline(__always) private func digit(at position: Int) -> UInt8? {
        guard position < count else { return nil }
        let value = base[position] &- UInt8(ascii: "0")
        return value < 10 ? value : nil
    }

    /// 10^0 … 10^22, all exactly representable as Double.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]
}
