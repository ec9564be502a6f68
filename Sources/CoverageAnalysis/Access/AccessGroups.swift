import Accessibility
import Foundation
import GeoIO
import Projection

/// Régions of the départements, Code officiel géographique (régions of 1 January 2016, unchanged through
/// the 2024 vintage): département code → (région code, name).
public enum FrenchRegions {
    public static let vintage = "COG 2024 (régions of 1 January 2016)"

    static let table: [(code: String, name: String, departements: [String])] = [
        ("01", "Guadeloupe", ["971"]), ("02", "Martinique", ["972"]), ("03", "Guyane", ["973"]),
        ("04", "La Réunion", ["974"]), ("06", "Mayotte", ["976"]),
        ("11", "Île-de-France", ["75", "77", "78", "91", "92", "93", "94", "95"]),
        ("24", "Centre-Val de Loire", ["18", "28", "36", "37", "41", "45"]),
        ("27", "Bourgogne-Franche-Comté", ["21", "25", "39", "58", "70", "71", "89", "90"]),
        ("28", "Normandie", ["14", "27", "50", "61", "76"]),
        ("32", "Hauts-de-France", ["02", "59", "60", "62", "80"]),
        ("44", "Grand Est", ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"]),
        ("52", "Pays de la Loire", ["44", "49", "53", "72", "85"]),
        ("53", "Bretagne", ["22", "29", "35", "56"]),
        ("75", "Nouvelle-Aquitaine", ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"]),
        ("76", "Occitanie", ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]),
        ("84", "Auvergne-Rhône-Alpes", ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]),
        ("93", "Provence-Alpes-Côte d'Azur", ["04", "05", "06", "13", "83", "84"]),
        ("94", "Corse", ["2A", "2B"]),
    ]

    static let byDepartement: [String: (code: String, name: String)] = {
        var map: [String: (code: String, name: String)] = [:]
        for region in table { for departement in region.departements { map[departement] = (region.code, region.name) } }
        return map
    }()

    /// The région of a département code (`"33"`, `"2A"`, `"974"`); nil when unknown.
    public static func region(ofDepartement code: String) -> (code: String, name: String)? { byDepartement[code.uppercased()] }
}

/// A commune → group table read from a CSV (`code,epci_siren,epci_nom`; `code,dens7,dens3,libdens7`).
public struct CommuneGroupTable: Sendable {
    public let source: String
    /// Commune code → (group key, group name).
    public let groupOfCommune: [String: (key: String, name: String)]

    public static func read(path: String, codeColumn: String = "code", keyColumn: String, nameColumn: String?) throws -> CommuneGroupTable {
        let url = URL(fileURLWithPath: path)
        let table = try CSVTable.read(contentsOf: url)
        let source = url.lastPathComponent
        func index(_ column: String, _ role: String) throws -> Int {
            guard let index = table.columnIndex(column) else {
                throw AnalysisInputError.missingColumn(source: source, role: role, tried: [column], header: table.header)
            }
            return index
        }
        let codeIndex = try index(codeColumn, "commune code"), keyIndex = try index(keyColumn, "group")
        let nameIndex = try nameColumn.map { try index($0, "group name") }
        var groups: [String: (key: String, name: String)] = [:]
        groups.reserveCapacity(table.rows.count)
        for row in table.rows {
            let code = row[codeIndex].trimmingCharacters(in: .whitespaces)
            let key = row[keyIndex].trimmingCharacters(in: .whitespaces)
            guard !code.isEmpty, !key.isEmpty else { continue }
            groups[code.count == 4 ? "0" + code : code] = (key, nameIndex.map { row[$0] } ?? "")
        }
        return CommuneGroupTable(source: source, groupOfCommune: groups)
    }
}

/// One table of population-weighted statistics of a per-commune value by group (département, région,
/// EPCI, density class…). Communes without a group are left out of the rows and listed.
public struct GroupTable: Sendable {
    public struct Row: Sendable {
        public let key: String
        public let name: String
        public let statistics: GroupStatistics
    }

    /// The level's name in file names and JSON: "departement", "region", "epci", "densite".
    public let level: String
    public let rows: [Row]
    /// Every commune given, those without a group included.
    public let all: GroupStatistics
    /// Codes of the communes that have no group at this level (not in the table), sorted.
    public let communesWithoutGroup: [String]

    /// Groups `values` (one per commune) by `keys` (nil: no group), weighting by `populations`.
    /// Rows are sorted by key; `names` gives each key's label.
    public static func make(level: String, codes: [String], values: [Double], populations: [Double],
                            keys: [String?], names: [String: String]) throws -> GroupTable {
        let grouped = codes.indices.filter { keys[$0] != nil }
        let statistics = try PopulationStatistics.grouped(
            values: grouped.map { values[$0] }, populations: grouped.map { populations[$0] }, keys: grouped.map { keys[$0]! })
        let all = try PopulationStatistics.summarize(values: values, populations: populations)
        return GroupTable(
            level: level,
            rows: statistics.groups.map { Row(key: $0.key, name: names[$0.key] ?? "", statistics: $0.statistics) },
            all: all, communesWithoutGroup: codes.indices.filter { keys[$0] == nil }.map { codes[$0] }.sorted())
    }

    /// The usual levels for communes: département and région always; EPCI and density class when their table is given.
    public static func standardLevels(codes: [String], values: [Double], populations: [Double],
                                      epci: CommuneGroupTable?, density: CommuneGroupTable?) throws -> [GroupTable] {
        let departements = codes.map { TerritoryCRS.departement(ofCommune: $0) }
        var tables = [try make(level: "departement", codes: codes, values: values, populations: populations,
                               keys: departements, names: [:])]
        let regions = departements.map { FrenchRegions.region(ofDepartement: $0) }
        var regionNames: [String: String] = [:]
        for region in regions.compactMap({ $0 }) { regionNames[region.code] = region.name }
        tables.append(try make(level: "region", codes: codes, values: values, populations: populations,
                               keys: regions.map { $0?.code }, names: regionNames))
        for (level, table) in [("epci", epci), ("densite", density)] {
            guard let table else { continue }
            let groups = codes.map { table.groupOfCommune[$0] }
            var names: [String: String] = [:]
            for group in groups.compactMap({ $0 }) { names[group.key] = group.name }
            tables.append(try make(level: level, codes: codes, values: values, populations: populations,
                                   keys: groups.map { $0?.key }, names: names))
        }
        return tables
    }
}
