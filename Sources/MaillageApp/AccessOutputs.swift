import Accessibility
import CoverageAnalysis
import Foundation
import GeoCore
import GeoIO

/// Builds the output files of `maillage access` in memory.
struct AccessOutputs {
    let result: AccessResult
    let loaded: LoadedTerritory
    let groups: [GroupTable]
    /// The population model whose units are the demand (nil: communes).
    let units: PopulationUnits?
    let inputs: JSONObject
    let communePointsGiven: Bool
    /// The départements asked for with --departements (empty: every commune is reported).
    let reportedDepartements: [String]
    let decimals: Int

    var communes: [CommuneInput] { loaded.layer.communes }
    var populations: [Double] { result.demand.communePopulations }
    var parameters: AccessParameters { result.parameters }
    var costUnit: String { parameters.cost.unit }

    static let differencesFromPySAL = [
        "A commune with no lieu within the catchment gets 0 (PySAL access: NaN, the commune is absent from its sums).",
        "A lieu whose catchment holds no population gets a ratio of 0 and adds nothing (PySAL access: S / 0 = infinity, "
            + "which then makes the index infinite for every commune in its reach).",
    ]

    // MARK: Words

    var unitDescription: String {
        let per = FrenchNumbers.integer(parameters.scale).replacingOccurrences(of: " ", with: ",")
        return (parameters.capacityColumn.map { "capacity units (\($0))" } ?? "lieux") + " per \(per) inhabitants"
    }

    var methodName: String {
        switch parameters.method {
        case .enhanced: "E2SFCA"
        case .twoStep: "2SFCA"
        case .gravity: "gravity 2SFCA"
        }
    }

    var methodDescription: String {
        let w = "W(d)"
        let weights: String
        switch parameters.method {
        case .enhanced(let steps):
            var lower = 0.0
            weights = steps.map { step in
                defer { lower = step.upperBound }
                return "\(number(step.weight)) on (\(number(lower)), \(number(step.upperBound))] \(costUnit)"
            }.joined(separator: ", ") + ", 0 beyond"
        case .twoStep(let catchment):
            weights = "1 for d ≤ \(number(catchment)) \(costUnit), 0 beyond"
        case .gravity(let beta, let d0, let catchment):
            weights = "(max(d, \(number(d0)))/\(number(d0)))^-\(number(beta)) for d ≤ \(number(catchment)) \(costUnit), 0 beyond"
        }
        return "\(methodName): R_j = S_j / Σ_i P_i \(w) over the communes i reaching lieu j; index_i = Σ_j R_j \(w) × "
            + "\(number(parameters.scale)); \(w) = \(weights); the same weight in both steps (as PySAL access)"
    }

    var costDescription: String {
        switch parameters.cost {
        case .straightLine: "straight-line distance (km) between points in the territory's metric CRS (Lambert-93 in metropolitan France)"
        case .road: "travel time (min) by car on the road network: off-road legs at both ends, one bounded shortest-path search per lieu"
        }
    }

    var scopeDescription: String {
        "every commune read competes for the lieux it can reach (\(communes.count) communes, "
            + "\(Int(populations.reduce(0, +))) inhabitants), every lieu within reach counts; "
            + (reportedDepartements.isEmpty ? "every commune is reported"
               : "only the communes of départements \(reportedDepartements.joined(separator: ",")) are reported")
    }

    func number(_ value: Double) -> String { JSONValue.number(value).stringValue ?? "\(value)" }
    /// A step's column name: "access_step_10_15km".
    func stepColumns() -> [String] {
        var lower = 0.0
        return parameters.method.steps.map { step in
            defer { lower = step.upperBound }
            return "access_step_\(number(lower))_\(number(step.upperBound))\(costUnit)".replacingOccurrences(of: ".", with: "p")
        }
    }

    // MARK: Files

    func files() throws -> [(name: String, bytes: [UInt8])] {
        var names = ["access_communes.geojson", "access_communes.csv", "access_lieux.geojson", "access_summary.json"]
        names += groups.map { "access_groups_\($0.level).csv" }
        let contents = ParallelMap.map(names) { name in Result { try encode(name) } }
        return try zip(names, contents).map { (name: $0, bytes: try $1.get()) }
    }

    func encode(_ name: String) throws -> [UInt8] {
        switch name {
        case "access_communes.geojson": return communesGeoJSON()
        case "access_communes.csv": return try communesCSV()
        case "access_lieux.geojson": return lieuxGeoJSON()
        case "access_summary.json": return summaryJSON().prettyJSON()
        default:
            let level = String(name.dropFirst("access_groups_".count).dropLast(".csv".count))
            return try groupCSV(groups.first { $0.level == level }!)
        }
    }

    var foreign: JSONObject { JSONObject([(key: "maillage", value: parametersJSON())]) }

    // MARK: Communes

    /// The properties of the reported commune at `position` (in `result.reported`, the order of the group levels' keys).
    func communeProperties(_ position: Int) -> [(key: String, value: JSONValue)] {
        let index = result.reported[position]
        let commune = communes[index]
        let region = Region.of(departement: commune.departement)
        var pairs: [(key: String, value: JSONValue)] = [
            ("code", .string(commune.code)), ("nom", .string(commune.name)), ("departement", .string(commune.departement)),
            ("region", region.map { .string($0.code) } ?? .null),
        ]
        // The group tables hold the reported communes in order; their keys went through the vintage mapping.
        for (level, keyColumn, nameColumn) in [("epci", "epci_siren", "epci_nom"), ("densite", "dens7", "libdens7")] {
            guard let grouping = groups.first(where: { $0.level == level })?.grouping else { continue }
            let key = grouping.keys[position]
            pairs += [(keyColumn, key.map { .string($0) } ?? .null), (nameColumn, key.map { .string(grouping.names[$0] ?? "") } ?? .null)]
        }
        let point = result.demand.lonLatOfCommunePoint[index]
        pairs += [
            ("population", .number(populations[index])),
            ("point_lon", .number((point.x * 1e6).rounded() / 1e6)), ("point_lat", .number((point.y * 1e6).rounded() / 1e6)),
            ("point", .string(result.demand.placements[index].rawValue)),
        ]
        if result.demand.unitModel != nil { pairs.append(("demand_points", .number(Double(result.communeDemandPoints[index])))) }
        pairs += [
            ("lieux_in_reach", .number(Double(result.communeSupplyInReach[index]))),
            ("access_index", .number(result.communeIndex[index])),
        ]
        for (column, values) in zip(stepColumns(), result.communeIndexByStep) { pairs.append((column, .number(values[index]))) }
        return pairs
    }

    func communesGeoJSON() -> [UInt8] {
        let features = result.reported.indices.map {
            Feature(properties: JSONObject(communeProperties($0)), geometry: communes[result.reported[$0]].lonLat)
        }
        return GeoJSONWriter(decimals: decimals).encode(features, foreignMembers: foreign)
    }

    func communesCSV() throws -> [UInt8] {
        guard !result.reported.isEmpty else { return [] }
        return try CSVWriter.encode(header: communeProperties(0).map(\.key),
                                    rows: result.reported.indices.map { communeProperties($0).map { $0.value.csvText } })
    }

    // MARK: Lieux

    func lieuxGeoJSON() -> [UInt8] {
        let lieux = loaded.lieuSet.lieux
        let fca = result.catchment
        let features = result.supply.lonLat.indices.map { j -> Feature in
            let members = result.supply.lieuIndices[j].map { lieux[$0] }
            let properties: [(key: String, value: JSONValue)] = [
                ("id", .string(members[0].id)), ("nom", .string(members[0].name)), ("type", .string(members[0].type)),
                ("lieux", .number(Double(members.count))), ("ids", .string(members.map(\.id).joined(separator: ","))),
                ("capacity", .number(result.supply.capacities[j])),
                ("ratio", .number(fca.supplyToDemandRatios[j] * parameters.scale)),
                ("weighted_demand", .number(fca.weightedDemand[j])),
                ("reaches_reported_communes", .bool(result.supplyReachesReported[j])),
            ]
            return Feature(properties: JSONObject(properties), geometry: .point(result.supply.lonLat[j]))
        }
        return GeoJSONWriter(decimals: decimals).encode(features, foreignMembers: foreign)
    }

    // MARK: Groups

    static let groupColumns = ["code", "nom", "communes", "population", "mean", "median", "p10", "p90", "gini", "share_at_zero"]

    func groupValues(_ key: String, _ name: String, _ s: GroupStatistics) -> [(key: String, value: JSONValue)] {
        func optional(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }
        return zip(Self.groupColumns, [.string(key), .string(name), .number(Double(s.units)), .number(s.population),
                                       optional(s.mean), optional(s.median), optional(s.p10), optional(s.p90),
                                       optional(s.gini), optional(s.zeroShare)]).map { (key: $0, value: $1) }
    }

    func groupCSV(_ table: GroupTable) throws -> [UInt8] {
        try CSVWriter.encode(header: Self.groupColumns,
                             rows: table.rows.map { groupValues($0.key, $0.name, $0.statistics).map { $0.value.csvText } })
    }

    func groupJSON(_ table: GroupTable) -> JSONValue {
        let rows: [JSONValue] = table.rows.map { .object(JSONObject(groupValues($0.key, $0.name, $0.statistics))) }
        let pairs: [(key: String, value: JSONValue)] = [
            ("rows", .array(rows)),
            ("all_reported_communes", .object(JSONObject(groupValues("all", "", table.all)))),
        ] + table.grouping.matchingJSON
        return .object(JSONObject(pairs))
    }

    // MARK: Summary

    func parametersJSON() -> JSONValue {
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs.map { (key: $0.0, value: $0.1) })) }
        var pairs: [(String, JSONValue)] = [
            ("generator", .string(Maillage.generator)),
            ("method", .string(methodName)),
            ("formula", .string(methodDescription)),
            ("cost", .string(costDescription)),
            ("catchment_\(costUnit)", .number(parameters.method.catchment)),
            ("catchment_bounds", "inclusive: a cost equal to a bound belongs to the step (or catchment) it closes"),
        ]
        switch parameters.method {
        case .enhanced(let steps):
            pairs.append(("steps", .array(steps.map { object([("upper_bound_\(costUnit)", .number($0.upperBound)), ("weight", .number($0.weight))]) })))
        case .gravity(let beta, let d0, _):
            pairs += [("beta", .number(beta)), ("min_distance_\(costUnit)", .number(d0))]
        case .twoStep: break
        }
        let communePoint = (communePointsGiven ? "the point given in --commune-points, else " : "")
            + "the GEOS point-on-surface of the projected commune"
        let demand = units.map { units in
            "population units of the \(units.kind.rawValue) model (\(units.estimate), \(units.source)): each piece of a cell within a commune, "
                + "at the cell centre, with its people\(units.scaled ? " (scaled to the commune's population)" : ""); a commune's index is "
                + "the population-weighted mean of its units' indices (the plain mean when its units hold nobody); a commune "
                + "without any unit is one point of its own (" + communePoint + ")"
        } ?? "communes, each at one point: " + communePoint + "; population of the commune"
        let statistics = "population-weighted over the reported communes: mean; median, p10 and p90 without interpolation "
            + "(the smallest value whose cumulative population reaches the share); Gini = Σ_ik P_i P_k |x_i − x_k| / (2 P² mean); "
            + "share of the population whose index is exactly 0"
        let capacity: JSONValue = parameters.capacityColumn.map { .string($0) } ?? .null
        let differences: [JSONValue] = Self.differencesFromPySAL.map { .string($0) }
        pairs.append(("unit", .string(unitDescription)))
        pairs.append(("per", .number(parameters.scale)))
        pairs.append(("capacity_column", capacity))
        pairs.append(("supply", "lieux at identical coordinates are merged into one supply point; their capacities add up"))
        pairs.append(("demand", .string(demand)))
        pairs.append(("competition_scope", .string(scopeDescription)))
        pairs.append(("differences_from_pysal_access", .array(differences)))
        pairs.append(("group_statistics", .string(statistics)))
        pairs.append(("region_vintage", .string(Region.vintage)))
        if case .road(let road) = parameters.cost {
            pairs += [("road_network", .string(road.networkPath)),
                      ("speed_profile", road.speedProfilePath.map { .string($0) } ?? "default car speeds"),
                      ("offroad_speed_kmh", .number(road.offRoadSpeedKmh))]
        }
        pairs.append(("inputs", .object(inputs)))
        return object(pairs)
    }

    func summaryJSON() -> JSONValue {
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs.map { (key: $0.0, value: $0.1) })) }
        let lieux = loaded.lieuSet.lieux
        let reportedPopulation = result.reported.reduce(0.0) { $0 + populations[$1] }
        let pointOnSurface = communes.indices.filter { result.demand.placements[$0] == .pointOnSurface }.map { communes[$0].code }
        var unmatched: [(String, JSONValue)] = [
            ("communes_without_population", .array(loaded.join.unmatchedCommunes.map { .string($0.code) })),
            ("population_rows_without_commune", .array(loaded.join.unmatchedRows.map { .string($0.code) })),
        ]
        if communePointsGiven { unmatched.append(("communes_without_given_point", .array(pointOnSurface.map { .string($0) }))) }
        let scope: [(String, JSONValue)] = [
            ("competing_communes", .number(Double(communes.count))),
            ("competing_population", .number(populations.reduce(0, +))),
            ("reported_communes", .number(Double(result.reported.count))),
            ("reported_population", .number(reportedPopulation)),
            ("reported_departements", .array(reportedDepartements.map { .string($0) })),
        ]
        let supplyCounts: [(String, Double)] = [
            ("lieux_read", Double(lieux.count)),
            ("lieux_filtered_out", Double(loaded.lieuSet.filteredOut)),
            ("supply_points", Double(result.supply.capacities.count)),
            ("supply_points_merging_several_lieux", Double(result.supply.lieuIndices.filter { $0.count > 1 }.count)),
            ("total_capacity", result.supply.capacities.reduce(0, +)),
            ("supply_points_reaching_reported_communes", Double(result.supplyReachesReported.filter { $0 }.count)),
            ("supply_points_with_empty_catchment", Double(result.catchment.weightedDemand.filter { $0 == 0 }.count)),
        ]
        var supply: [(String, JSONValue)] = supplyCounts.map { ($0.0, .number($0.1)) }
        supply.append(("lieux_with_zero_capacity", .array(result.supply.zeroCapacityLieux.map { .string(lieux[$0].id) })))
        let zeroIndex = result.reported.filter { result.communeIndex[$0] == 0 }.count
        let groupObjects: [(String, JSONValue)] = groups.map { ($0.level, groupJSON($0)) }
        return object([
            ("parameters", parametersJSON()),
            ("scope", object(scope)),
            ("demand", object([
                ("model", .string(result.demand.unitModel?.rawValue ?? "communes")),
                ("demand_points", .number(Double(result.demand.points.count))),
                ("communes_without_units", .array(result.demand.communesWithoutUnits.map { .string(communes[$0].code) })),
            ])),
            ("supply", object(supply)),
            ("pairs_within_catchment", .number(Double(result.catchment.pairsWithinCatchment))),
            ("reported_communes_with_index_zero", .number(Double(zeroIndex))),
            ("groups", object(groupObjects)),
            ("road_network", roadJSON()),
            ("unmatched", object(unmatched)),
        ])
    }

    func roadJSON() -> JSONValue {
        guard case .road = parameters.cost else { return .null }
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs.map { (key: $0.0, value: $0.1) })) }
        return .array(result.pairs.roadReports.map { report in
            object([("crs", .string(report.crs.definition)),
                    ("graph_nodes", .number(Double(report.components.nodesKept))),
                    ("nodes_dropped_unreachable_from_lieux", .number(Double(report.components.nodesDropped))),
                    ("communes_far_from_road", .array(farFromRoad(report).map { far in
                        object([("code", .string(communes[far.commune].code)), ("demand_points", .number(Double(far.points))),
                                ("offroad_m", .number((far.metres * 10).rounded() / 10))]) })),
                    ("lieux_outside_network", .array(report.supplyOutsideNetwork.flatMap { result.supply.lieuIndices[$0] }
                        .map { .string(loaded.lieuSet.lieux[$0].id) }))])
        })
    }

    /// Communes with demand points far from any road: how many, and the farthest leg (one point each without units).
    func farFromRoad(_ report: AccessRoadReport) -> [(commune: Int, points: Int, metres: Double)] {
        var byCommune: [Int: (points: Int, metres: Double)] = [:], order: [Int] = []
        for far in report.farDemandPoints {
            let commune = result.demand.communeOfPoint[far.point]
            if byCommune[commune] == nil { order.append(commune) }
            let current = byCommune[commune] ?? (0, 0)
            byCommune[commune] = (current.points + 1, max(current.metres, far.metres))
        }
        return order.map { ($0, byCommune[$0]!.points, byCommune[$0]!.metres) }
    }
}
