import GeoCore
import Projection

/// Population counted by spatial units: the square cells of an INSEE / INSPIRE grid ("données
/// carroyées"), or the polygons or points of a feature layer. `PopulationAllocation` shares them
/// among communes.
public struct PopulationGrid: Sendable {
    /// Where the units are.
    public enum Units: Sendable {
        /// Square cells of one statistical grid.
        case squares(SquareCells)
        /// Polygonal units (each a polygon or multipolygon), WGS84 longitude/latitude.
        case polygons([Shape])
        /// Point units, WGS84 longitude/latitude.
        case points([XY])
    }

    /// Name of the input in messages (a path).
    public let source: String
    public let units: Units
    /// People of each unit, ≥ 0, in input order.
    public let populations: [Double]

    public init(source: String, units: Units, populations: [Double]) {
        self.source = source
        self.units = units
        self.populations = populations
    }

    public var count: Int { populations.count }
    public var totalPopulation: Double { populations.reduce(0, +) }

    /// Above this, a value is a mistake (a total, a wrong column), not people: no unit holds more than
    /// 10^8 people (the bound on a commune). A denser cell than any real one is not refused: a grid
    /// may put a whole commune in the cell of its chef-lieu.
    public static let largestUnitPopulation = 1e8

    /// The square cells, when the units are cells of a grid.
    public var squareCells: SquareCells? {
        if case .squares(let cells) = units { cells } else { nil }
    }
}

/// The cells of one square grid, aligned on multiples of the cell side, in input order.
public struct SquareCells: Sendable {
    public let epsg: Int
    /// Cell side in metres.
    public let size: Int
    /// Grid column (east / size) and row (north / size) of each cell's lower-left corner.
    public let columns: [Int32]
    public let rows: [Int32]
    /// The cells by row then column, for finding the populated cells under a shape.
    let index: SquareCellIndex

    /// Cells given by column and row; duplicates are reported as the two offending input positions.
    public init(epsg: Int, size: Int, columns: [Int32], rows: [Int32]) throws(DuplicateCells) {
        precondition(columns.count == rows.count, "columns and rows differ in length")
        self.epsg = epsg
        self.size = size
        self.columns = columns
        self.rows = rows
        index = try SquareCellIndex(columns: columns, rows: rows)
    }

    /// Two cells at the same place (input positions, first < second).
    public struct DuplicateCells: Error, Sendable, Equatable {
        public let first: Int, second: Int
    }

    public var crs: CRS { .epsg(epsg) }
    public var count: Int { columns.count }

    public func id(of cell: Int) -> GridCellID {
        GridCellID(epsg: epsg, size: size, east: Int(columns[cell]) * size, north: Int(rows[cell]) * size)
    }

    /// Lower-left corner of a cell, in the grid CRS.
    public func corner(of cell: Int) -> XY {
        XY(Double(columns[cell]) * Double(size), Double(rows[cell]) * Double(size))
    }

    /// Centre of a cell, in the grid CRS.
    public func centre(of cell: Int) -> XY {
        XY((Double(columns[cell]) + 0.5) * Double(size), (Double(rows[cell]) + 0.5) * Double(size))
    }
}

/// Cells sorted by row, then column (compressed rows): the populated cells of a window are found
/// without visiting the empty cells around them.
struct SquareCellIndex: Sendable {
    /// Distinct rows, ascending.
    let rowValues: [Int32]
    /// Cells of `rowValues[k]` are at positions `rowStarts[k] ..< rowStarts[k + 1]`.
    let rowStarts: [Int32]
    /// Column and input position of each cell, by row then column.
    let columnValues: [Int32]
    let cellAt: [Int32]

    init(columns: [Int32], rows: [Int32]) throws(SquareCells.DuplicateCells) {
        let count = columns.count
        @inline(__always) func key(_ cell: Int) -> UInt64 {
            (UInt64(UInt32(bitPattern: rows[cell]) ^ 0x8000_0000) << 32) | UInt64(UInt32(bitPattern: columns[cell]) ^ 0x8000_0000)
        }
        var order = [Int32](unsafeUninitializedCapacity: count) { buffer, initialised in
            for cell in 0..<count { buffer[cell] = Int32(cell) }
            initialised = count
        }
        // INSEE files come sorted by id (north, then east): skip the sort when the input is in order.
        var sorted = true
        for cell in 1..<max(count, 1) where key(cell - 1) >= key(cell) { sorted = false; break }
        if !sorted {
            let keys = (0..<count).map(key)
            order.sort { keys[Int($0)] != keys[Int($1)] ? keys[Int($0)] < keys[Int($1)] : $0 < $1 }
        }
        var rowValues: [Int32] = [], rowStarts: [Int32] = []
        var columnValues = [Int32](repeating: 0, count: count)
        for position in 0..<count {
            let cell = Int(order[position])
            if position > 0 {
                let previous = Int(order[position - 1])
                if rows[previous] == rows[cell] && columns[previous] == columns[cell] {
                    throw SquareCells.DuplicateCells(first: min(previous, cell), second: max(previous, cell))
                }
            }
            if rowValues.last != rows[cell] {
                rowValues.append(rows[cell])
                rowStarts.append(Int32(position))
            }
            columnValues[position] = columns[cell]
        }
        rowStarts.append(Int32(count))
        self.rowValues = rowValues
        self.rowStarts = rowStarts
        self.columnValues = columnValues
        cellAt = order
    }

    /// First position in `values[range]` whose value is ≥ `target`.
    @inline(__always) static func lowerBound(_ values: [Int32], _ range: Range<Int>, _ target: Int) -> Int {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if Int(values[middle]) < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
