import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO
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

    @Option(help: ArgumentHelp("Distance threshold in km: a site covers what lies within it. (default: 10)", valueName: "km"),
            transform: ThresholdList.init(parsing:))
    var within = ThresholdList.defaultDistances

    @Option(help: ArgumentHelp("Numbers of new sites to choose, comma separated (e.g. 5,10,20,50); default 10 when neither --target-share nor --budget is given.", valueName: "n"),
            transform: SiteCounts.init(parsing:))
    var sites: SiteCounts?

    @Option(help: ArgumentHelp("Fewest new sites bringing this share of the population within reach (existing lieux counted), e.g. 0.95.", valueName: "share"))
    var targetShare: Double?

    @Option(help: ArgumentHelp("Best new sites whose total cost (--candidate-cost) is at most this budget.", valueName: "amount"))
    var budget: Double?

    @Option(help: ArgumentHelp("Demand: 'area' (area-weighted partial coverage, communes cut by a grid) or 'point' (whole communes, by representative point). (default: area)", valueName: "area|point"),
            transform: DemandMode.init(parsing:))
    var demand = DemandMode.area

    @Option(help: ArgumentHelp("Grid cell size in km for --demand area: finer is closer to analyse's exact overlays, slower (0.5 km: within 0.07 % of analyse on Nouvelle-Aquitaine; 1 km: within 0.1 %).", valueName: "km"))
    var gridKm = 0.5

    @OptionGroup var candidates: CandidateOptions

    @Flag(help: "Greedy + swaps only, without the Lagrangian relaxation: faster, looser upper bounds.")
    var fast = false

    @Option(help: ArgumentHelp("Most subgradient iterations of the Lagrangian relaxation (more: tighter bounds, slower).", valueName: "n"))
    var lagrangianIterations = SolverOptions().lagrangianIterations

    @Option(help: "Segments per quarter circle of the discs used to re-measure coverage as analyse does.")
    var quadrantSegments = 16

    @Option(help: "Decimals of output coordinates (6 ≈ 0.1 m); suggested sites are rounded to them before being measured.")
    var decimals = 6

    @OptionGroup var output: OutputOptions

    func validate() throws {
        let given = [sites != nil, targetShare != nil, budget != nil].filter { $0 }.count
        guard given <= 1 else { throw ValidationError("give only one of --sites, --target-share and --budget") }
        if let targetShare, !(targetShare > 0 && targetShare <= 1) {
            throw ValidationError("--target-share must be greater than 0 and at most 1 (e.g. 0.95 for 95 %)")
        }
        if let budget {
            guard budget.isFinite, budget >= 0 else { throw ValidationError("--budget must be a non-negative amount") }
            guard candidates.candidateCost != nil else { throw ValidationError("--budget needs --candidate-cost COLUMN (the cost of each candidate)") }
        }
        if candidates.candidates == nil, let column = candidates.candidateCost ?? candidates.candidateCapacity {
            throw ValidationError("--candidate-cost/--candidate-capacity \(column): commune candidates have no such column; give --candidates FILE holding it")
        }
        guard within.unit == .kilometres, within.values.count == 1 else {
            throw ValidationError("--within: '\(within.text)' is not a positive distance in km (one value, e.g. 10)")
        }
        if demand == .area, !(gridKm.isFinite && gridKm >= 0.05 && gridKm <= 50) {
            throw ValidationError("--grid-km must be between 0.05 and 50")
        }
        guard (1...64).contains(quadrantSegments) else { throw ValidationError("--quadrant-segments must be between 1 and 64") }
        guard (1...9).contains(decimals) else { throw ValidationError("--decimals must be between 1 and 9 (0 collapses every polygon; 6 ≈ 0.1 m)") }
        guard (0...100_000).contains(lagrangianIterations) else { throw ValidationError("--lagrangian-iterations must be between 0 and 100000") }
    }

    var question: SitingQuestion {
        if let targetShare { return .targetShare(targetShare) }
        if let budget { return .budget(budget) }
        return .siteCounts((sites ?? .default).counts)
    }

    var parameters: SitingParameters {
        SitingParameters(thresholdKm: within.values[0], question: question,
                         demand: demand == .point ? .representativePoint : .areaGrid(cellMetres: gridKm * 1000),
                         solver: fast ? .greedyAndSwapsOnly : SolverOptions(lagrangianIterations: lagrangianIterations),
                         usesCandidateCosts: candidates.candidateCost != nil,
                         usesCandidateCapacities: candidates.candidateCapacity != nil, quadrantSegments: quadrantSegments)
            .withPopulation(inputs.populationSettings())
    }

    func run() throws {
        let filters = try candidates.filters()
        let progress = output.makeProgress()
        let loaded = try inputs.load(progress: progress)
        let source = try candidates.source(filters: filters, decimals: decimals, progress: progress)
        let outcome = try SitingPipeline.run(communes: loaded.layer.communes, population: loaded.join, lieux: loaded.lieuSet.lieux,
                                             candidates: source, parameters: parameters) { progress.step($0) }
        progress.step("writing outputs")
        let outputs = SuggestOutputs(outcome: outcome, loaded: loaded,
                                     inputsJSON: loaded.inputsJSON(inputs) + candidates.inputsJSON(filters: filters) + inputs.populationModelInputsJSON,
                                     fast: fast, decimals: decimals)
        let folder = output.folder
        try OutputFolder.write(try outputs.files(), to: folder)
        output.finish(progress)
        print(SuggestTerminalReport(outputs: outputs, folder: folder.path).render())
    }
}
