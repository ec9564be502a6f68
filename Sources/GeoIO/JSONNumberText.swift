import Foundation

/// Number-to-text rules shared by `JSONValue.stringValue` and the GeoJSON writer.
enum JSONNumberText {
    /// Largest magnitude below which an integral Double is written as an integer.
    static let integralLimit = 1e15

    /// Shortest text that reads back to the same Double; integral values without ".0".
    /// NaN and infinities have no JSON form: they give "null".
    static func shortest(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < integralLimit {
            return String(Int64(value))  // -0.0 becomes "0"
        }
        return value.description  // Swift prints the shortest round-trip digits
    }

    /// `value` rounded to `decimals` places, trailing zeros trimmed, never an exponent, "-0" written "0".
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "null" }
        let scale = powerOfTen(decimals)
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9.0e15 else { return fixedLarge(value, decimals: decimals) }
        let signedUnits = Int64(scaled)
        if signedUnits == 0 { return "0" }
        let negative = signedUnits < 0
        let units = signedUnits.magnitude
        let divisor = UInt64(scale)
        var integerPart = String(units / divisor)
        var fraction = units % divisor
        if fraction != 0 {
            var places = decimals
            while fraction % 10 == 0 { fraction /= 10; places -= 1 }
            let digits = String(fraction)
            integerPart += "." + String(repeating: "0", count: places - digits.count) + digits
        }
        return negative ? "-" + integerPart : integerPart
    }

    /// Rare path for magnitudes too large for Int64 fixed point: printf digits, trailing zeros trimmed.
    private static func fixedLarge(_ value: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    static func powerOfTen(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, exponent) { result *= 10 }
        return result
    }
}

