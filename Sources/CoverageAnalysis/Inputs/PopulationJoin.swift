import Foundation
import GeoIO

/// An INSEE-style population table: one number per commune code.
public struct PopulationTable: Sendable {
    public var populationByCode: [String: Double]
    public let source: String
    /// Arrondissement rows added up to Paris, Lyon and Marseille: arrondissement code → commune code.
    public var arrondissementsMerged: Int

    /// Paris, Lyon and Marseille are one commune each in the geometries but listed by arrondissement
    /// municipal in INSEE tables: 75101–75120 → 75056, 69381–69389 → 69123, 13201–13216 → 13055.
    /// More people than this in one commune is a mistake (the largest French commune has about 2.1 million).
    public static let largestCommunePopulation = 1e8

    public static func communeOfArrondissement(_ code: String) -> String? {
        guard code.count == 5, let number = Int(code) else { return nil }
        switch number {
        case 75101...75120: return "75056"
        case 69381...69389: return "69123"
        case 13201...13216: return "13055"
        default: return nil
        }
    }

    /// Reads a CSV, XLSX or ODS table (see `TableFile.read`: title lines skipped, the header found by its
    /// column names or after `skipRows` rows). Populations may have thousands separators and decimal commas.
    public static func read(contentsOf url: URL, codeColumn: String = "COM", populationColumn: String = "PMUN",
                            encoding: CSVEncoding = .auto, skipRows: Int? = nil, sheet: String? = nil) throws -> PopulationTable {
        let table = try TableFile.read(path: url.path, columns: [codeColumn, populationColumn], skipRows: skipRows, sheet: sheet,
                                       encoding: encoding, role: .population)
        let source = url.lastPathComponent
        guard let codeIndex = table.columnIndex(codeColumn) else {
            throw AnalysisInputError.missingColumn(source: source, role: "commune code", tried: [codeColumn], header: table.header)
        }
        guard let valueIndex = table.columnIndex(populationColumn) else {
            throw AnalysisInputError.missingColumn(source: source, role: "population", tried: [populationColumn], header: table.header)
        }
        var byCode: [String: Double] = [:]
        var lineOfCode: [String: Int] = [:]
        var merged = 0
        for (rowIndex, row) in table.rows.enumerated() {
            let rawCode = row[codeIndex].trimmingCharacters(in: .whitespaces)
            let text = row[valueIndex].trimmingCharacters(in: .whitespaces)
            guard !rawCode.isEmpty else { continue }
            guard let value = NumberText.parse(text), value >= 0, value <= largestCommunePopulation else {
                throw AnalysisInputError.badNumber(source: source, location: "line \(table.lineNumber(ofRow: rowIndex))", column: populationColumn, value: text)
            }
            // Codes lose their leading zero in spreadsheets: "1053" is "01053".
            let code = rawCode.count == 4 ? "0" + rawCode : rawCode
            if let firstLine = lineOfCode[code] {
                throw AnalysisInputError.badParameter(
                    "\(source) lines \(firstLine) and \(table.lineNumber(ofRow: rowIndex)): commune \(code) is listed twice, its population would "
                    + "count twice — keep one row per commune (Paris, Lyon and Marseille arrondissements are added up on purpose)")
            }
            lineOfCode[code] = table.lineNumber(ofRow: rowIndex)
            if let commune = communeOfArrondissement(code) {
                byCode[commune, default: 0] += value
                merged += 1
            } else {
                byCode[code, default: 0] += value
            }
        }
        return PopulationTable(populationByCode: byCode, source: source, arrondissementsMerged: merged)
    }

    /// The table with its codes moved by `target` (code → code of the commune that now holds it), populations of
    /// codes moved to the same commune added up; codes not in `target` are kept.
    public func remapped(_ target: [String: String]) -> PopulationTable {
        var moved = PopulationTable(populationByCode: [:], source: source, arrondissementsMerged: arrondissementsMerged)
        for (code, value) in populationByCode { moved.populationByCode[target[code] ?? code, default: 0] += value }
        return moved
    }
}

/// The result of joining populations to communes.
public struct PopulationJoin: Sendable {
    /// Population of each commune, in the order of the communes; 0 where unmatched.
    public var population: [Double]
    /// Communes with no population row: (code, name).
    public var unmatchedCommunes: [(code: String, name: String)]
    /// Table codes of the territory's départements with no commune geometry.
    public var unmatchedRows: [(code: String, population: Double)]

    /// Joins on the INSEE code. Only the table rows of the territory's départements can be unmatched.
    public static func join(_ communes: [CommuneInput], table: PopulationTable) -> PopulationJoin {
        var result = PopulationJoin(population: [], unmatchedCommunes: [], unmatchedRows: [])
        result.population.reserveCapacity(communes.count)
        for commune in communes {
            if let value = table.populationByCode[commune.code] {
                result.population.append(value)
            } else {
                result.population.append(0)
                result.unmatchedCommunes.append((commune.code, commune.name))
            }
        }
        let codes = Set(communes.map(\.code))
        let departements = Set(communes.map(\.departement))
        result.unmatchedRows = table.populationByCode
            .filter { !codes.contains($0.key) && departements.contains(projectionDepartement($0.key)) }
            .map { (code: $0.key, population: $0.value) }
            .sorted { $0.code < $1.code }
        return result
    }

    /// Population from the communes' own property.
    public static func fromProperty(_ communes: [CommuneInput]) -> PopulationJoin {
        PopulationJoin(population: communes.map { $0.populationProperty ?? 0 }, unmatchedCommunes: [], unmatchedRows: [])
    }

    private static func projectionDepartement(_ code: String) -> String {
        code.hasPrefix("97") ? String(code.prefix(3)) : String(code.prefix(2))
    }
}
