import Foundation
import GeoCore
import GeoIO
import Projection

extension PopulationGrid {
    /// Id columns looked for, in order, when none is named.
    public static let idColumnNames = ["idcar_200m", "idcar_1km", "idinspire"]

    /// Reads an INSEE gridded-population CSV ("données carroyées": `idcar_200m,lcog_geo,ind`, or the 1 km
    /// file's `idcar_1km`): one row per cell, its id and its people. The delimiter (`,`, `;` or tab) is
    /// found from the header; other columns (`lcog_geo`…) are ignored.
    /// - Parameters:
    ///   - idColumn: the id column; by default the first of `idcar_200m`, `idcar_1km`, `idinspire` (any case).
    ///   - populationColumn: the people of each cell (`ind`): finite numbers ≥ 0, with a decimal point
    ///     (or a decimal comma in a file not delimited by commas).
    /// All cells must be of one CRS and one size, aligned on multiples of the size, each cell once.
    public static func read(csv path: String, idColumn: String? = nil,
                            populationColumn: String = "ind") throws(PopulationGridError) -> PopulationGrid {
        let data: Data
        do {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PopulationGridError.unreadableFile(path: path, reason: "No such file or directory")
            }
            guard !isDirectory.boolValue else { throw PopulationGridError.unreadableFile(path: path, reason: "Is a directory") }
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch let error as PopulationGridError {
            throw error
        } catch {
            throw .unreadableFile(path: path, reason: "\(error.localizedDescription)")
        }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(PopulationGridError) in
                try read(bytes: raw.bindMemory(to: UInt8.self), source: path, idColumn: idColumn,
                         populationColumn: populationColumn)
            }
        }
        return try result.get()
    }

    /// The same from CSV text (tests, small inputs).
    public static func read(csvText text: String, source: String, idColumn: String? = nil,
                            populationColumn: String = "ind") throws(PopulationGridError) -> PopulationGrid {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(PopulationGridError) in
                try read(bytes: bytes, source: source, idColumn: idColumn, populationColumn: populationColumn)
            }
        }
        return try result.get()
    }

    static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, idColumn: String?,
                     populationColumn: String) throws(PopulationGridError) -> PopulationGrid {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var headerEnd = start
        while headerEnd < bytes.count, bytes[headerEnd] != UInt8(ascii: "\n") { headerEnd += 1 }
        let header: CSVTable
        do {
            header = try CSVTable.read(bytes: Array(bytes[start..<headerEnd]), source: source)
        } catch {
            throw .emptyFile(source: source)
        }
        guard !header.header.isEmpty, header.header != [""] else { throw .emptyFile(source: source) }
        let idField: Int
        if let idColumn {
            guard let index = header.columnIndex(idColumn) else {
                throw .missingColumn(source: source, column: idColumn, header: header.header)
            }
            idField = index
        } else {
            guard let index = idColumnNames.lazy.compactMap({ header.columnIndex($0) }).first else {
                throw .noIDColumn(source: source, header: header.header)
            }
            idField = index
        }
        guard let populationField = header.columnIndex(populationColumn) else {
            throw .missingColumn(source: source, column: populationColumn, header: header.header)
        }
        var scanner = GridCSVScanner(bytes: bytes, position: min(headerEnd + 1, bytes.count), line: 2,
                                     delimiter: header.delimiter, source: source,
                                     fieldCount: header.header.count, idField: idField, populationField: populationField)
        let estimate = bytes.count / 40
        var columns: [Int32] = [], rows: [Int32] = [], populations: [Double] = []
        columns.reserveCapacity(estimate); rows.reserveCapacity(estimate); populations.reserveCapacity(estimate)
        var first: GridCellID?
        while let record = try scanner.next(row: populations.count + 1) {
            let row = populations.count + 1
            guard let id = GridCellID.parse(UnsafeBufferPointer(rebasing: bytes[record.id])) else {
                throw .malformedCellID(source: source, row: row, line: record.line, value: scanner.text(record.id))
            }
            if let first {
                guard id.epsg == first.epsg, id.size == first.size else {
                    throw .mixedGrid(source: source, row: row, value: id.description, firstValue: first.description)
                }
            } else {
                first = id
            }
            guard id.east % id.size == 0, id.north % id.size == 0,
                  let column = Int32(exactly: id.east / id.size), let gridRow = Int32(exactly: id.north / id.size) else {
                throw .offGridCell(source: source, row: row, value: id.description)
            }
            guard let population = scanner.population(record.population), population.isFinite, population >= 0 else {
                throw .invalidPopulation(source: source, row: row, line: record.line, value: scanner.text(record.population))
            }
            guard population <= Self.largestUnitPopulation else {
                throw .implausibleCellPopulation(source: source, row: row, line: record.line,
                                                 value: scanner.text(record.population), limit: Self.largestUnitPopulation)
            }
            columns.append(column); rows.append(gridRow); populations.append(population)
        }
        let grid = first ?? GridCellID(epsg: 3035, size: 200, east: 0, north: 0)
        if let first { try checkProjected(first, source: source) }
        do {
            let cells = try SquareCells(epsg: grid.epsg, size: grid.size, columns: columns, rows: rows)
            return PopulationGrid(source: source, units: .squares(cells), populations: populations)
        } catch {
            let id = GridCellID(epsg: grid.epsg, size: grid.size, east: Int(columns[error.first]) * grid.size,
                                north: Int(rows[error.first]) * grid.size)
            throw .duplicateCell(source: source, value: id.description, firstRow: error.first + 1, secondRow: error.second + 1)
        }
    }

    /// The ids' CRS must be known to PROJ and projected (a grid in metres).
    static func checkProjected(_ id: GridCellID, source: String) throws(PopulationGridError) {
        do {
            let transformer = try Transformer(from: .wgs84, to: .epsg(id.epsg))
            if transformer.targetIsGeographic {
                throw PopulationGridError.unsupportedCRS(source: source, row: 1, value: id.description,
                                                         reason: "EPSG:\(id.epsg) is a geographic CRS (degrees)")
            }
        } catch let error as PopulationGridError {
            throw error
        } catch {
            throw .unsupportedCRS(source: source, row: 1, value: id.description, reason: "\(error)")
        }
    }
}

/// Byte-level CSV records (RFC 4180 quoting, CRLF or LF, blank lines skipped) keeping only the id and
/// population fields: millions of rows read without building a string per field.
struct GridCSVScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    var line: Int
    let delimiter: UInt8
    let source: String
    let fieldCount: Int
    let idField: Int
    let populationField: Int

    struct Record {
        var id: Range<Int>
        var population: Range<Int>
        var line: Int
    }

    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    mutating func next(row: Int) throws(PopulationGridError) -> Record? {
        let count = bytes.count
        // Blank lines.
        while position < count {
            if bytes[position] == Self.newline { position += 1; line += 1; continue }
            if bytes[position] == Self.carriageReturn, position + 1 < count, bytes[position + 1] == Self.newline {
                position += 2; line += 1; continue
            }
            break
        }
        guard position < count else { return nil }
        var record = Record(id: 0..<0, population: 0..<0, line: line)
        var field = 0
        while true {
            var content: Range<Int>
            // A delimiter at the very end of the data leaves an empty last field (position == count).
            if position < count, bytes[position] == Self.quote {
                let opening = line
                position += 1
                let contentStart = position
                while true {
                    guard position < count else { throw .badQuoting(source: source, line: opening) }
                    let byte = bytes[position]
                    if byte == Self.quote {
                        if position + 1 < count, bytes[position + 1] == Self.quote { position += 2; continue }
                        break
                    }
                    if byte == Self.newline { line += 1 }
                    position += 1
                }
                content = contentStart..<position
                position += 1
                if position < count {
                    let next = bytes[position]
                    guard next == delimiter || next == Self.newline || next == Self.carriageReturn else {
                        throw .badQuoting(source: source, line: line)
                    }
                }
            } else {
                let fieldStart = position
                while position < count {
                    let byte = bytes[position]
                    if byte == delimiter || byte == Self.newline || byte == Self.carriageReturn { break }
                    position += 1
                }
                content = fieldStart..<position
            }
            content = trimmed(content)
            if field == idField { record.id = content }
            if field == populationField { record.population = content }
            field += 1
            if position < count, bytes[position] == delimiter { position += 1; continue }
            if position < count, bytes[position] == Self.carriageReturn { position += 1 }
            if position < count, bytes[position] == Self.newline { position += 1; line += 1 }
            break
        }
        guard field == fieldCount else {
            throw .raggedRow(source: source, row: row, line: record.line, fieldCount: field, headerFieldCount: fieldCount)
        }
        return record
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var low = range.lowerBound, high = range.upperBound
        while low < high, bytes[low] == UInt8(ascii: " ") { low += 1 }
        while high > low, bytes[high - 1] == UInt8(ascii: " ") { high -= 1 }
        return low..<high
    }

    func text(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The number in the field: plain decimals exactly (digits, optional point: an integer mantissa
    /// below 2^53 divided by an exact power of ten is correctly rounded), anything else by the standard
    /// parser; a decimal comma is accepted when the delimiter is not a comma.
    func population(_ range: Range<Int>) -> Double? {
        var mantissa: UInt64 = 0, digits = 0, decimals = 0, seenPoint = false
        var fast = !range.isEmpty
        for index in range where fast {
            let byte = bytes[index]
            if byte &- UInt8(ascii: "0") < 10 {
                if digits == 18 { fast = false; break }
                mantissa = mantissa * 10 + UInt64(byte &- UInt8(ascii: "0"))
                digits += 1
                if seenPoint { decimals += 1 }
            } else if byte == UInt8(ascii: "."), !seenPoint {
                seenPoint = true
            } else {
                fast = false
            }
        }
        if fast, digits > 0, mantissa < 1 << 53, decimals <= 22 {
            return Double(mantissa) / Self.powersOfTen[decimals]
        }
        var text = self.text(range)
        if delimiter != UInt8(ascii: ","), text.contains(",") { text = text.replacingOccurrences(of: ",", with: ".") }
        return Double(text)
    }
}
