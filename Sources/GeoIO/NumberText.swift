/// Numbers as spreadsheets and French open-data files write them: `1 394` (space, no-break space U+00A0 or
/// narrow no-break space U+202F between thousands), `12,5` (decimal comma), `1.394,5` or `1,394.5` (the last
/// of `.` and `,` is the decimal mark), `-3`, `−3` (U+2212), `+3`. One parser for every numeric column read.
public enum NumberText {
    /// The value of `text`, or nil when it is empty or not a finite number.
    public static func parse(_ text: String) -> Double? {
        var digits: [Character] = []
        digits.reserveCapacity(text.count)
        for character in text {
            switch character {
            case " ", "\u{00A0}", "\u{202F}", "\u{2009}", "\u{2007}", "\t", "'": continue  // group separators, padding
            case "\u{2212}": digits.append("-")
            default: digits.append(character)
            }
        }
        guard !digits.isEmpty else { return nil }
        let commas = digits.count { $0 == "," }, dots = digits.count { $0 == "." }
        var normalised = String(digits)
        if commas > 0 && dots > 0 {
            // Both marks: the last one is the decimal mark, the other groups thousands.
            let lastComma = digits.lastIndex(of: ",")!, lastDot = digits.lastIndex(of: ".")!
            let (group, decimal): (Character, Character) = lastComma > lastDot ? (".", ",") : (",", ".")
            guard digits.count(where: { $0 == decimal }) == 1 else { return nil }
            normalised = String(digits.filter { $0 != group }.map { $0 == "," ? "." : $0 })
        } else if commas == 1 {
            normalised = normalised.replacingOccurrences(of: ",", with: ".")
        } else if commas > 1 || dots > 1 {
            // "1,234,567" or "1.234.567": every mark groups thousands (three digits after each).
            let mark: Character = commas > 1 ? "," : "."
            let groups = normalised.split(separator: mark, omittingEmptySubsequences: false)
            guard groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            normalised = groups.joined()
        }
        guard normalised.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              let value = Double(normalised), value.isFinite else { return nil }
        return value
    }
}
