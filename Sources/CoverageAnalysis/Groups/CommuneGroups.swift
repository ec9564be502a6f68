import Foundation
import GeoIO
import Projection

/// A commune → group table read from a CSV (`code,epci_siren,epci_nom`; `code,dens7,dens3,libdens7`).
public struct CommuneGroupTable: Sendable {
    public let source: String
    /// Commune code → (group key, group name).
    public let groupOfCommune: [String: (key: String, name: String)]

    public init(source: String, groupOfCommune: [String: (key: String, name: String)]) {
        self.source = source; self.groupOfCommune = groupOfCommune
    }

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

    /// The EPCI table: `code,epci_siren,epci_nom`.
    public static func epci(path: String) throws -> CommuneGroupTable {
        try read(path: path, keyColumn: "epci_siren", nameColumn: "epci_nom")
    }

    /// The INSEE density grid table, 7 classes: `code,dens7,libdens7`.
    public static func density(path: String) throws -> CommuneGroupTable {
        try read(path: path, keyColumn: "dens7", nameColumn: "libdens7")
    }

    /// The group of each code. A code absent from the table is, with `changes`, followed through the history of
    /// commune changes to the table's vintage (`CommuneCodeVintage`: a commune merged since takes the group of the
    /// commune it merged into; a renamed code follows); codes that still match nothing get nil.
    public func lookUp(codes: [String], changes: CommuneChanges?) -> CommuneGroupLookup {
        var groups = codes.map { groupOfCommune[$0] }
        var throughChanges: [(code: String, tableCode: String)] = []
        let missing = codes.indices.filter { groups[$0] == nil }
        if let changes, !missing.isEmpty {
            let vintage = CommuneCodeVintage(changes: changes, sourceCodes: Set(codes), targetCodes: Set(groupOfCommune.keys))
            for index in missing {
                let code = codes[index]
                let preferred = vintage.code(ofSource: code)
                // The group's own code first, then the others in code order.
                let targets = vintage.targetCodes(ofSource: code).sorted { ($0 == preferred ? 0 : 1, $0) < ($1 == preferred ? 0 : 1, $1) }
                if let target = targets.first(where: { groupOfCommune[$0] != nil }) {
                    groups[index] = groupOfCommune[target]
                    throughChanges.append((code, target))
                }
            }
        }
        return CommuneGroupLookup(groups: groups, matchedThroughChanges: throughChanges,
                                  unmatched: codes.indices.filter { groups[$0] == nil }.map { codes[$0] }.sorted(),
                                  changesApplied: changes != nil)
    }
}

/// The groups a table gives a list of communes.
public struct CommuneGroupLookup: Sendable {
    /// Per commune (order of the codes given): its group, nil when the table has none for it.
    public let groups: [(key: String, name: String)?]
    /// Codes absent from the table matched through the history of commune changes, with the table's code used.
    public let matchedThroughChanges: [(code: String, tableCode: String)]
    /// Codes without a group, sorted.
    public let unmatched: [String]
    /// Whether a changes table was used.
    public let changesApplied: Bool
}

/// One level of grouping of communes: per commune its group key (nil: none), and each key's name.
public struct CommuneGroupLevel: Sendable {
    /// The level's name in file names and JSON: "departement", "region", "epci", "densite".
    public let level: String
    public let keys: [String?]
    public let names: [String: String]
    /// The table the groups come from (nil for départements and régions, which come from the codes).
    public let source: String?
    /// Codes matched through the history of commune changes (tables only).
    public let matchedThroughChanges: [(code: String, tableCode: String)]
    /// Codes of the communes without a group at this level, sorted.
    public let communesWithoutGroup: [String]
    public let changesApplied: Bool

    /// The levels of a list of communes: département (unless `departements` is false) and région from the
    /// code (régions: `Region`, COG 2024), EPCI and density class when their table is given.
    public static func standard(codes: [String], epci: CommuneGroupTable?, density: CommuneGroupTable?,
                                changes: CommuneChanges?, departements: Bool = true) -> [CommuneGroupLevel] {
        let departementOf = codes.map { TerritoryCRS.departement(ofCommune: $0) }
        var levels: [CommuneGroupLevel] = []
        if departements {
            levels.append(CommuneGroupLevel(level: "departement", keys: departementOf, names: [:], source: nil,
                                            matchedThroughChanges: [], communesWithoutGroup: [], changesApplied: false))
        }
        let regions = departementOf.map { Region.of(departement: $0) }
        var regionNames: [String: String] = [:]
        for region in regions.compactMap({ $0 }) { regionNames[region.code] = region.name }
        levels.append(CommuneGroupLevel(level: "region", keys: regions.map { $0?.code }, names: regionNames, source: nil,
                                        matchedThroughChanges: [],
                                        communesWithoutGroup: codes.indices.filter { regions[$0] == nil }.map { codes[$0] }.sorted(),
                                        changesApplied: false))
        for (level, table) in [("epci", epci), ("densite", density)] {
            guard let table else { continue }
            let lookup = table.lookUp(codes: codes, changes: changes)
            var names: [String: String] = [:]
            for group in lookup.groups.compactMap({ $0 }) { names[group.key] = group.name }
            levels.append(CommuneGroupLevel(level: level, keys: lookup.groups.map { $0?.key }, names: names, source: table.source,
                                            matchedThroughChanges: lookup.matchedThroughChanges,
                                            communesWithoutGroup: lookup.unmatched, changesApplied: lookup.changesApplied))
        }
        return levels
    }

    /// What to tell the user about the communes without a group.
    public var unmatchedNote: String? {
        guard !communesWithoutGroup.isEmpty else { return nil }
        let what = "\(communesWithoutGroup.count) communes have no group in \(source ?? level)"
        if source == nil { return what + " (unknown département)" }
        return changesApplied ? what + " even through the history of commune changes"
            : what + "; --commune-changes (the INSEE history of commune changes) matches most of them to the table's vintage"
    }
}
