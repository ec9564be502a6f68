import Foundation

/// Numbers written the French way for the terminal: `1 234 567`, `12,3 %`, `4,56 km`.
///
/// Never traps: NaN prints as "—", infinities as "∞" and "-∞", and numbers too large to print digit by
/// digit (|x| ≥ 10¹⁵) in scientific form, `1,23e23`.
enum FrenchNumbers {
    /// Beyond this magnitude, integers are written in scientific form.
    static let largestPlain = 1e15

    static func integer(_ value: Double) -> String {
        if let special = special(value) { return special }
        let rounded = Int64(value.rounded())
        let digits = String(rounded.magnitude)
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
        if let special = special(value) { return special }
        let text = String(format: "%.\(max(0, min(places, 15)))f", value)
        let parts = text.split(separator: ".")
        let whole = integer(Double(parts[0]) ?? 0)
        let sign = value < 0 && !whole.hasPrefix("-") && (Double(parts[0]) ?? 0) == 0 ? "-" : ""
        return sign + whole + (parts.count > 1 ? "," + parts[1] : "")
    }

    static func percent(_ share: Double, places: Int = 1) -> String {
        share.isNaN ? "—" : decimal(share * 100, places: places) + " %"
    }

    /// "—", "∞", "-∞" or the scientific form for values that cannot be written digit by digit.
    private static func special(_ value: Double) -> String? {
        if value.isNaN { return "—" }
        if value.isInfinite { return value < 0 ? "-∞" : "∞" }
        guard abs(value) >= largestPlain else { return nil }
        let text = String(format: "%.2e", value)           // "1.23e+23"
        let parts = text.split(separator: "e")
        let exponent = Int(parts[1]) ?? 0
        return parts[0].replacingOccurrences(of: ".", with: ",") + "e\(exponent)"
    }
}

/// Plain-text aligned table.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Columns aligned right (numbers); the others align left.
    var rightAligned: Set<Int>

    func render() -> String {
        // Rows shorter than the header are padded with empty cells; longer ones are cut.
        let cells = ([header] + rows).map { row in header.indices.map { $0 < row.count ? row[$0] : "" } }
        let widths = header.indices.map { column in cells.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        return ([line(cells[0]), widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")] + cells.dropFirst().map(line))
            .joined(separator: "\n")
    }
}

extension TextTable {
    /// A table by group in a terminal report: a blank line, `heading`, this table with the first
    /// `maximumRows` of `rows` and then `total`, how many more rows the `csv` file holds, and the
    /// communes missing from the group table (`title`), followed by `hint`.
    func groupLines<Rows: Collection<[String]>>(heading: String, rows: Rows, total: [String], maximumRows: Int, csv: String,
                                                title: String, missing: [String], hint: String = "") -> [String] {
        var table = self
        table.rows = Array(rows.prefix(maximumRows)) + [total]
        var lines = ["", heading, table.render()]
        if rows.count > maximumRows { lines.append("… \(rows.count - maximumRows) autres lignes dans \(csv)") }
        if !missing.isEmpty {
            lines.append("Attention : \(missing.count) communes absentes de la table (\(title)) : "
                         + missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? ", …" : "") + hint)
        }
        return lines
    }
}
