import CoverageAnalysis
import GeoIO

extension AnalysisOutputs {
    /// Which estimate the headline columns of the group tables are.
    var groupEstimate: String {
        if let units = model.units {
            return "population_within and white_zone_population: the \(model.kind.rawValue) model's units (\(units.estimate)), each "
                + "measured from its cell centre; _by_point: whole communes by representative point; _area_weighted: uniform density"
        }
        return "population_within and white_zone_population: area-weighted (uniform density inside each commune); "
            + "_by_point: whole communes by representative point"
    }

    func groupColumns() -> [String] {
        let main = label(result.parameters.main.value)
        return ["code", "nom", "communes", "population", "population_within_\(main)", "share_within_\(main)",
                "white_zone_population", "share_white_zone", "population_within_\(main)_by_point", "share_within_\(main)_by_point",
                "population_within_\(main)_area_weighted", "white_zone_population_area_weighted"]
    }

    func groupValues(_ key: String, _ name: String, _ f: CoverageGroupTable.Figures) -> [JSONValue] {
        let total = max(f.population, .leastNormalMagnitude)
        return [.string(key), .string(name), .number(Double(f.communes)), .number(f.population),
                Self.people(f.withinMain), Self.share(f.withinMain / total), Self.people(f.whiteZone), Self.share(f.whiteZone / total),
                Self.people(f.withinMainByPoint), Self.share(f.withinMainByPoint / total),
                Self.people(f.withinMainAreaWeighted), Self.people(f.whiteZoneAreaWeighted)]
    }

    func groupCSV(_ table: CoverageGroupTable) throws -> [UInt8] {
        try CSVWriter.encode(header: groupColumns(), rows: table.rows.map { groupValues($0.key, $0.name, $0.figures).map(\.csvText) })
    }

    func groupsJSON() -> JSONValue {
        let columns = groupColumns()
        func row(_ key: String, _ name: String, _ figures: CoverageGroupTable.Figures) -> JSONValue {
            .object(JSONObject(zip(columns, groupValues(key, name, figures)).map { (key: $0, value: $1) }))
        }
        var pairs: [(key: String, value: JSONValue)] = [
            ("threshold_\(result.parameters.unit)", .number(result.parameters.main.value)),
            ("estimate", .string(groupEstimate)),
        ]
        for table in groups {
            let level: [(key: String, value: JSONValue)] = [
                ("rows", .array(table.rows.map { row($0.key, $0.name, $0.figures) })),
                ("all_communes", row("all", "", table.all)),
            ] + table.grouping.matchingJSON
            pairs.append((table.level, .object(JSONObject(level))))
        }
        return .object(JSONObject(pairs))
    }
}
