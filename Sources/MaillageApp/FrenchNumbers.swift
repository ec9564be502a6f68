import Foundation

/// Numbers written the French way for the terminal: `1 234 567`, `12,3 %`, `4,56 km`.
enum FrenchNumbers {
    static func integer(_ value: Double) -> String {
        let rounded = Int(value.rounded())
        let digits = String(abs(rounded))
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (rounded < 0 ? "-" : "") + groups.joined(separator: " ")
    }

    static func decimal(_ value: Double, places: Int) -> String {
        let text = String(format: "%.\(places)f", value)
        let parts = text.split(separator: ".")
        let whole = integer(Double(parts[0]) ?? 0)
        let sign = value < 0 && !whole.hasPrefix("-") && (Double(parts[0]) ?? 0) == 0 ? "-" : ""
        return sign + whole + (parts.count > 1 ? "," + parts[1] : "")
    }

    static func percent(_ share: Double, places: Int = 1) -> String { decimal(share * 100, places: places) + " %" }
}

/// Plain-text aligned table.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers); the others align left.
    var rightAligned: Set<Int>

    func render() -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        return ([line(header), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + rows.map(line))
            .joined(separator: "\n")
    }
}
