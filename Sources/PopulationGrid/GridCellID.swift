import GeoCore

/// The id of a square cell of an INSPIRE / INSEE statistical grid, e.g. `CRS3035RES200mN2029800E4252400`:
/// the cell of side 200 m whose lower-left (south-west) corner is E 4,252,400 / N 2,029,800 in EPSG:3035.
/// Letters may be in any case; the side is written in metres (`RES200m`, `RES1000m`) or kilometres (`RES1km`).
public struct GridCellID: Sendable, Hashable, CustomStringConvertible {
    /// EPSG code of the grid's CRS (3035 in Europe; other codes for other territories).
    public let epsg: Int
    /// Side of the cell, in metres.
    public let size: Int
    /// Lower-left corner, in the CRS's metres.
    public let east: Int
    public let north: Int

    public init(epsg: Int, size: Int, east: Int, north: Int) {
        self.epsg = epsg; self.size = size; self.east = east; self.north = north
    }

    /// The form ids must have, for error messages.
    public static let expectedForm = "CRS<EPSG code>RES<side>m (or RES<side>km) N<northing>E<easting> with whole numbers, "
        + "e.g. CRS3035RES200mN2029800E4252400"

    /// Parses an id; `row` (1-based data row) only serves the error message.
    public init(parsing text: String, source: String? = nil, row: Int? = nil) throws(PopulationGridError) {
        var text = text
        let parsed = text.withUTF8 { Self.parse($0) }
        guard let parsed else { throw .malformedCellID(source: source, row: row, line: nil, value: text) }
        self = parsed
    }

    public var corner: XY { XY(Double(east), Double(north)) }
    public var centre: XY { XY(Double(east) + Double(size) / 2, Double(north) + Double(size) / 2) }

    /// The canonical spelling (`CRS3035RES200mN2029800E4252400`).
    public var description: String { "CRS\(epsg)RES\(size)mN\(north)E\(east)" }

    /// Byte-level parser of the id grammar; nil when the bytes do not follow it.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> GridCellID? {
        var reader = IDReader(bytes: bytes)
        guard reader.letters("crs"), let epsg = reader.number(), epsg > 0,
              reader.letters("res"), var size = reader.number(), size > 0 else { return nil }
        if reader.letters("km") {
            size *= 1000
        } else if !reader.letters("m") {
            return nil
        }
        guard reader.letters("n"), let north = reader.number(),
              reader.letters("e"), let east = reader.number(), reader.atEnd else { return nil }
        return GridCellID(epsg: epsg, size: size, east: east, north: north)
    }
}

/// A cursor over the bytes of an id.
private struct IDReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    var atEnd: Bool { position == bytes.count }

    /// Consumes `lowercase` (ASCII letters) in any case.
    @inline(__always) mutating func letters(_ lowercase: StaticString) -> Bool {
        let count = lowercase.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let expected = lowercase.utf8Start
        for offset in 0..<count where bytes[position + offset] | 0x20 != expected[offset] { return false }
        position += count
        return true
    }

    /// Consumes 1 to 15 decimal digits (no sign, no point).
    @inline(__always) mutating func number() -> Int? {
        let start = position
        var value = 0
        while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 {
            guard position - start < 15 else { return nil }
            value = value * 10 + Int(bytes[position] &- UInt8(ascii: "0"))
            position += 1
        }
        return position > start ? value : nil
    }
}
