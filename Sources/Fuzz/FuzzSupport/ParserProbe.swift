import GeoIO
import PopulationGrid
import RoadNetwork

/// One parser fed arbitrary bytes. A probe returns normally for every input: a parsed value or the
/// parser's own error. A trap (overflow, index out of range, force unwrap) or a hang is a bug; so is
/// GeoJSON that, once read, cannot be written back and read again.
public enum ParserProbe: String, CaseIterable, Sendable {
    case geoJSON = "geojson"
    case csv
    case pbf
    case populationGrid = "population-grid"

    public func run(_ bytes: UnsafeBufferPointer<UInt8>) {
        switch self {
        case .geoJSON: Self.geoJSON(Array(bytes))
        case .csv: Self.csv(Array(bytes))
        case .pbf: _ = try? OSMPBFReader(bytes: Array(bytes), name: "fuzz").statistics()
        case .populationGrid:
            _ = try? PopulationGrid.read(csvText: String(decoding: bytes, as: UTF8.self), source: "fuzz")
        }
    }

    public func run(_ bytes: [UInt8]) { bytes.withUnsafeBufferPointer { run($0) } }

    private static func geoJSON(_ bytes: [UInt8]) {
        guard let collection = try? GeoJSONReader.read(bytes: bytes, source: "fuzz") else { return }
        let written = GeoJSONWriter(decimals: 15).encode(collection)
        let lenient = GeoJSONReadOptions(checkLonLatRange: false, checkRings: false)
        guard let again = try? GeoJSONReader.read(bytes: written, source: "fuzz (written back)", options: lenient) else {
            fatalError("the GeoJSON writer produced a document its reader refuses: \(String(decoding: written.prefix(400), as: UTF8.self))")
        }
        precondition(again.features.count == collection.features.count, "the feature count changed when written back")
    }

    private static func csv(_ bytes: [UInt8]) {
        guard let table = try? CSVTable.read(bytes: bytes, source: "fuzz") else { return }
        for row in table.rows { precondition(row.count == table.header.count, "a row of another width than the header") }
    }
}
