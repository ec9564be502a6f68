/// Every error of reading a population grid. `description` says what is wrong, where, and what to do.
public enum PopulationGridError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadableFile(path: String, reason: String)
    case emptyFile(source: String)
    /// No id column was given and none of the usual names is present.
    case noIDColumn(source: String, header: [String])
    case missingColumn(source: String, column: String, header: [String])
    /// A cell id that does not follow `GridCellID.expectedForm`; row is 1-based, header excluded.
    case malformedCellID(source: String?, row: Int?, line: Int?, value: String)
    /// A population that is empty, not a number, infinite or negative.
    case invalidPopulation(source: String, row: Int, line: Int, value: String)
    /// A cell holding more than `PopulationGrid.largestUnitPopulation` people.
    case implausibleCellPopulation(source: String, row: Int, line: Int, value: String, limit: Double)
    case raggedRow(source: String, row: Int, line: Int, fieldCount: Int, headerFieldCount: Int)
    case badQuoting(source: String, line: Int)
    /// A cell whose CRS or size differs from the first row's.
    case mixedGrid(source: String, row: Int, value: String, firstValue: String)
    /// A cell whose corner is not a multiple of its size.
    case offGridCell(source: String, row: Int, value: String)
    case duplicateCell(source: String, value: String, firstRow: Int, secondRow: Int)
    /// The ids' CRS is unknown to PROJ or is not projected (metres).
    case unsupportedCRS(source: String, row: Int, value: String, reason: String)
    /// A feature layer: missing or invalid population, or a geometry that is neither polygonal nor a point.
    case missingProperty(source: String, featureIndex: Int, property: String)
    case invalidFeaturePopulation(source: String, featureIndex: Int, value: String)
    /// A unit holding more than `PopulationGrid.largestUnitPopulation` people.
    case implausibleFeaturePopulation(source: String, featureIndex: Int, value: String, limit: Double)
    case unsupportedGeometry(source: String, featureIndex: Int, type: String)
    case mixedGeometry(source: String, featureIndex: Int)

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            return "cannot read \(path): \(reason) — check the path and permissions"
        case let .emptyFile(source):
            return "\(source): the grid file is empty, a header line is expected — check the file"
        case let .noIDColumn(source, header):
            return "\(source): no cell id column (idcar_200m, idcar_1km or idinspire) among the columns "
                + "\(header.joined(separator: ", ")) — name the id column explicitly"
        case let .missingColumn(source, column, header):
            return "\(source): no column named \"\(column)\" (columns: \(header.joined(separator: ", "))) — "
                + "check the column name or the file"
        case let .malformedCellID(source, row, line, value):
            var place = source ?? "cell id"
            if let row { place += " row \(row)" }
            if let line { place += " (line \(line))" }
            return "\(place): malformed grid cell id \"\(value)\" — expected \(GridCellID.expectedForm)"
        case let .invalidPopulation(source, row, line, value):
            return "\(source) row \(row) (line \(line)): population \"\(value)\" is not a finite number ≥ 0 — fix the value"
        case let .implausibleCellPopulation(source, row, line, value, limit):
            return "\(source) row \(row) (line \(line)): population \"\(value)\" is above \(Int(limit)), more than a cell can hold — "
                + "check the population column"
        case let .raggedRow(source, row, line, fieldCount, headerFieldCount):
            return "\(source) row \(row) (line \(line)): \(fieldCount) fields, the header has \(headerFieldCount) — "
                + "fix the row (quote fields that contain the delimiter)"
        case let .badQuoting(source, line):
            return "\(source) line \(line): a quoted field is never closed or is followed by text — fix the quoting"
        case let .mixedGrid(source, row, value, firstValue):
            return "\(source) row \(row): cell \(value) is not in the CRS and size of row 1 (\(firstValue)) — "
                + "one file must hold one grid"
        case let .offGridCell(source, row, value):
            return "\(source) row \(row): the corner of cell \(value) is not a multiple of its size — "
                + "check the id (corners of a statistical grid are multiples of the cell side)"
        case let .duplicateCell(source, value, firstRow, secondRow):
            return "\(source): cell \(value) appears twice, rows \(firstRow) and \(secondRow) — remove the duplicate"
        case let .unsupportedCRS(source, row, value, reason):
            return "\(source) row \(row): cell \(value): \(reason) — grid ids must name a projected CRS in metres "
                + "(e.g. EPSG:3035)"
        case let .missingProperty(source, featureIndex, property):
            return "\(source) feature \(featureIndex): no property \"\(property)\" — check the population property name"
        case let .invalidFeaturePopulation(source, featureIndex, value):
            return "\(source) feature \(featureIndex): population \(value) is not a finite number ≥ 0 — fix the value"
        case let .implausibleFeaturePopulation(source, featureIndex, value, limit):
            return "\(source) feature \(featureIndex): population \(value) is above \(Int(limit)), more than a unit can hold — "
                + "check the population property (a total, or a unit's value scaled?)"
        case let .unsupportedGeometry(source, featureIndex, type):
            return "\(source) feature \(featureIndex): a \(type) cannot carry gridded population — use polygons or points"
        case let .mixedGeometry(source, featureIndex):
            return "\(source) feature \(featureIndex): polygons and points are mixed — one layer holds one kind"
        }
    }
}
