import CoverageAnalysis
import Foundation
import GeoIO
import GeoCore

/// Everything a run states about itself, written into every output.
struct RunDescription {
    var parameters: AnalysisParameters
    var inputs: JSONObject
    var notes: [String]
    /// The population model the run used (nil: uniform density, points-on-surface).
    var population: PopulationModelResult? = nil

    var representativePointDescription: String {
        guard let population, population.units != nil || population.communePointsSource != nil else {
            return "GEOS point-on-surface of each commune; distances and times are measured from it"
        }
        var order: [String] = []
        if let file = population.communePointsSource { order.append("the point of the commune in \(file)") }
        if population.units != nil { order.append("the centre of the commune's most populated cell") }
        order.append("the GEOS point-on-surface")
        return "per commune (point_source): " + order.joined(separator: ", else ")
            + "; the commune's distance or time to its nearest lieu is measured from it"
    }

    var populationEstimateDescription: String {
        guard let population, population.kind != .uniform else {
            return "area-weighted: uniform density inside each commune (areal weighting)"
        }
        return population.kind.description + "; the area-weighted (uniform density) figures are kept beside them for comparison"
    }

    var modeDescription: String {
        (parameters.road != nil) ? "road travel time by car (shortest path on the road graph, one multi-source search from all lieux)"
            : "distance (straight line in the territory's metric CRS)"
    }

    var catchmentDescription: String {
        switch parameters.mode {
        case .road(let road):
            return "isochrone: the cells of a \(Int(road.isochroneCellMetres)) m grid whose centre lies within "
                + "\(Int(road.isochroneBufferMetres)) m of a road reached within the time from the lieu (partial last edges cut at "
                + "the remaining time), clipped to the territory"
        case .straightLine(let quadrantSegments):
            return "disc of the threshold radius around each lieu (GEOS buffer, \(quadrantSegments) segments per quarter circle), clipped to the territory"
        }
    }

    var roadParameters: [(String, JSONValue)] {
        guard case .road(let road) = parameters.mode else { return [] }
        return [("road_network", .string(road.networkPath)),
                ("speed_profile", road.speedProfilePath.map { .string($0) } ?? "default car speeds"),
                ("offroad_speed_kmh", .number(road.offRoadSpeedKmh)),
                ("far_from_road_warning_m", .number(road.farFromRoadMetres)),
                ("isochrone_buffer_m", .number(road.isochroneBufferMetres)),
                ("isochrone_cell_m", .number(road.isochroneCellMetres)),
                ("one_way", "honoured (oneway=yes/-1, roundabouts, motorways); roads closed to cars excluded"),
                ("snapping", "representative points and lieux join their nearest road node by a straight leg at the off-road speed")]
    }

    var json: JSONValue {
        .object(JSONObject(([
            ("generator", .string(Maillage.generator)),
            ("mode", .string(modeDescription)),
            ("thresholds_\(parameters.unit)", .array(parameters.thresholds.map { .number($0.value) })),
            ("main_threshold_\(parameters.unit)", .number(parameters.main.value)),
            ("catchment", .string(catchmentDescription)),
            ("service_area", .string((parameters.road != nil)
                ? "communes whose representative point has the lieu as nearest by road travel time"
                : "Voronoi cell of each lieu (nearest lieu by straight-line distance), clipped to the territory")),
            ("representative_point", .string(representativePointDescription)),
        ] + roadParameters + [
            ("population_estimate", .string(populationEstimateDescription)),
            ("population_model", .string((population?.kind ?? .uniform).rawValue)),
            ("min_white_zone_m2", .number(parameters.population.minWhiteZoneSquareMetres)),
            ("distance_percentiles", "population-weighted, no interpolation: the smallest distance within which the share of the population lives"),
            ("inputs", .object(inputs)),
            ("notes", .array(notes.map { .string($0) })),
        ]).map { (key: $0.0, value: $0.1) }))
    }
}

/// The files `maillage analyse` writes.
enum AnalysisOutputFile: CaseIterable {
    case communesGeoJSON, communesCSV, lieuxGeoJSON, catchmentsGeoJSON, serviceAreasGeoJSON, whiteZonesGeoJSON,
         whiteZonesByCommuneGeoJSON, summaryJSON, unservedCellsGeoJSON

    var fileName: String {
        switch self {
        case .communesGeoJSON: "communes.geojson"
        case .communesCSV: "communes.csv"
        case .lieuxGeoJSON: "lieux.geojson"
        case .catchmentsGeoJSON: "catchments.geojson"
        case .serviceAreasGeoJSON: "service_areas.geojson"
        case .whiteZonesGeoJSON: "white_zones.geojson"
        case .whiteZonesByCommuneGeoJSON: "white_zones_by_commune.geojson"
        case .summaryJSON: "summary.json"
        case .unservedCellsGeoJSON: "unserved_cells.geojson"
        }
    }

    func encode(_ outputs: AnalysisOutputs) throws -> [UInt8] {
        switch self {
        case .communesGeoJSON: outputs.communesGeoJSON()
        case .communesCSV: try outputs.communesCSV()
        case .lieuxGeoJSON: outputs.lieuxGeoJSON()
        case .catchmentsGeoJSON: outputs.catchmentsGeoJSON()
        case .serviceAreasGeoJSON: outputs.serviceAreasGeoJSON()
        case .whiteZonesGeoJSON: outputs.whiteZonesGeoJSON(outputs.result.whiteZonesDissolved)
        case .whiteZonesByCommuneGeoJSON: outputs.whiteZonesGeoJSON(outputs.result.whiteZonesByCommune)
        case .summaryJSON: outputs.summaryJSON().prettyJSON()
        case .unservedCellsGeoJSON: try outputs.unservedCellsGeoJSON()
        }
    }
}

/// Builds the output files of `maillage analyse` in memory.
struct AnalysisOutputs {
    let result: AnalysisResult
    let summary: CoverageSummary
    let run: RunDescription
    let join: PopulationJoin
    let lieuSet: LieuSet
    let communesWithoutGeometry: [(source: String, featureIndex: Int, code: String)]
    let decimals: Int
    /// Coverage by group of communes (région, EPCI, density class), with --epci or --density.
    var groups: [CoverageGroupTable] = []

    var writer: GeoJSONWriter { GeoJSONWriter(decimals: decimals) }
    var foreign: JSONObject { JSONObject([(key: "maillage", value: run.json)]) }

    static func km(_ metres: Double) -> JSONValue { .number((metres / 1000 * 1000).rounded() / 1000) }
    static func km2(_ squareMetres: Double) -> JSONValue { .number((squareMetres / 1e6 * 1000).rounded() / 1000) }
    static func people(_ value: Double) -> JSONValue { .number((value * 10).rounded() / 10) }
    static func share(_ value: Double) -> JSONValue { .number((value * 1e6).rounded() / 1e6) }
    static func minutes(_ seconds: Double) -> JSONValue { .number((seconds / 60 * 10_000).rounded() / 10_000) }
    /// A threshold in field names: "10km", "20min".
    func label(_ value: Double) -> String { (value.rounded() == value ? String(Int(value)) : String(value)) + result.parameters.unit }

    /// The files' contents, encoded in parallel.
    func files() throws -> [(name: String, bytes: [UInt8])] {
        // The unserved cells exist only with a population model that has cells.
        let written = AnalysisOutputFile.allCases.filter { $0 != .unservedCellsGeoJSON || hasUnits }
        // One file after another: large layers split their own encoding across the cores (a parallel
        // map nested in another one would run on one core).
        return try written.map { (name: $0.fileName, bytes: try $0.encode(self)) }
            + groups.map { (name: "groups_\($0.level).csv", bytes: try groupCSV($0)) }
    }

    var model: PopulationModelResult { result.populationModel }
    /// Whether a population model other than uniform density placed the people.
    var hasUnits: Bool { model.units != nil }

    // MARK: Communes

    func communeProperties(_ commune: CommuneResult) -> [(key: String, value: JSONValue)] {
        let thresholds = result.parameters.thresholds
        let main = result.parameters.mainThreshold
        var pairs: [(key: String, value: JSONValue)] = [
            ("code", .string(commune.input.code)), ("nom", .string(commune.input.name)),
            ("departement", .string(commune.input.departement)),
            ("population", .number(commune.population)), ("population_matched", .bool(commune.populationMatched)),
            ("area_km2", Self.km2(commune.areaSquareMetres)),
            ("point_lon", .number((commune.representativePoint.x * 1e6).rounded() / 1e6)),
            ("point_lat", .number((commune.representativePoint.y * 1e6).rounded() / 1e6)),
            ("point_source", .string(commune.pointSource.rawValue)),
        ]
        let nearest = commune.nearestLieu.map { result.lieux[$0] }
        pairs.append(("nearest_lieu_id", nearest.map { .string($0.id) } ?? .null))
        pairs.append(("nearest_lieu_nom", nearest.map { .string($0.name) } ?? .null))
        if (result.parameters.road != nil) {
            pairs.append(("nearest_min", commune.nearest.map { Self.minutes($0.baseValue) } ?? .null))
            pairs.append(("offroad_m", commune.offRoadMetres.map { .number(($0 * 10).rounded() / 10) } ?? .null))
        } else {
            pairs.append(("nearest_km", commune.nearest.map { Self.km($0.baseValue) } ?? .null))
        }
        for (t, threshold) in thresholds.enumerated() { pairs.append(("lieux_within_\(label(threshold.value))", .number(Double(commune.lieuxWithin[t])))) }
        for (t, threshold) in thresholds.enumerated() { pairs.append(("share_within_\(label(threshold.value))", Self.share(commune.coveredShare[t]))) }
        let uniformWithin = commune.population * commune.coveredShare[main]
        let within = commune.modelPopulationWithinMain ?? uniformWithin
        pairs.append(("population_within_\(label(thresholds[main].value))", Self.people(within)))
        pairs.append(("share_population_within_\(label(thresholds[main].value))",
                      Self.share(commune.population > 0 ? min(1, within / commune.population) : commune.coveredShare[main])))
        if hasUnits { pairs.append(("population_within_\(label(thresholds[main].value))_uniform", Self.people(uniformWithin))) }
        pairs.append(("classe", .string(commune.coverageClass.rawValue)))
        pairs.append(("repaired", commune.repairReason.map { .string($0) } ?? .null))
        return pairs
    }

    func communesGeoJSON() -> [UInt8] {
        let features = result.communes.map { commune in
            let geometry = commune.repairedGeometry.flatMap { $0 == .empty ? nil : $0 } ?? commune.input.lonLat
            return Feature(properties: JSONObject(communeProperties(commune)), geometry: geometry)
        }
        return writer.encode(features, foreignMembers: foreign)
    }

    func communesCSV() throws -> [UInt8] {
        guard let first = result.communes.first else { return [] }
        let header = communeProperties(first).map(\.key)
        let rows = result.communes.map { communeProperties($0).map { $0.value.csvText } }
        return try CSVWriter.encode(header: header, rows: rows)
    }

    // MARK: Lieux

    func lieuxGeoJSON() -> [UInt8] {
        let main = label(result.parameters.main.value)
        let features = result.lieuResults.map { lieuResult -> Feature in
            let lieu = result.lieux[lieuResult.lieu]
            var properties = JSONObject([
                ("id", .string(lieu.id)), ("nom", .string(lieu.name)), ("type", .string(lieu.type)),
                ("catchment_\(main)_km2", Self.km2(lieuResult.catchmentAreaSquareMetres)),
                ("catchment_\(main)_population", Self.people(lieuResult.modelCatchmentPopulation ?? lieuResult.catchmentPopulation)),
                ("service_area_km2", Self.km2(lieuResult.serviceAreaSquareMetres)),
                ("service_area_population", Self.people(lieuResult.modelServicePopulation ?? lieuResult.servicePopulation)),
                ("nearest_for_communes", .number(Double(lieuResult.nearestForCommunes))),
            ].map { (key: $0.0, value: $0.1) })
            if hasUnits {
                properties.pairs += [(key: "catchment_\(main)_population_uniform", value: Self.people(lieuResult.catchmentPopulation)),
                                     (key: "service_area_population_uniform", value: Self.people(lieuResult.servicePopulation))]
            }
            for pair in lieu.attributes.pairs where properties[pair.key] == nil { properties.pairs.append(pair) }
            return Feature(properties: properties, geometry: .point(lieu.lonLat))
        }
        return writer.encode(features, foreignMembers: foreign)
    }

    func catchmentsGeoJSON() -> [UInt8] {
        lieuAreasGeoJSON(threshold: (key: "threshold_\(result.parameters.unit)", value: .number(result.parameters.main.value))) {
            ($0.catchment, $0.catchmentAreaSquareMetres, $0.modelCatchmentPopulation ?? $0.catchmentPopulation)
        }
    }

    func serviceAreasGeoJSON() -> [UInt8] {
        lieuAreasGeoJSON(threshold: nil) {
            ($0.serviceArea, $0.serviceAreaSquareMetres, $0.modelServicePopulation ?? $0.servicePopulation)
        }
    }

    /// One feature per lieu whose area (catchment or service area) is not empty: the lieu, the threshold
    /// when given, the area's km² and population.
    private func lieuAreasGeoJSON(threshold: (key: String, value: JSONValue)?,
                                  _ area: (LieuResult) -> (geometry: Shape?, squareMetres: Double, population: Double)) -> [UInt8] {
        let features = result.lieuResults.compactMap { lieuResult -> Feature? in
            let (geometry, squareMetres, population) = area(lieuResult)
            guard let geometry, geometry != .empty else { return nil }
            let lieu = result.lieux[lieuResult.lieu]
            var properties = JSONObject([(key: "lieu_id", value: .string(lieu.id)), (key: "nom", value: .string(lieu.name))])
            if let threshold { properties.pairs.append(threshold) }
            properties.pairs += [(key: "area_km2", value: Self.km2(squareMetres)), (key: "population", value: Self.people(population))]
            return Feature(properties: properties, geometry: geometry)
        }
        return writer.encode(features, foreignMembers: foreign)
    }

    func whiteZonesGeoJSON(_ pieces: [WhiteZonePiece]) -> [UInt8] {
        let features = pieces.enumerated().compactMap { rank, piece -> Feature? in
            let geometry = piece.geometry
            guard geometry != .empty else { return nil }
            var pairs: [(key: String, value: JSONValue)] = [("rank", .number(Double(rank + 1)))]
            if let commune = piece.commune.map({ result.communes[$0] }) {
                pairs += [("code", .string(commune.input.code)), ("nom", .string(commune.input.name)),
                          ("share_of_commune", Self.share(piece.areaSquareMetres / max(commune.areaSquareMetres, 1)))]
            } else {
                pairs.append(("communes", .number(Double(piece.communeCount))))
            }
            pairs += [("area_km2", Self.km2(piece.areaSquareMetres)), ("population", Self.people(piece.modelPopulation ?? piece.population))]
            if hasUnits { pairs.append(("population_uniform", Self.people(piece.population))) }
            return Feature(properties: JSONObject(pairs), geometry: geometry)
        }
        return writer.encode(features, foreignMembers: foreign)
    }

    // MARK: Summary

    func summaryJSON() -> JSONValue {
        let total = max(summary.population, .leastNormalMagnitude)
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs.map { (key: $0.0, value: $0.1) })) }
        let figures = summary.model
        let thresholds: [JSONValue] = summary.thresholds.enumerated().map { index, t in
            let best = figures?.populationWithin[index] ?? t.populationAreaWeighted
            return object([("km", .number(t.threshold.value)),
                    ("population", Self.people(best)), ("share", Self.share(best / total)),
                    ("population_by_representative_point", .number(t.populationByPoint)),
                    ("share_by_representative_point", Self.share(t.populationByPoint / total)),
                    ("population_area_weighted", Self.people(t.populationAreaWeighted)),
                    ("share_area_weighted", Self.share(t.populationAreaWeighted / total)),
                    ("covered_area_km2", Self.km2(t.coveredAreaSquareMetres))])
        }
        let departements: [JSONValue] = summary.departements.enumerated().map { index, d in
            let m = figures?.departements[index]
            let within = m?.populationWithinMain ?? d.populationWithinMainAreaWeighted
            var pairs: [(String, JSONValue)] = [
                    ("code", .string(d.code)), ("communes", .number(Double(d.communes))), ("population", .number(d.population)),
                    ("population_within_main", Self.people(within)),
                    ("share_within_main", Self.share(within / max(d.population, .leastNormalMagnitude))),
                    ("population_within_main_by_point", .number(d.populationWithinMainByPoint)),
                    ("population_within_main_area_weighted", Self.people(d.populationWithinMainAreaWeighted)),
                    ("share_within_main_area_weighted", Self.share(d.populationWithinMainAreaWeighted / max(d.population, .leastNormalMagnitude))),
                    ("white_zone_km2", Self.km2(d.whiteZoneAreaSquareMetres)),
                    ("white_zone_population", Self.people(m?.whiteZonePopulation ?? d.whiteZonePopulation)),
                    ((result.parameters.road != nil) ? "median_time_min" : "median_distance_km", (m.map { $0.median } ?? d.median).map(measure) ?? .null)]
            if m != nil {
                pairs += [("white_zone_population_uniform", Self.people(d.whiteZonePopulation)),
                          ((result.parameters.road != nil) ? "median_time_min_by_representative_point" : "median_distance_km_by_representative_point",
                           d.median.map(measure) ?? .null)]
            }
            return object(pairs)
        }
        let repaired: [JSONValue] = result.communes.compactMap { c in
            c.repairReason.map { object([("code", .string(c.input.code)), ("nom", .string(c.input.name)),
                                        ("source", .string("\(c.input.source) feature \(c.input.featureIndex)")), ("reason", .string($0))]) }
        }
        let duplicates: [JSONValue] = lieuSet.duplicateGroups.map { group in
            object([("lon", .number(lieuSet.lieux[group[0]].lonLat.x)), ("lat", .number(lieuSet.lieux[group[0]].lonLat.y)),
                    ("ids", .array(group.map { .string(lieuSet.lieux[$0].id) }))])
        }
        return object([
            ("parameters", run.json),
            ("territory", object([("communes", .number(Double(summary.communes))), ("population", .number(summary.population)),
                                  ("area_km2", Self.km2(summary.areaSquareMetres)),
                                  ("crs", .array(result.crsUsed.map { .string($0.definition) })),
                                  ("lieux_read", .number(Double(lieuSet.lieux.count))),
                                  ("lieux_filtered_out", .number(Double(lieuSet.filteredOut))),
                                  ("lieux_reaching_territory", .number(Double(result.lieuResults.count)))])),
            ("within_thresholds", .array(thresholds)),
            ("white_zones", object([("threshold_\(result.parameters.unit)", .number(result.parameters.main.value)),
                                    ("area_km2", Self.km2(summary.whiteZoneAreaSquareMetres)),
                                    ("population", Self.people(figures?.whiteZonePopulation ?? summary.whiteZonePopulation)),
                                    ("share_of_population", Self.share((figures?.whiteZonePopulation ?? summary.whiteZonePopulation) / total)),
                                    ("population_uniform", Self.people(summary.whiteZonePopulation)),
                                    ("dissolved_zones", .number(Double(result.whiteZonesDissolved.count + model.leftOutDissolved.count))),
                                    ("commune_pieces", .number(Double(result.whiteZonesByCommune.count + model.leftOutByCommune.count))),
                                    ("pieces_under_min_area_left_out", object([
                                        ("min_area_m2", .number(model.minWhiteZoneSquareMetres)),
                                        ("dissolved", leftOut(model.leftOutDissolved)),
                                        ("by_commune", leftOut(model.leftOutByCommune))]))])),
            ((result.parameters.road != nil) ? "travel_time_to_nearest_lieu_min" : "distance_to_nearest_lieu_km", nearestFigures()),
            ("population_model", populationModelJSON()),
            ("road_network", roadSummary()),
            ("communes_by_class", object(CoverageClass.allCases.map { ($0.rawValue, .number(Double(summary.classCounts[$0] ?? 0))) })),
            ("departements", .array(departements)),
            ("unmatched", object([
                ("communes_without_population", .array(join.unmatchedCommunes.map { object([("code", .string($0.code)), ("nom", .string($0.name))]) })),
                ("population_rows_without_commune", .array(join.unmatchedRows.map { object([("code", .string($0.code)), ("population", .number($0.population))]) })),
                ("communes_without_geometry", .array(communesWithoutGeometry.map {
                    object([("code", .string($0.code)), ("source", .string("\($0.source) feature \($0.featureIndex)"))]) })),
            ])),
            ("repaired_geometries", .array(repaired)),
            ("duplicate_lieu_coordinates", .array(duplicates)),
        ] + (lieuSet.duplicateIds.isEmpty ? [] : [("duplicate_lieu_ids", .array(lieuSet.duplicateIds.map { .string($0) }))])
          + (groups.isEmpty ? [] : [("groups", groupsJSON())]))
    }
}

extension AnalysisOutputs {
    /// Population-weighted median, p90 and maximum distance or time to the nearest lieu: from the
    /// population units when a model has them (with the representative points' figures beside), else
    /// from the communes' representative points.
    func nearestFigures() -> JSONValue {
        func value(_ proximity: Proximity?) -> JSONValue { proximity.map(measure) ?? .null }
        var pairs: [(key: String, value: JSONValue)] = []
        if let figures = summary.model {
            pairs = [("median", value(figures.median)), ("p90", value(figures.p90)), ("max", value(figures.maximum)),
                     ("measured_from", .string("population units (cell centres), weighted by their people")),
                     ("by_representative_point", .object(JSONObject([
                        ("median", value(summary.median)), ("p90", value(summary.p90)), ("max", value(summary.maximum))])))]
        } else {
            pairs = [("median", value(summary.median)), ("p90", value(summary.p90)), ("max", value(summary.maximum)),
                     ("measured_from", .string("representative points of the communes"))]
        }
        return .object(JSONObject(pairs))
    }

    /// A nearest-lieu distance or time in the output unit: km or minutes.
    func measure(_ proximity: Proximity) -> JSONValue {
        switch proximity {
        case .distance(let metres): Self.km(metres.value)
        case .travelTime(let seconds): Self.minutes(seconds.value)
        }
    }

    /// Road mode: graph, snapping and speed figures per territory (null in distance mode).
    func roadSummary() -> JSONValue {
        guard (result.parameters.road != nil) else { return .null }
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs.map { (key: $0.0, value: $0.1) })) }
        return .array(result.roadReports.map { report in
            let offRoad = report.communeOffRoadMetres.sorted()
            let dropped = report.graph.waysDropped.sorted { $0.key.rawValue < $1.key.rawValue }
            return object([
                ("crs", .string(report.crs.definition)),
                ("ways_kept", .number(Double(report.graph.waysKept))),
                ("ways_dropped", object(dropped.map { ($0.key.rawValue, .number(Double($0.value))) })),
                ("graph_nodes", .number(Double(report.components.nodesKept))), ("graph_edges", .number(Double(report.components.edgesKept))),
                ("nodes_dropped_unreachable_from_lieux", .number(Double(report.components.nodesDropped))),
                ("edges_dropped_unreachable_from_lieux", .number(Double(report.components.edgesDropped))),
                ("commune_offroad_m", object([
                    ("median", offRoad.isEmpty ? .null : .number((offRoad[offRoad.count / 2] * 10).rounded() / 10)),
                    ("max", offRoad.last.map { .number(($0 * 10).rounded() / 10) } ?? .null)])),
                ("communes_far_from_road", .array(report.farCommunes.map { far in
                    object([("code", .string(result.communes[far.commune].input.code)), ("nom", .string(result.communes[far.commune].input.name)),
                            ("offroad_m", .number((far.metres * 10).rounded() / 10))]) })),
                ("lieux_far_from_road", .array(report.farLieux.map { far in
                    object([("id", .string(result.lieux[far.lieu].id)), ("offroad_m", .number((far.metres * 10).rounded() / 10))]) })),
                ("lieux_in_territory_beyond_network_left_out", .array(report.lieuxOutsideNetwork.map { .string(result.lieux[$0].id) })),
                ("lieux_outside_territory_left_out", .number(Double(report.lieuxBeyondTerritory.count))),
                ("communes_without_road_access_to_a_lieu", .array(report.unreachableCommunes.map { .string(result.communes[$0].input.code) })),
                ("speeds_kmh", .string(report.speedTableCSV)),
            ])
        })
    }
}

extension JSONValue {
    /// Text for a CSV cell.
    var csvText: String {
        switch self {
        case .null: ""
        case .bool(let flag): flag ? "true" : "false"
        default: stringValue ?? ""
        }
    }
}
