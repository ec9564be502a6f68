import GeoCore
import GeoIO
import Siting

/// What to solve.
public enum SitingQuestion: Sendable, Equatable {
    /// The best new sites for each count (maximal covering); each count is solved on its own.
    case siteCounts([Int])
    /// The fewest new sites bringing this share of the population within reach (existing lieux counted).
    case targetShare(Double)
    /// The best new sites whose total cost is at most this amount.
    case budget(Double)
}

/// The candidate sites of a siting run.
public struct SitingCandidateSet: Sendable {
    public let candidates: [SitingCandidateInput]
    /// Where they come from: "communes", or the file they were read from.
    public let source: String
    /// Candidates left out by the filters.
    public let filteredOut: Int

    public init(candidates: [SitingCandidateInput], source: String, filteredOut: Int) {
        self.candidates = candidates; self.source = source; self.filteredOut = filteredOut
    }
}

/// Where the candidate sites come from.
public enum SitingCandidateSource: Sendable {
    /// One candidate per commune at its representative point, rounded to `decimals` (the value written is
    /// the value evaluated), kept when its attributes (code, nom, departement, population) pass every filter.
    case communes(filters: [LieuFilter], decimals: Int)
    /// Candidates the caller read.
    case given(SitingCandidateSet)
}

/// Parameters of a siting run.
public struct SitingParameters: Sendable {
    /// A site covers what lies within this straight-line distance.
    public var thresholdKm: Double
    public var question: SitingQuestion
    public var demand: SitingDemand
    public var solver: SolverOptions
    /// Give the solver the candidates' costs (0 where missing), as a budget needs.
    public var usesCandidateCosts: Bool
    /// Give the solver the candidates' capacities (0 where missing); they are reported only.
    public var usesCandidateCapacities: Bool
    /// Segments per quarter circle of the discs that re-measure coverage as `analyse` does.
    public var quadrantSegments: Int
    /// Population model: with units (a grid, say), they are the demand instead of area-grid pieces.
    public var population: PopulationSettings? = nil

    public init(thresholdKm: Double, question: SitingQuestion, demand: SitingDemand, solver: SolverOptions = SolverOptions(),
                usesCandidateCosts: Bool = false, usesCandidateCapacities: Bool = false, quadrantSegments: Int = 16) {
        self.thresholdKm = thresholdKm; self.question = question; self.demand = demand; self.solver = solver
        self.usesCandidateCosts = usesCandidateCosts; self.usesCandidateCapacities = usesCandidateCapacities
        self.quadrantSegments = quadrantSegments
    }
}

/// One answer: a set of new sites, whatever the question.
public struct SitingAnswer: Sendable {
    /// The question answered, with the solver's own report.
    public enum Kind: Sendable {
        case siteCount(MaximalCoveringSolution)
        case targetShare(TargetCoverSolution)
        case budget(BudgetedCoveringSolution)

        /// The new sites, in the order the solver lists them.
        public var sites: [SelectedSite] {
            switch self {
            case .siteCount(let solution): solution.sites
            case .targetShare(let solution): solution.sites
            case .budget(let solution): solution.sites
            }
        }
    }

    /// The solver's population figures (estimates on the demand units).
    public struct Weights: Sendable {
        public let existingCovered: Double
        public let covered: Double
        public let total: Double
        /// What greedy selection alone reached.
        public let greedyCovered: Double
        /// Upper bound on the optimum; nil for a target share (whose bound is on the site count).
        public let upperBound: Double?
    }

    public let kind: Kind
    public let weights: Weights
    /// What `analyse` reports with these sites added to the existing lieux.
    public let analysed: SitingExactCoverage

    public var sites: [SelectedSite] { kind.sites }

    /// The number of sites asked for, for a site-count question.
    public var requestedSiteCount: Int? {
        if case .siteCount(let solution) = kind { solution.requestedSiteCount } else { nil }
    }

    init(_ kind: Kind, analysed: SitingExactCoverage) {
        self.kind = kind
        self.analysed = analysed
        switch kind {
        case .siteCount(let solution):
            weights = Weights(existingCovered: solution.existingCoveredWeight, covered: solution.coveredWeight,
                              total: solution.totalWeight, greedyCovered: solution.greedyCoveredWeight,
                              upperBound: solution.upperBoundWeight)
        case .targetShare(let solution):
            weights = Weights(existingCovered: solution.existingCoveredWeight, covered: solution.coveredWeight,
                              total: solution.totalWeight,
                              greedyCovered: solution.greedyCurve.last?.coveredWeight ?? solution.existingCoveredWeight,
                              upperBound: nil)
        case .budget(let solution):
            weights = Weights(existingCovered: solution.existingCoveredWeight, covered: solution.coveredWeight,
                              total: solution.totalWeight, greedyCovered: solution.greedyCoveredWeight,
                              upperBound: solution.upperBoundWeight)
        }
    }
}

/// The analysis with the main answer's sites added as lieux.
public struct SitingUpdatedLayers: Sendable {
    /// The main answer's sites as lieux (ids `suggested-1`…, type "suggested"), after the existing ones.
    public let suggestedLieux: [Lieu]
    public let analysis: AnalysisResult
    public let summary: CoverageSummary
}

/// Everything a siting run found.
public struct SitingOutcome: Sendable {
    public let parameters: SitingParameters
    public let candidates: SitingCandidateSet
    public let instance: SitingInstance
    public let problem: MaximalCoveringProblem
    /// In request order; the last is the main one (the largest count, the target or the budget).
    public let answers: [SitingAnswer]
    /// Coverage against the number of added sites, in the greedy order of the main question (empty for a budget).
    public let curve: [CoverageCurvePoint]
    /// The existing lieux alone, measured as `analyse` does.
    public let before: SitingExactCoverage
    public let updated: SitingUpdatedLayers
    /// Commune (index in the commune list) holding each candidate chosen in some answer, when one does.
    let chosenCandidateCommunes: [Int: Int]

    public var main: SitingAnswer { answers[answers.count - 1] }

    /// The commune (index in the commune list) holding a candidate chosen in some answer; nil when it lies
    /// in none of the communes studied, or was not chosen.
    public func commune(ofChosenCandidate candidate: Int) -> Int? { chosenCandidateCommunes[candidate] }

    /// Communes holding population that neither an existing lieu nor any candidate reaches, most people first.
    public func uncoverableCommunes() -> [(commune: Int, population: Double)] {
        var byCommune: [Int: Double] = [:]
        for unit in problem.uncoverableDemandUnits() { byCommune[instance.units[unit.demandIndex].commune, default: 0] += unit.weight }
        return byCommune.map { (commune: $0.key, population: $0.value) }
            .sorted { ($0.population, $1.commune) > ($1.population, $0.commune) }
    }
}

/// Where to open new lieux: builds the covering instance of a territory, solves the question, and
/// re-measures every answer as `analyse` does, on communes projected once.
public enum SitingPipeline {
    public static func run(communes: [CommuneInput], population: PopulationJoin, lieux: [Lieu],
                           candidates source: SitingCandidateSource, parameters: SitingParameters,
                           progress: @Sendable (String) -> Void = { _ in }) throws -> SitingOutcome {
        progress("projecting and checking \(communes.count) communes")
        let territories = try ProjectedTerritory.prepare(communes: communes, lieux: lieux)
        var parameters = parameters
        var populations = population.population
        var populationUnits: PopulationUnits?
        if let settings = parameters.population, parameters.demand != .representativePoint {
            populationUnits = try PopulationUnits.build(settings: settings, communes: communes, legalPopulation: population.population,
                                                        roadNetworkPath: nil, progress: progress)
            if let units = populationUnits {
                parameters.demand = .populationUnits(units.kind)
                if !units.scaled { populations = units.communePopulations }
            }
        }

        let candidateSet: SitingCandidateSet
        switch source {
        case .given(let given):
            candidateSet = given
        case .communes(let filters, let decimals):
            progress("reading candidates")
            let all = try SitingInstance.communeCandidates(territories, communes: communes, populations: populations,
                                                           decimals: decimals)
            let kept = all.filter { candidate in filters.allSatisfy { $0.accepts(candidate.attributes) } }
            guard !kept.isEmpty else {
                throw AnalysisInputError.noLieux(source: "candidates", reason: "all \(all.count) communes filtered out by --candidates-filter")
            }
            candidateSet = SitingCandidateSet(candidates: kept, source: "communes", filteredOut: all.count - kept.count)
        }
        let candidates = candidateSet.candidates
        if case .siteCounts(let counts) = parameters.question, let largest = counts.max(), largest > candidates.count {
            throw AnalysisInputError.badParameter(
                "--sites \(largest) is more than the \(candidates.count) candidates (\(candidateSet.source)): ask for at most \(candidates.count)")
        }

        progress(parameters.demand == .representativePoint ? "demand units: one per commune"
                 : populationUnits != nil ? "demand units: population model" : "demand units: grid pieces")
        let instance = try SitingInstance.build(
            territories: territories, populations: populations, lieux: lieux, candidates: candidates,
            thresholdMetres: parameters.thresholdKm * 1000, demand: parameters.demand, populationUnits: populationUnits,
            progress: progress)
        progress("covering problem (\(instance.coveragePairCount) candidate-unit pairs)")
        let problem = try MaximalCoveringProblem(
            demandWeights: instance.units.map(\.weight), coveredByExisting: instance.coveredByExisting,
            candidateCoverage: instance.candidateCoverage,
            candidateCosts: parameters.usesCandidateCosts ? candidates.map { $0.cost ?? 0 } : nil,
            candidateCapacities: parameters.usesCandidateCapacities ? candidates.map { $0.capacity ?? 0 } : nil)

        let (kinds, curve) = try solve(problem, parameters: parameters, progress: progress)

        // Every answer measured as analyse does; the main (last) one through the full analysis, for the layers.
        progress("measuring the current coverage as analyse does")
        let before = try instance.exactCoverage(addedSites: [], quadrantSegments: parameters.quadrantSegments)
        var answers: [SitingAnswer] = []
        for kind in kinds.dropLast() {
            let sites = kind.sites
            progress("measuring \(sites.count) added sites as analyse does")
            let analysed = try instance.exactCoverage(addedSites: sites.map { candidates[$0.candidateIndex].lonLat },
                                                      quadrantSegments: parameters.quadrantSegments)
            answers.append(SitingAnswer(kind, analysed: analysed))
        }
        let mainSites = kinds[kinds.count - 1].sites
        var chosenCandidateCommunes: [Int: Int] = [:]
        for site in answers.flatMap(\.sites) + mainSites where chosenCandidateCommunes[site.candidateIndex] == nil {
            if let commune = try instance.commune(containing: site.candidateIndex) {
                chosenCandidateCommunes[site.candidateIndex] = commune
            }
        }
        let updated = try updatedLayers(instance: instance, communes: communes, population: population, lieux: lieux,
                                        sites: mainSites, parameters: parameters, progress: progress)
        let main = updated.summary.thresholds[0]
        answers.append(SitingAnswer(kinds[kinds.count - 1], analysed: SitingExactCoverage(
            populationByPoint: main.populationByPoint, populationAreaWeighted: main.populationAreaWeighted,
            totalPopulation: updated.summary.population,
            populationModel: populationUnits == nil ? nil : updated.summary.model?.populationWithin[0])))
        return SitingOutcome(parameters: parameters, candidates: candidateSet, instance: instance, problem: problem,
                             answers: answers, curve: curve, before: before, updated: updated,
                             chosenCandidateCommunes: chosenCandidateCommunes)
    }

    /// The solver's answers in request order, and the coverage curve of the main question.
    static func solve(_ problem: MaximalCoveringProblem, parameters: SitingParameters,
                      progress: (String) -> Void) throws -> (answers: [SitingAnswer.Kind], curve: [CoverageCurvePoint]) {
        let options = parameters.solver
        switch parameters.question {
        case .siteCounts(let counts):
            var answers: [SitingAnswer.Kind] = []
            var curve: [CoverageCurvePoint] = []
            for count in counts {
                progress("choosing \(count) sites")
                let solution = try problem.solveMCLP(p: count, options: options)
                answers.append(.siteCount(solution))
                curve = solution.curve
            }
            return (answers, curve)
        case .targetShare(let share):
            progress("fewest sites for \(share * 100) %")
            let solution = try problem.solveTargetCover(targetShare: share, options: options)
            return ([.targetShare(solution)], solution.greedyCurve)
        case .budget(let amount):
            progress("best sites within a budget of \(amount)")
            return ([.budget(try problem.solveBudgetedMCLP(budget: amount, options: options))], [])
        }
    }

    /// The analysis with `sites` added as lieux, on the instance's projected communes.
    static func updatedLayers(instance: SitingInstance, communes: [CommuneInput], population: PopulationJoin, lieux: [Lieu],
                              sites: [SelectedSite], parameters: SitingParameters,
                              progress: @Sendable (String) -> Void) throws -> SitingUpdatedLayers {
        let suggested = sites.enumerated().map { rank, site in
            let candidate = instance.candidates[site.candidateIndex]
            return Lieu(id: "suggested-\(rank + 1)", name: candidate.name, type: "suggested", lonLat: candidate.lonLat,
                        attributes: JSONObject([(key: "candidate_id", value: .string(candidate.id))]))
        }
        // Added sites join the territory of their zone after the existing lieux, as `ProjectedTerritory.prepare` orders them.
        let territories = instance.territories.enumerated().map { zone, territory in
            let ranks = sites.indices.filter { instance.candidateZone[sites[$0].candidateIndex] == zone }
            return territory.withLieux(indices: territory.lieuIndices + ranks.map { lieux.count + $0 },
                                       points: territory.lieuPoints + ranks.map { instance.candidatePoints[sites[$0].candidateIndex] })
        }
        var analysisParameters = AnalysisParameters(thresholdsKm: [parameters.thresholdKm], mainThreshold: 0,
                                                    quadrantSegments: parameters.quadrantSegments)
        if let settings = parameters.population { analysisParameters.population = settings }
        let analysis = try CoverageMeasurement.measure(territories: territories, communes: communes, population: population,
                                                lieux: lieux + suggested, parameters: analysisParameters) { progress("updated layers: " + $0) }
        return SitingUpdatedLayers(suggestedLieux: suggested, analysis: analysis, summary: CoverageSummary(analysis))
    }
}
