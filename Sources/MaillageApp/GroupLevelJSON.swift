import CoverageAnalysis
import GeoIO

extension CommuneGroupLevel {
    /// How the communes were matched to the level's table: its source, codes matched through the history of
    /// commune changes, communes left without a group and what to do about them.
    var matchingJSON: [(key: String, value: JSONValue)] {
        let without: [(key: String, value: JSONValue)] = [
            ("count", .number(Double(communesWithoutGroup.count))),
            ("codes", .array(communesWithoutGroup.map { .string($0) })),
        ]
        var pairs: [(key: String, value: JSONValue)] = [
            ("source", source.map { .string($0) } ?? .string(level == "region" ? "département of the commune code, \(Region.vintage)"
                                                                                 : "commune code")),
            ("communes_without_group", .object(JSONObject(without))),
        ]
        if source != nil {
            pairs.append(("commune_changes_applied", .bool(changesApplied)))
            pairs.append(("matched_through_commune_changes", .array(matchedThroughChanges.map {
                .object(JSONObject([(key: "code", value: .string($0.code)), (key: "table_code", value: .string($0.tableCode))]))
            })))
        }
        pairs.append(("note", unmatchedNote.map { .string($0) } ?? .null))
        return pairs
    }
}
