import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO
import GeosGeometry
import Siting

/// `maillage suggest`: where to open the next lieux (MCLP, LSCP-style target, budget), existing lieux kept.
struct Suggest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suggest",
        abstract: "Where to open new lieux: the sites adding the most population within reach, existing lieux kept.",
        discussion: """
        Answers "if we fund N new lieux, where should they go and how many people would they bring within \
        reach?" (--sites, MCLP) and "how many new lieux does it take to reach 95 % of the population?" \
        (--target-share, LSCP-style), by straight-line distance in the territory's metric CRS.
        Candidates are every commune's representative point unless --candidates is given. Sites are chosen by \
        greedy selection then swaps (interchange), improved from Lagrangian starts; an upper bound on the \
        optimum is reported with every answer. Deterministic. Each number given to --sites is solved on its \
        own; coverage_curve.csv follows the greedy order of the largest, with its bound for every count.
        Each answer is re-measured as `analyse` would measure it with the suggested sites added (exact \
        overlays), and the updated commune and white-zone layers are written for the main answer.

        Example (Nouvelle-Aquitaine, France Services 2020, 10 km, 5/10/20/50 new sites):
          maillage suggest --communes ../shared/geodata/communes \\
            --population ../shared/geodata/population/donnees_communes_pop2019.csv \\
            --lieux ../shared/geodata/lieux/france_services_2020.geojson \\
            --departements 16,17,19,23,24,33,40,47,64,79,86,87 \\
            --within 10 --sites 5,10,20,50 --out output/
        Fewest sites for 95 % of the population: replace --sites by --target-share 0.95.
        """)

    @OptionGroup var inputs: TerritoryInputOptions

    @Option(help: ArgumentHelp("Distance threshold in km: a site covers what lies within it.", valueName: "km"))
    var within = "10"

    @Option(help: ArgumentHelp("Numbers of new sites to choose, comma separated (e.g. 5,10,20,50); default 10 when neither --target-share nor --budget is given.", valueName: "n"))
    var sites: String?

    @Option(help: ArgumentHelp("Fewest new sites bringing this share of the population within reach (existing lieux counted), e.g. 0.95.", valueName: "share"))
    var targetShare: Double?

    @Option(help: ArgumentHelp("Best new sites whose total cost (--candidate-cost) is at most this budget.", valueName: "amount"))
    var budget: Double?

    @Option(help: ArgumentHelp("Demand: 'area' (area-weighted partial coverage, communes cut by a grid) or 'point' (whole communes, by representative point).", valueName: "area|point"))
    var demand = "area"

    @Option(help: ArgumentHelp("Grid cell size in km for --demand area: finer is closer to analyse's exact overlays, slower (0.5 km: within 0.07 % of analyse on Nouvelle-Aquitaine; 1 km: within 0.1 %).", valueName: "km"))
    var gridKm = 0.5

    @Option(help: ArgumentHelp("Candidate sites: GeoJSON points or CSV with longitude/latitude (default: every commune's representative point).", valueName: "file"))
    var candidates: String?

    @Option(help: "Longitude column of a candidates CSV (default: longitude, lon, lng, long or x).")
    var candidateLon: String?
    @Option(help: "Latitude column of a candidates CSV (default: latitude, lat or y).")
    var candidateLat: String?
    @Option(help: "Id column/property of the candidates (default: id, code…).")
    var candidateId: String?
    @Option(help: "Name column/property of the candidates (default: nom, name…).")
    var candidateName: String?
    @Option(help: ArgumentHelp("Column/property holding each candidate's cost (needed by --budget).", valueName: "column"))
    var candidateCost: String?
    @Option(help: ArgumentHelp("Column/property holding each candidate's capacity (reported only: coverage is not capacity-limited).", valueName: "column"))
    var candidateCapacity: String?

    @Option(name: .customLong("candidates-filter"),
            help: ArgumentHelp("Keep only candidates matching PROPERTY=VALUE or PROPERTY!=VALUE (values separated by |); repeatable. Commune candidates have code, nom, departement and population.", valueName: "filter"))
    var candidatesFilter: [String] = []

    @Flag(help: "Greedy + swaps only, without the Lagrangian relaxation: faster, looser upper bounds.")
    var fast = false

    @Option(help: ArgumentHelp("Most subgradient iterations of the Lagrangian relaxation (more: tighter bounds, slower).", valueName: "n"))
    var lagrangianIterations = SolverOptions().lagrangianIterations

    @Option(help: "Segments per quarter circle of the discs used to re-measure coverage as analyse does.")
    var quadrantSegments = 16

    @Option(help: "Decimals of output coordinates (6 ≈ 0.1 m); suggested sites are rounded to them before being measured.")
    var decimals = 6

    @OptionGroup var output: OutputOptions

    /// What to solve.
    enum Question: Equatable {
        case sites([Int])
        case target(Double)
        case budget(Double)
    }

    func parseQuestion() throws -> Question {
        let given = [sites != nil, targetShare != nil, budget != nil].filter { $0 }.count
        guard given <= 1 else { throw ValidationError("give only one of --sites, --target-share and --budget") }
        if let targetShare {
            guard targetShare > 0, targetShare <= 1 else {
                throw ValidationError("--target-share must be greater than 0 and at most 1 (e.g. 0.95 for 95 %)")
            }
            return .target(targetShare)
        }
        if let budget {
            guard budget.isFinite, budget >= 0 else { throw ValidationError("--budget must be a non-negative amount") }
            guard candidateCost != nil else { throw ValidationError("--budget needs --candidate-cost COLUMN (the cost of each candidate)") }
            return .budget(budget)
        }
        let text = sites ?? "10"
        let counts = try text.split(separator: ",").map { part -> Int in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let count = Int(trimmed), count > 0 else {
                throw ValidationError("--sites: '\(trimmed)' is not a positive number of sites (write e.g. 5,10,20,50)")
            }
            return count
        }
        guard !counts.isEmpty else { throw ValidationError("--sites needs at least one number") }
        return .sites(Array(Set(counts)).sorted())
    }

    func parseThresholdKm() throws -> Double {
        let text = within.trimmingCharacters(in: .whitespaces).lowercased()
        let number = text.hasSuffix("km") ? String(text.dropLast(2)) : text
        guard let value = Double(number), value > 0, value.isFinite else {
            throw ValidationError("--within: '\(within)' is not a positive distance in km (one value, e.g. 10)")
        }
        return value
    }

    func parseDemand() throws -> SitingDemand {
        switch demand.lowercased() {
        case "point": return .representativePoint
        case "area":
            guard gridKm.isFinite, gridKm >= 0.05, gridKm <= 50 else { throw ValidationError("--grid-km must be between 0.05 and 50") }
            return .areaGrid(cellMetres: gridKm * 1000)
        default: throw ValidationError("--demand must be 'area' or 'point'")
        }
    }

    func run() throws {
        let question = try parseQuestion()
        let thresholdKm = try parseThresholdKm()
        let demandMode = try parseDemand()
        guard (1...64).contains(quadrantSegments) else { throw ValidationError("--quadrant-segments must be between 1 and 64") }
        guard (0...9).contains(decimals) else { throw ValidationError("--decimals must be between 0 and 9") }
        guard lagrangianIterations >= 0 else { throw ValidationError("--lagrangian-iterations must be 0 or more") }
        let candidateFilters = try candidatesFilter.map(LieuFilter.init(parsing:))
        let progress = output.makeProgress()

        let loaded = try inputs.load(progress: progress)
        let communes = loaded.layer.communes
        progress.step("projecting and checking \(communes.count) communes")
        let territories = try ProjectedTerritory.prepare(communes: communes, lieux: loaded.lieuSet.lieux)

        progress.step("reading candidates")
        let candidateSet = try readCandidates(territories: territories, loaded: loaded, filters: candidateFilters)

        progress.step(demandMode == .representativePoint ? "demand units: one per commune" : "demand units: grid pieces")
        let instance = try SitingInstance.build(
            territories: territories, populations: loaded.join.population, lieux: loaded.lieuSet.lieux,
            candidates: candidateSet.candidates, thresholdMetres: thresholdKm * 1000, demand: demandMode) { progress.step($0) }
        progress.step("covering problem (\(instance.coveragePairCount) candidate-unit pairs)")
        let problem = try MaximalCoveringProblem(
            demandWeights: instance.units.map(\.weight), coveredByExisting: instance.coveredByExisting,
            candidateCoverage: instance.candidateCoverage,
            candidateCosts: candidateCost == nil ? nil : candidateSet.candidates.map { $0.cost ?? 0 },
            candidateCapacities: candidateCapacity == nil ? nil : candidateSet.candidates.map { $0.capacity ?? 0 })

        let solverOptions: SolverOptions = fast ? .greedyAndSwapsOnly : SolverOptions(lagrangianIterations: lagrangianIterations)
        var answers: [SuggestAnswer] = []
        var curve: [CoverageCurvePoint] = []
        var target: TargetCoverSolution?
        switch question {
        case .sites(let counts):
            for count in counts {
                progress.step("choosing \(count) sites")
                let solution = try problem.solveMCLP(p: count, options: solverOptions)
                answers.append(SuggestAnswer(mclp: solution))
                if count == counts.last { curve = solution.curve }
            }
        case .target(let share):
            progress.step("fewest sites for \(share * 100) %")
            let solution = try problem.solveTargetCover(targetShare: share, options: solverOptions)
            answers.append(SuggestAnswer(target: solution))
            curve = solution.greedyCurve
            target = solution
        case .budget(let amount):
            progress.step("best sites within a budget of \(amount)")
            answers.append(SuggestAnswer(budget: try problem.solveBudgetedMCLP(budget: amount, options: solverOptions)))
        }

        // Re-measure every answer as analyse does; the main (last) one through the full analysis for the layers.
        progress.step("measuring the current coverage as analyse does")
        let before = try instance.exactCoverage(addedSites: [], quadrantSegments: quadrantSegments)
        for index in answers.indices.dropLast() {
            progress.step("measuring \(answers[index].sites.count) added sites as analyse does")
            answers[index].exact = try instance.exactCoverage(addedSites: answers[index].sites.map { candidateSet.candidates[$0.candidateIndex].lonLat },
                                                              quadrantSegments: quadrantSegments)
        }
        var siteCommunes: [Int: Int] = [:]
        for answer in answers { for site in answer.sites where siteCommunes[site.candidateIndex] == nil {
            siteCommunes[site.candidateIndex] = try instance.commune(containing: site.candidateIndex) ?? -1
        } }
        let main = answers.count - 1
        let suggestedLieux = answers[main].sites.enumerated().map { rank, site in
            let candidate = candidateSet.candidates[site.candidateIndex]
            return Lieu(suggestedID: "suggested-\(rank + 1)", name: candidate.name, type: "suggested", lonLat: candidate.lonLat,
                        attributes: JSONObject([(key: "candidate_id", value: .string(candidate.id))]))
        }
        let parameters = AnalysisParameters(thresholdsKm: [thresholdKm], mainThreshold: 0, quadrantSegments: quadrantSegments)
        let updated = try CoverageMeasurement.measure(communes: communes, population: loaded.join, lieux: loaded.lieuSet.lieux + suggestedLieux,
                                               parameters: parameters) { progress.step("updated layers: " + $0) }
        let updatedSummary = CoverageSummary(updated)
        answers[main].exact = SitingExactCoverage(populationByPoint: updatedSummary.thresholds[0].populationByPoint,
                                                  populationAreaWeighted: updatedSummary.thresholds[0].populationAreaWeighted,
                                                  totalPopulation: updatedSummary.population)

        progress.step("writing outputs")
        let report = SuggestRun(
            question: question, thresholdKm: thresholdKm, demand: demandMode, fast: fast,
            lagrangianIterations: lagrangianIterations, instance: instance, problem: problem,
            candidateSet: candidateSet, answers: answers, curve: curve, target: target, before: before,
            siteCommunes: siteCommunes, updated: updated, updatedSummary: updatedSummary, suggestedLieux: suggestedLieux,
            loaded: loaded, inputsJSON: loaded.inputsJSON(inputs) + suggestInputsJSON(candidateFilters), decimals: decimals)
        let folder = output.folder
        try OutputFolder.write(report.files(), to: folder)
        output.finish(progress)
        print(SuggestTerminalReport(run: report, folder: folder.path).render())
    }

    func suggestInputsJSON(_ filters: [LieuFilter]) -> [(key: String, value: JSONValue)] {
        [("candidates", candidates.map { .string($0) } ?? .string("representative point of every commune")),
         ("candidates_filters", .array(filters.map { .string($0.description) })),
         ("candidate_cost_column", candidateCost.map { .string($0) } ?? .null),
         ("candidate_capacity_column", candidateCapacity.map { .string($0) } ?? .null)]
    }

    /// Candidate sites: the user's file (rounded to `decimals`), or every commune's representative point.
    func readCandidates(territories: [ProjectedTerritory], loaded: LoadedTerritory, filters: [LieuFilter]) throws -> CandidateSet {
        guard let candidates else {
            let all = try SitingInstance.communeCandidates(territories, communes: loaded.layer.communes,
                                                           populations: loaded.join.population, decimals: decimals)
            let kept = all.filter { candidate in filters.allSatisfy { $0.accepts(candidate.attributes) } }
            guard !kept.isEmpty else {
                throw AnalysisInputError.noLieux(source: "candidates", reason: "all \(all.count) communes filtered out by --candidates-filter")
            }
            return CandidateSet(candidates: kept, source: "communes", filteredOut: all.count - kept.count)
        }
        var options = LieuReadOptions()
        options.longitudeColumn = candidateLon; options.latitudeColumn = candidateLat
        options.idColumn = candidateId; options.nameColumn = candidateName
        options.filters = filters
        let url = URL(fileURLWithPath: candidates)
        let set = try LieuSet.read(contentsOf: url, options: options)
        func number(_ column: String?, of lieu: Lieu) throws -> Double? {
            guard let column else { return nil }
            guard let value = lieu.attributes[column] else {
                throw AnalysisInputError.missingColumn(source: set.source, role: "candidate cost or capacity", tried: [column],
                                                       header: lieu.attributes.keys)
            }
            let text = (value.stringValue ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            guard let number = value.doubleValue ?? Double(text), number.isFinite, number >= 0 else {
                throw AnalysisInputError.badNumber(source: set.source, location: "candidate \(lieu.id)", column: column,
                                                   value: value.stringValue ?? "\(value)")
            }
            return number
        }
        let list = try set.lieux.map { lieu in
            SitingCandidateInput(id: lieu.id, name: lieu.name, lonLat: SitingInstance.rounded(lieu.lonLat, decimals: decimals),
                                 cost: try number(candidateCost, of: lieu), capacity: try number(candidateCapacity, of: lieu),
                                 attributes: lieu.attributes)
        }
        return CandidateSet(candidates: list, source: set.source, filteredOut: set.filteredOut)
    }
}

struct CandidateSet {
    let candidates: [SitingCandidateInput]
    let source: String
    let filteredOut: Int
}

/// One answer (a set of new sites) in a common shape, whatever the question.
struct SuggestAnswer {
    let kind: String
    let requestedSites: Int?
    let sites: [SelectedSite]
    let existingCoveredWeight: Double
    let coveredWeight: Double
    let totalWeight: Double
    let greedyCoveredWeight: Double
    let upperBoundWeight: Double?
    let details: [(key: String, value: JSONValue)]
    /// What analyse reports with these sites added (filled after solving).
    var exact: SitingExactCoverage?

    init(mclp solution: MaximalCoveringSolution) {
        kind = "mclp"; requestedSites = solution.requestedSiteCount; sites = solution.sites
        existingCoveredWeight = solution.existingCoveredWeight; coveredWeight = solution.coveredWeight
        totalWeight = solution.totalWeight; greedyCoveredWeight = solution.greedyCoveredWeight
        upperBoundWeight = solution.upperBoundWeight
        let origin: String
        switch solution.origin {
        case .greedyThenSwaps: origin = "greedy then swaps"
        case .lagrangianSetThenSwaps(let rank): origin = "Lagrangian start \(rank + 1) then swaps"
        }
        details = [("origin", .string(origin)), ("greedy_then_swaps_population", SuggestRun.people(solution.greedySwapCoveredWeight)),
                   ("swaps_applied_to_greedy", .number(Double(solution.greedySwaps.count))),
                   ("swap_pass_limit_reached", .bool(solution.swapStoppedAtPassLimit)),
                   ("lagrangian_iterations", .number(Double(solution.lagrangianIterations))),
                   ("lagrangian_upper_bound_population", solution.lagrangianUpperBoundWeight.map(SuggestRun.people) ?? .null),
                   ("submodular_upper_bound_population", SuggestRun.people(solution.submodularUpperBoundWeight)),
                   ("coverage_exhausted", .bool(solution.isCoverageExhausted)),
                   ("maximum_reachable_population", SuggestRun.people(solution.maximumReachableWeight))]
    }

    init(target solution: TargetCoverSolution) {
        kind = "target"; requestedSites = nil; sites = solution.sites
        existingCoveredWeight = solution.existingCoveredWeight; coveredWeight = solution.coveredWeight
        totalWeight = solution.totalWeight
        greedyCoveredWeight = solution.greedyCurve.last?.coveredWeight ?? solution.existingCoveredWeight
        upperBoundWeight = nil
        details = [("target_share", .number(solution.targetShare)), ("target_reached", .bool(solution.isTargetReached)),
                   ("greedy_site_count", .number(Double(solution.greedySiteCount))),
                   ("site_count_lower_bound", solution.siteCountLowerBound.map { .number(Double($0)) } ?? .null),
                   ("proven_minimal", .bool(solution.isProvenMinimal)),
                   ("maximum_reachable_population", SuggestRun.people(solution.maximumReachableWeight)),
                   ("maximum_reachable_share", SuggestRun.share(solution.maximumReachableShare))]
    }

    init(budget solution: BudgetedCoveringSolution) {
        kind = "budget"; requestedSites = nil; sites = solution.sites
        existingCoveredWeight = solution.existingCoveredWeight; coveredWeight = solution.coveredWeight
        totalWeight = solution.totalWeight; greedyCoveredWeight = solution.greedyCoveredWeight
        upperBoundWeight = solution.upperBoundWeight
        details = [("budget", .number(solution.budget)), ("spent_cost", .number(solution.spentCost)),
                   ("lagrangian_iterations", .number(Double(solution.lagrangianIterations)))]
    }
}
