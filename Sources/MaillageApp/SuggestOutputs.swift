import CoverageAnalysis
import Foundation
import GeoIO
import Siting

/// The files `maillage suggest` writes.
enum SuggestOutputFile {
    /// The sites of the main answer.
    case mainSites
    /// The sites of another answer (a smaller count of `--sites`), by position in the answers.
    case sitesOfCount(answer: Int, count: Int)
    /// Communes and white zones as analyse measures them with the main answer's sites added.
    case updatedCommunes, updatedWhiteZones
    case coverageCurve, summary

    /// Every file of a run, in writing order.
    static func all(for outcome: SitingOutcome) -> [SuggestOutputFile] {
        var files: [SuggestOutputFile] = [.mainSites]
        for (index, answer) in outcome.answers.dropLast().enumerated() {
            if case .siteCount(let solution) = answer.kind {
                files.append(.sitesOfCount(answer: index, count: solution.requestedSiteCount))
            }
        }
        return files + [.updatedCommunes, .updatedWhiteZones, .coverageCurve, .summary]
    }

    var fileName: String {
        switch self {
        case .mainSites: "suggested_sites.geojson"
        case .sitesOfCount(_, let count): "suggested_sites_p\(count).geojson"
        case .updatedCommunes: "suggest_communes.geojson"
        case .updatedWhiteZones: "suggest_white_zones.geojson"
        case .coverageCurve: "coverage_curve.csv"
        case .summary: "suggest_summary.json"
        }
    }

    func encode(_ outputs: SuggestOutputs) throws -> [UInt8] {
        switch self {
        case .mainSites: outputs.sitesGeoJSON(outputs.main)
        case .sitesOfCount(let answer, _): outputs.sitesGeoJSON(outputs.answers[answer])
        case .updatedCommunes: outputs.updatedLayers.communesGeoJSON()
        case .updatedWhiteZones: outputs.updatedLayers.whiteZonesGeoJSON(outputs.updated.whiteZonesDissolved)
        case .coverageCurve: try outputs.curveCSV()
        case .summary: outputs.summaryJSON().prettyJSON()
        }
    }
}

/// The outputs of one `suggest` run: what the siting pipeline found, described with the run's inputs.
struct SuggestOutputs {
    let outcome: SitingOutcome
    let loaded: LoadedTerritory
    let inputsJSON: [(key: String, value: JSONValue)]
    /// --fast: solved without the Lagrangian relaxation.
    let fast: Bool
    let decimals: Int

    typealias Pairs = [(key: String, value: JSONValue)]
    var answers: [SitingAnswer] { outcome.answers }
    var main: SitingAnswer { outcome.main }
    var before: SitingExactCoverage { outcome.before }
    var instance: SitingInstance { outcome.instance }
    var problem: MaximalCoveringProblem { outcome.problem }
    var candidateSet: SitingCandidateSet { outcome.candidates }
    var updated: AnalysisResult { outcome.updated.analysis }
    var updatedSummary: CoverageSummary { outcome.updated.summary }
    var thresholdKm: Double { outcome.parameters.thresholdKm }
    var demand: SitingDemand { outcome.parameters.demand }
    var communes: [CommuneInput] { loaded.layer.communes }
    var isPointDemand: Bool { demand == .representativePoint }

    /// The commune holding a chosen candidate, if any.
    func commune(ofSite candidate: Int) -> CommuneInput? { outcome.commune(ofChosenCandidate: candidate).map { communes[$0] } }

    func files() throws -> [(name: String, bytes: [UInt8])] {
        try SuggestOutputFile.all(for: outcome).map { (name: $0.fileName, bytes: try $0.encode(self)) }
    }

    /// The updated commune and white-zone layers, written as analyse writes them.
    var updatedLayers: AnalysisOutputs {
        var lieuSet = loaded.lieuSet
        lieuSet.lieux = updated.lieux
        let inputs = JSONObject(inputsJSON + [("suggested_sites", .number(Double(outcome.updated.suggestedLieux.count)))])
        return AnalysisOutputs(result: updated, summary: updatedSummary,
                               run: RunDescription(parameters: updated.parameters, inputs: inputs,
                                                   notes: ["Layers computed by analyse with the existing lieux plus the suggested sites (type 'suggested')."]),
                               join: loaded.join, lieuSet: lieuSet, communesWithoutGeometry: loaded.layer.withoutGeometry,
                               decimals: decimals)
    }

    // MARK: Parameters

    var demandDescription: String {
        switch demand {
        case .representativePoint:
            return "point: one demand unit per commune at its representative point (GEOS point-on-surface), weight = population; a commune counts as covered when that point is within the threshold"
        case .areaGrid(let cell):
            return "area: each commune cut by a \(Self.number(cell / 1000)) km square grid (aligned on the metric CRS); each piece is a demand unit at its centroid weighing population × piece area / commune area (a commune within one cell stays whole at its representative point); approximates analyse's area-weighted coverage"
        case .populationUnits(let kind):
            return "population model (\(kind.rawValue)): one demand unit per populated piece of the model's cells, at the cell centre, "
                + "weighing its people (\(kind.description)); the same units analyse counts with this model"
        }
    }

    var questionJSON: JSONValue {
        switch outcome.parameters.question {
        case .siteCounts(let counts): .object(JSONObject([(key: "sites", value: .array(counts.map { .number(Double($0)) }))]))
        case .targetShare(let share): .object(JSONObject([(key: "target_share", value: .number(share))]))
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
            ("generator", .string(Maillage.generator)), ("command", "suggest"),
            ("mode", "distance (straight line in the territory's metric CRS)"),
            ("threshold_km", .number(thresholdKm)), ("question", questionJSON),
            ("demand", .string(demandDescription)),
            ("grid_cell_km", { if case .areaGrid(let cell) = demand { .number(cell / 1000) } else { .null } }()),
            ("solver", .string(fast ? "lazy greedy + swaps (no Lagrangian relaxation)"
                               : "lazy greedy + swaps + Lagrangian relaxation (bounds and extra starts), at most \(outcome.parameters.solver.lagrangianIterations) subgradient iterations")),
            ("catchment_for_analyse_figures", .string("disc of the threshold radius (GEOS buffer, \(outcome.parameters.quadrantSegments) segments per quarter circle)")),
            ("coordinate_decimals", .number(Double(decimals))),
            ("inputs", .object(JSONObject(inputsJSON))),
            ("notes", .array(notes.map { .string($0) })),
        ].map { (key: $0.0, value: $0.1) }))
    }

    var foreign: JSONObject { JSONObject([(key: "maillage", value: parametersJSON)]) }

    static func number(_ value: Double) -> String { value.rounded() == value ? String(Int(value)) : String(value) }
    static func people(_ value: Double) -> JSONValue { .number((value * 10).rounded() / 10) }
    static func share(_ value: Double) -> JSONValue { .number((value * 1e6).rounded() / 1e6) }

    // MARK: Sites

    func siteProperties(_ site: SelectedSite, rank: Int, answer: SitingAnswer) -> Pairs {
        let candidate = candidateSet.candidates[site.candidateIndex]
        let commune = commune(ofSite: site.candidateIndex)
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

    func sitesGeoJSON(_ answer: SitingAnswer) -> [UInt8] {
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
        exact.populationModel ?? (isPointDemand ? exact.populationByPoint : exact.populationAreaWeighted)
    }

    func curveCSV() throws -> [UInt8] {
        let header = ["sites_added", "candidate_id", "commune_code", "commune_nom", "marginal_population", "covered_population",
                      "covered_share", "upper_bound_population", "upper_bound_share", "best_found_population", "best_found_share",
                      "covered_population_analyse", "covered_share_analyse", "threshold_km", "demand"]
        let demandLabel = isPointDemand ? "point" : { if case .populationUnits(let kind) = demand { kind.rawValue } else { "area" } }()
        let bounded: Bool = { if case .targetShare = outcome.parameters.question { false } else { true } }()
        var rows: [[String]] = []
        for point in outcome.curve {
            let candidate = point.candidateIndex.map { candidateSet.candidates[$0] }
            let commune = point.candidateIndex.flatMap(commune(ofSite:))
            // The answer with this many sites (fewer than requested when every reachable unit is covered).
            let answer = answers.first { $0.sites.count == point.siteCount }
            let exact = point.siteCount == 0 ? before : answer?.analysed
            rows.append([String(point.siteCount), candidate?.id ?? "", commune?.code ?? candidate.map { _ in "" } ?? "",
                         commune?.name ?? "", Self.people(point.marginalWeight).csvText, Self.people(point.coveredWeight).csvText,
                         Self.share(point.coveredShare).csvText,
                         bounded ? Self.people(point.upperBoundWeight).csvText : "", bounded ? Self.share(point.upperBoundShare).csvText : "",
                         answer.map { Self.people($0.weights.covered).csvText } ?? "",
                         answer.map { Self.share($0.weights.covered / $0.weights.total).csvText } ?? "",
                         exact.map { Self.people(analyseFigure($0)).csvText } ?? "",
                         exact.map { Self.share(analyseFigure($0) / max($0.totalPopulation, .leastNormalMagnitude)).csvText } ?? "",
                         Self.number(thresholdKm), demandLabel])
        }
        if outcome.curve.isEmpty {   // budget: the chosen sites in greedy order, without per-count bounds
            var cumulative = main.weights.existingCovered
            let total = max(main.weights.total, .leastNormalMagnitude)
            rows.append(["0", "", "", "", "0", Self.people(cumulative).csvText, Self.share(cumulative / total).csvText, "", "", "", "",
                         Self.people(analyseFigure(before)).csvText,
                         Self.share(analyseFigure(before) / max(before.totalPopulation, .leastNormalMagnitude)).csvText,
                         Self.number(thresholdKm), demandLabel])
            for (index, site) in main.sites.enumerated() {
                let candidate = candidateSet.candidates[site.candidateIndex]
                let commune = commune(ofSite: site.candidateIndex)
                cumulative = site.coveredWeight
                let last = index == main.sites.count - 1
                rows.append([String(index + 1), candidate.id, commune?.code ?? "", commune?.name ?? "",
                             Self.people(site.marginalWeight).csvText, Self.people(site.coveredWeight).csvText,
                             Self.share(site.coveredShare).csvText, "", "",
                             last ? Self.people(main.weights.covered).csvText : "", last ? Self.share(main.weights.covered / total).csvText : "",
                             last ? Self.people(analyseFigure(main.analysed)).csvText : "",
                             last ? Self.share(analyseFigure(main.analysed) / max(main.analysed.totalPopulation, .leastNormalMagnitude)).csvText : "",
                             Self.number(thresholdKm), demandLabel])
            }
        }
        return try CSVWriter.encode(header: header, rows: rows)
    }

    // MARK: Summary

    /// The question's name in the summary.
    static func questionName(_ kind: SitingAnswer.Kind) -> String {
        switch kind {
        case .siteCount: "mclp"
        case .targetShare: "target"
        case .budget: "budget"
        }
    }

    /// What the solver reports for this kind of question.
    static func details(_ kind: SitingAnswer.Kind) -> Pairs {
        switch kind {
        case .siteCount(let solution):
            let origin: String
            switch solution.origin {
            case .greedyThenSwaps: origin = "greedy then swaps"
            case .lagrangianSetThenSwaps(let rank): origin = "Lagrangian start \(rank + 1) then swaps"
            }
            return [("origin", .string(origin)), ("greedy_then_swaps_population", people(solution.greedySwapCoveredWeight)),
                    ("swaps_applied_to_greedy", .number(Double(solution.greedySwaps.count))),
                    ("swap_pass_limit_reached", .bool(solution.swapStoppedAtPassLimit)),
                    ("lagrangian_iterations", .number(Double(solution.lagrangianIterations))),
                    ("lagrangian_upper_bound_population", solution.lagrangianUpperBoundWeight.map(people) ?? .null),
                    ("submodular_upper_bound_population", people(solution.submodularUpperBoundWeight)),
                    ("coverage_exhausted", .bool(solution.isCoverageExhausted)),
                    ("maximum_reachable_population", people(solution.maximumReachableWeight))]
        case .targetShare(let solution):
            return [("target_share", .number(solution.targetShare)), ("target_reached", .bool(solution.isTargetReached)),
                    ("greedy_site_count", .number(Double(solution.greedySiteCount))),
                    ("site_count_lower_bound", solution.siteCountLowerBound.map { .number(Double($0)) } ?? .null),
                    ("proven_minimal", .bool(solution.isProvenMinimal)),
                    ("maximum_reachable_population", people(solution.maximumReachableWeight)),
                    ("maximum_reachable_share", share(solution.maximumReachableShare))]
        case .budget(let solution):
            return [("budget", .number(solution.budget)), ("spent_cost", .number(solution.spentCost)),
                    ("lagrangian_iterations", .number(Double(solution.lagrangianIterations)))]
        }
    }

    func answerJSON(_ answer: SitingAnswer) -> JSONValue {
        let weights = answer.weights
        let total = max(weights.total, .leastNormalMagnitude)
        var pairs: Pairs = [("question", .string(Self.questionName(answer.kind))),
                            ("requested_sites", answer.requestedSiteCount.map { .number(Double($0)) } ?? .null),
                            ("sites_chosen", .number(Double(answer.sites.count))),
                            ("existing_covered_population", Self.people(weights.existingCovered)),
                            ("added_population", Self.people(weights.covered - weights.existingCovered)),
                            ("covered_population", Self.people(weights.covered)),
                            ("covered_share", Self.share(weights.covered / total)),
                            ("greedy_covered_population", Self.people(weights.greedyCovered))]
        if let bound = weights.upperBound {
            let addedBound = bound - weights.existingCovered
            pairs += [("upper_bound_population", Self.people(bound)), ("upper_bound_share", Self.share(bound / total)),
                      ("gap_share_points", Self.share(max(0, bound - weights.covered) / total)),
                      ("gap_of_added_population", Self.share(addedBound > 0 ? max(0, bound - weights.covered) / addedBound : 0))]
        }
        pairs += Self.details(answer.kind)
        let exact = answer.analysed
        let people = max(exact.totalPopulation, .leastNormalMagnitude)
        pairs += [("covered_population_analyse", Self.people(analyseFigure(exact))),
                  ("covered_share_analyse", Self.share(analyseFigure(exact) / people)),
                  ("population_by_representative_point_analyse", Self.people(exact.populationByPoint)),
                  ("population_area_weighted_analyse", Self.people(exact.populationAreaWeighted)),
                  ("grid_estimate_minus_analyse", isPointDemand ? .null : Self.people(weights.covered - exact.populationAreaWeighted))]
        pairs.append(("sites", .array(answer.sites.enumerated().map { index, site in
            .object(JSONObject(siteProperties(site, rank: index + 1, answer: answer) + [
                ("lon", .number(candidateSet.candidates[site.candidateIndex].lonLat.x)),
                ("lat", .number(candidateSet.candidates[site.candidateIndex].lonLat.y))]))
        })))
        return .object(JSONObject(pairs))
    }

    func summaryJSON() -> JSONValue {
        func object(_ pairs: Pairs) -> JSONValue { .object(JSONObject(pairs)) }
        let total = max(before.totalPopulation, .leastNormalMagnitude)
        let uncoverable = outcome.uncoverableCommunes()
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
            ("updated_layers", object([("sites_added", .number(Double(outcome.updated.suggestedLieux.count))),
                                       ("white_zone_population", Self.people(updatedSummary.whiteZonePopulation)),
                                       ("white_zone_area_km2", .number((updatedSummary.whiteZoneAreaSquareMetres / 1e3).rounded() / 1e3)),
                                       ("white_zones", .number(Double(updated.whiteZonesDissolved.count)))])),
        ])
    }
}
