import Accessibility

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
    /// The grouping behind the table (its source, codes matched through the changes table).
    public let grouping: CommuneGroupLevel

    /// Groups `values` (one per commune) by the level's keys, weighting by `populations`; rows sorted by key.
    public static func make(_ grouping: CommuneGroupLevel, values: [Double], populations: [Double]) throws -> GroupTable {
        let keys = grouping.keys
        let grouped = keys.indices.filter { keys[$0] != nil }
        let statistics = try PopulationStatistics.grouped(
            values: grouped.map { values[$0] }, populations: grouped.map { populations[$0] }, keys: grouped.map { keys[$0]! })
        let all = try PopulationStatistics.summarize(values: values, populations: populations)
        return GroupTable(
            level: grouping.level,
            rows: statistics.groups.map { Row(key: $0.key, name: grouping.names[$0.key] ?? "", statistics: $0.statistics) },
            all: all, communesWithoutGroup: grouping.communesWithoutGroup, grouping: grouping)
    }

    /// The usual levels: département and région always; EPCI and density class when their table is given.
    public static func standardLevels(codes: [String], values: [Double], populations: [Double], epci: CommuneGroupTable?,
                                      density: CommuneGroupTable?, changes: CommuneChanges? = nil) throws -> [GroupTable] {
        try CommuneGroupLevel.standard(codes: codes, epci: epci, density: density, changes: changes).map {
            try make($0, values: values, populations: populations)
        }
    }
}
