import CoverageAnalysis
import Foundation
import GeoIO
import GeosGeometry
import Siting

/// Everything one `suggest` run found, and the files it writes.
struct SuggestRun {
    let question: Suggest.Question
    let thresholdKm: Double
    let demand: SitingDemand
    let fast: Bool
    let lagrangianIterations: Int
    let instance: SitingInstance
    let problem: MaximalCoveringProblem
    let candidateSet: CandidateSet
    /// Answers in request order; the last is the main one (largest p, the target, or the budget).
    let answers: [SuggestAnswer]
    /// Coverage versus number of added sites (greedy order of the main question).
    let curve: [CoverageCurvePoint]
    let target: TargetCoverSolution?
    /// What analyse reports with the existing lieux only.
    let before: SitingExactCoverage
    /// Commune (index in the commune list, -1 if none) of each chosen candidate.
    let siteCommunes: [Int: Int]
    /// The analysis with the main answer's sites added.
    let updated: AnalysisResult
    let updatedSummary: CoverageSummary
    let suggestedLieux: [Lieu]
    let loaded: LoadedTerritory
    let inputsJSON: [(key: String, value: JSONValue)]
    let decimals: Int

    typealias Pairs = [(key: String, value: JSONValue)]
    var main: SuggestAnswer { answers[answers.count - 1] }
    var communes: [CommuneInput] { loaded.layer.communes }
    var isPointDemand: Bool { demand == .representativePoint }

    // MARK: Parameters

    var demandDescription: String {
        switch demand {
        case .representativePoint:
            return "point: one demand unit per commune at its representative point (GEOS point-on-surface), weight = population; a commune counts as covered when that point is within the threshold"
        case .areaGrid(let cell):
            return "area: each commune cut by a \(Self.number(cell / 1000)) km square grid (aligned on the metric CRS); each piece is a demand unit at its centroid weighing population × piece area / commune area (a commune within one cell stays whole at its representative point); approximates analyse's area-weighted coverage"
        }
    }

    var questionJSON: JSONValue {
        switch question {
        case .sites(let counts): .object(JSONObject([(key: "sites", value: .array(counts.map { .number(Double($0)) }))]))
        case .target(let share): .object(JSONObject([(key: "target_share", value: .number(share))]))
        case .budget(let amount): .object(JSONObject([(key: "budget", value: .number(amount))]))
        }
    }

    var notes: [String] {
        var notes = ["Distances are straight lines in the territory's metric CRS; a site covers a demand unit when their distance is at most the threshold.",
                     "Existing lieux are kept; only new sites are chosen, among the candidates of the same CRS zone.",
                     "Sites are chosen by lazy greedy selection, then interchange (swap) improvement, also started from the best Lagrangian sets\(fast ? " (disabled by --fast)" : ""); the upper bound is the smaller of the submodular and Lagrangian bounds, so the optimum lies between the covered population and it.",
                     "Figures named *_analyse are what `maillage analyse` reports with the suggested sites added: exact disc ∩ commune overlays (area-weighted) and representative-point distances.",
                     "Deterministic: ties go to the first candidate."]
        if !isPointDemand {
            notes.append("The solver's population figures are estimates on grid pieces; the *_analyse figures are exact overlays; the difference is reported as grid_estimate_minus_analyse.")
        }
        if problem.candidateCapacities != nil { notes.append("Candidate capacities are reported only: coverage is not capacity-limited.") }
        return notes
    }

    var parametersJSON: JSONValue {
        .object(JSONObject([
            ("generator", "maillage 0.1.0"), ("command", "suggest"),
            ("mode", "distance (straight line in the territory's metric CRS)"),
            ("threshold_km", .number(thresholdKm)), ("question", questionJSON),
            ("demand", .string(demandDescription)),
            ("grid_cell_km", { if case .areaGrid(let cell) = demand { .number(cell / 1000) } else { .null } }()),
            ("solver", .string(fast ? "lazy greedy + swaps (no Lagrangian relaxation)"
                               : "lazy greedy + swaps + Lagrangian relaxation (bounds and extra starts), at most \(lagrangianIterations) subgradient iterations")),
            ("catchment_for_analyse_figures", .string("disc of the threshold radius (GEOS buffer, \(updated.parameters.quadrantSegments ?? 16) segments per quarter circle)")),
            ("coordinate_decimals", .number(Double(decimals))),
            ("inputs", .object(JSONObject(inputsJSON))),
            ("notes", .array(notes.map { .string($0) })),
        ].map { (key: $0.0, value: $0.1) }))
    }

    var foreign: JSONObject { JSONObject([(key: "maillage", value: parametersJSON)]) }

    static func number(_ value: Double) -> String { value.rounded() == value ? String(Int(value)) : String(value) }
    static func people(_ value: Double) -> JSONValue { .number((value * 10).rounded() / 10) }
    static func share(_ value: Double) -> JSONValue { .number((value * 1e6).rounded() / 1e6) }

    func files() -> [(name: String, bytes: [UInt8])] {
        var files: [(name: String, bytes: [UInt8])] = [("suggested_sites.geojson", sitesGeoJSON(main))]
        if case .sites = question, answers.count > 1 {
            for answer in answers.dropLast() { files.append(("suggested_sites_p\(answer.requestedSites!).geojson", sitesGeoJSON(answer))) }
        }
        var lieuSet = loaded.lieuSet
        lieuSet.lieux = updated.lieux
        let layers = AnalysisOutputs(result: updated, summary: updatedSummary,
                                     run: RunDescription(parameters: updated.parameters, inputs: JSONObject(inputsJSON + [("suggested_sites", .number(Double(suggestedLieux.count)))]),
                                                         notes: ["Layers computed by analyse with the existing lieux plus the suggested sites (type 'suggested')."]),
                                     join: loaded.join, lieuSet: lieuSet, communesWithoutGeometry: loaded.layer.withoutGeometry,
                                     decimals: decimals)
        files += [("suggest_communes.geojson", layers.communesGeoJSON()),
                  ("suggest_white_zones.geojson", layers.whiteZonesGeoJSON(updated.whiteZonesDissolved)),
                  ("coverage_curve.csv", curveCSV()), ("suggest_summary.json", summaryJSON().prettyJSON())]
        return files
    }

    // MARK: Sites

    func siteProperties(_ site: SelectedSite, rank: Int, answer: SuggestAnswer) -> Pairs {
        let candidate = candidateSet.candidates[site.candidateIndex]
        let commune = siteCommunes[site.candidateIndex].flatMap { $0 >= 0 ? communes[$0] : nil }
        var pairs: Pairs = [
            ("rank", .number(Double(rank))), ("id", .string("suggested-\(rank)")),
            ("candidate_id", .string(candidate.id)), ("candidate_nom", .string(candidate.name)),
            ("commune_code", commune.map { .string($0.code) } ?? .null), ("commune_nom", commune.map { .string($0.name) } ?? .null),
            ("departement", commune.map { .string($0.departement) } ?? .null),
            ("marginal_population", Self.people(site.marginalWeight)),
            ("covered_population", Self.people(site.coveredWeight)), ("covered_share", Self.share(site.coveredShare)),
        ]
        if let cost = candidate.cost { pairs.append(("cost", .number(cost))) }
        if let capacity = candidate.capacity { pairs.append(("capacity", .number(capacity))) }
        pairs += [("threshold_km", .number(thresholdKm)), ("sites_in_answer", .number(Double(answer.sites.count)))]
        return pairs
    }

    func sitesGeoJSON(_ answer: SuggestAnswer) -> [UInt8] {
        let features = answer.sites.enumerated().map { index, site in
            let lonLat = candidateSet.candidates[site.candidateIndex].lonLat
            return Feature(properties: JSONObject(siteProperties(site, rank: index + 1, answer: answer)),
                           geometry: .point(lonLat))
        }
        return GeoJSONWriter(decimals: decimals).encode(features, foreignMembers: foreign)
    }

    // MARK: Curve

    /// The analyse-side figure comparable with the solver's: by point for point demand, area-weighted otherwise.
    func analyseFigure(_ exact: SitingExactCoverage) -> Double {
        isPointDemand ? exact.populationByPoint : exact.populationAreaWeighted
    }

    func curveCSV() -> [UInt8] {
        let header = ["sites_added", "candidate_id", "commune_code", "commune_nom", "marginal_population", "covered_population",
                      "covered_share", "upper_bound_population", "upper_bound_share", "best_found_population", "best_found_share",
                      "covered_population_analyse", "covered_share_analyse", "threshold_km", "demand"]
        let demandLabel = isPointDemand ? "point" : "area"
        let bounded: Bool = { if case .target = question { false } else { true } }()
        var rows: [[String]] = []
        for point in curve {
            let candidate = point.candidateIndex.map { candidateSet.candidates[$0] }
            let commune = point.candidateIndex.flatMap { siteCommunes[$0] }.flatMap { $0 >= 0 ? communes[$0] : nil }
            // The answer with this many sites (fewer than requested when every reachable unit is covered).
            let answer = answers.first { $0.sites.count == point.siteCount }
            let exact = point.siteCount == 0 ? before : answer?.exact
            rows.append([String(point.siteCount), candidate?.id ?? "", commune?.code ?? candidate.map { _ in "" } ?? "",
                         commune?.name ?? "", Self.people(point.marginalWeight).csvText, Self.people(point.coveredWeight).csvText,
                         Self.share(point.coveredShare).csvText,
                         bounded ? Self.people(point.upperBoundWeight).csvText : "", bounded ? Self.share(point.upperBoundShare).csvText : "",
                         answer.map { Self.people($0.coveredWeight).csvText } ?? "",
                         answer.map { Self.share($0.coveredWeight / $0.totalWeight).csvText } ?? "",
                         exact.map { Self.people(analyseFigure($0)).csvText } ?? "",
                         exact.map { Self.share(analyseFigure($0) / max($0.totalPopulation, .leastNormalMagnitude)).csvText } ?? "",
                         Self.number(thresholdKm), demandLabel])
        }
        if curve.isEmpty {   // budget: the chosen sites in greedy order, without per-count bounds
            var cumulative = main.existingCoveredWeight
            let total = max(main.totalWeight, .leastNormalMagnitude)
            rows.append(["0", "", "", "", "0", Self.people(cumulative).csvText, Self.share(cumulative / total).csvText, "", "", "", "",
                         Self.people(analyseFigure(before)).csvText,
                         Self.share(analyseFigure(before) / max(before.totalPopulation, .leastNormalMagnitude)).csvText,
                         Self.number(thresholdKm), demandLabel])
            for (index, site) in main.sites.enumerated() {
                let candidate = candidateSet.candidates[site.candidateIndex]
                let commune = siteCommunes[site.candidateIndex].flatMap { $0 >= 0 ? communes[$0] : nil }
                cumulative = site.coveredWeight
                let last = index == main.sites.count - 1
                rows.append([String(index + 1), candidate.id, commune?.code ?? "", commune?.name ?? "",
                             Self.people(site.marginalWeight).csvText, Self.people(site.coveredWeight).csvText,
                             Self.share(site.coveredShare).csvText, "", "",
                             last ? Self.people(main.coveredWeight).csvText : "", last ? Self.share(main.coveredWeight / total).csvText : "",
                             last ? main.exact.map { Self.people(analyseFigure($0)).csvText } ?? "" : "",
                             last ? main.exact.map { Self.share(analyseFigure($0) / max($0.totalPopulation, .leastNormalMagnitude)).csvText } ?? "" : "",
                             Self.number(thresholdKm), demandLabel])
            }
        }
        return (try? CSVWriter.encode(header: header, rows: rows)) ?? []
    }

    // MARK: Summary

    func answerJSON(_ answer: SuggestAnswer) -> JSONValue {
        let total = max(answer.totalWeight, .leastNormalMagnitude)
        var pairs: Pairs = [("question", .string(answer.kind)),
                            ("requested_sites", answer.requestedSites.map { .number(Double($0)) } ?? .null),
                            ("sites_chosen", .number(Double(answer.sites.count))),
                            ("existing_covered_population", Self.people(answer.existingCoveredWeight)),
                            ("added_population", Self.people(answer.coveredWeight - answer.existingCoveredWeight)),
                            ("covered_population", Self.people(answer.coveredWeight)),
                            ("covered_share", Self.share(answer.coveredWeight / total)),
                            ("greedy_covered_population", Self.people(answer.greedyCoveredWeight))]
        if let bound = answer.upperBoundWeight {
            let addedBound = bound - answer.existingCoveredWeight
            pairs += [("upper_bound_population", Self.people(bound)), ("upper_bound_share", Self.share(bound / total)),
                      ("gap_share_points", Self.share(max(0, bound - answer.coveredWeight) / total)),
                      ("gap_of_added_population", Self.share(addedBound > 0 ? max(0, bound - answer.coveredWeight) / addedBound : 0))]
        }
        pairs += answer.details
        if let exact = answer.exact {
            let people = max(exact.totalPopulation, .leastNormalMagnitude)
            pairs += [("covered_population_analyse", Self.people(analyseFigure(exact))),
                      ("covered_share_analyse", Self.share(analyseFigure(exact) / people)),
                      ("population_by_representative_point_analyse", Self.people(exact.populationByPoint)),
                      ("population_area_weighted_analyse", Self.people(exact.populationAreaWeighted)),
                      ("grid_estimate_minus_analyse", isPointDemand ? .null : Self.people(answer.coveredWeight - exact.populationAreaWeighted))]
        }
        pairs.append(("sites", .array(answer.sites.enumerated().map { index, site in
            .object(JSONObject(siteProperties(site, rank: index + 1, answer: answer) + [
                ("lon", .number(candidateSet.candidates[site.candidateIndex].lonLat.x)),
                ("lat", .number(candidateSet.candidates[site.candidateIndex].lonLat.y))]))
        })))
        return .object(JSONObject(pairs))
    }

    /// Communes holding population that neither an existing lieu nor any candidate reaches.
    func uncoverableCommunes() -> [(commune: Int, population: Double)] {
        var byCommune: [Int: Double] = [:]
        for unit in problem.uncoverableDemandUnits() { byCommune[instance.units[unit.demandIndex].commune, default: 0] += unit.weight }
        return byCommune.map { (commune: $0.key, population: $0.value) }
            .sorted { ($0.population, $1.commune) > ($1.population, $0.commune) }
    }

    func summaryJSON() -> JSONValue {
        func object(_ pairs: Pairs) -> JSONValue { .object(JSONObject(pairs)) }
        let total = max(before.totalPopulation, .leastNormalMagnitude)
        let uncoverable = uncoverableCommunes()
        let zoneless = instance.candidateZone.filter { $0 == nil }.count
        return object([
            ("parameters", parametersJSON),
            ("territory", object([("communes", .number(Double(communes.count))), ("population", .number(before.totalPopulation)),
                                  ("crs", .array(instance.territories.map { .string($0.crs.definition) })),
                                  ("lieux_read", .number(Double(loaded.lieuSet.lieux.count))),
                                  ("lieux_filtered_out", .number(Double(loaded.lieuSet.filteredOut)))])),
            ("candidates", object([("source", .string(candidateSet.source)), ("count", .number(Double(candidateSet.candidates.count))),
                                   ("filtered_out", .number(Double(candidateSet.filteredOut))),
                                   ("outside_every_zone", .number(Double(zoneless))),
                                   ("covering_nothing_new", .number(Double(instance.candidateCoverage.indices.filter { c in
                                       !instance.candidateCoverage[c].contains { !instance.coveredByExisting[Int($0)] } }.count)))])),
            ("demand_units", object([("count", .number(Double(instance.units.count))),
                                     ("covered_by_existing", .number(Double(instance.coveredByExisting.filter { $0 }.count))),
                                     ("gainable_classes", .number(Double(problem.gainableDemandClassCount))),
                                     ("candidate_unit_pairs", .number(Double(instance.coveragePairCount)))])),
            ("before", object([("covered_population", Self.people(problem.existingCoveredWeight)),
                               ("covered_share", Self.share(problem.existingCoveredWeight / problem.totalWeight)),
                               ("covered_population_analyse", Self.people(analyseFigure(before))),
                               ("covered_share_analyse", Self.share(analyseFigure(before) / total)),
                               ("population_by_representative_point_analyse", Self.people(before.populationByPoint)),
                               ("population_area_weighted_analyse", Self.people(before.populationAreaWeighted))])),
            ("answers", .array(answers.map(answerJSON))),
            ("unreachable", object([
                ("population", Self.people(uncoverable.reduce(0) { $0 + $1.population })),
                ("explanation", "population that no existing lieu and no allowed candidate reaches within the threshold: no choice of sites can cover it"),
                ("communes", .array(uncoverable.map { entry in
                    object([("code", .string(communes[entry.commune].code)), ("nom", .string(communes[entry.commune].name)),
                            ("population_out_of_reach", Self.people(entry.population))])
                })),
            ])),
            ("updated_layers", object([("sites_added", .number(Double(suggestedLieux.count))),
                                       ("white_zone_population", Self.people(updatedSummary.whiteZonePopulation)),
                                       ("white_zone_area_km2", .number((updatedSummary.whiteZoneAreaSquareMetres / 1e3).rounded() / 1e3)),
                                       ("white_zones", .number(Double(updated.whiteZonesDissolved.count)))])),
        ])
    }
}
