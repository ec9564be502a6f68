import Foundation
import GeoCore
import GeoIO

/// Communes of a GeoJSON file: codes (`code` property) and shapes, in file order.
func readCommunes(_ path: String) throws -> (codes: [String], shapes: [Shape]) {
    let collection = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path))
    return (collection.features.map { $0.properties["code"]?.stringValue ?? "" },
            collection.features.map { $0.geometry ?? .empty })
}

/// Legal populations (`COM`, `PMUN`) of an INSEE table for the given codes (0 without a row); the
/// arrondissements of Paris, Lyon and Marseille are added up to their city.
func readLegalPopulation(_ path: String, codes: [String]) throws -> [Double] {
    let table = try CSVTable.read(contentsOf: URL(fileURLWithPath: path))
    let code = try table.requiredColumnIndex("COM"), population = try table.requiredColumnIndex("PMUN")
    var byCode: [String: Double] = [:]
    for row in table.rows {
        var key = row[code]
        if let number = Int(key) {
            if (75101...75120).contains(number) { key = "75056" }
            if (69381...69389).contains(number) { key = "69123" }
            if (13201...13216).contains(number) { key = "13055" }
        }
        byCode[key, default: 0] += Double(row[population]) ?? 0
    }
    return codes.map { byCode[$0] ?? 0 }
}

/// |a − b| within a relative (and absolute) tolerance.
func close(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-9) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}
