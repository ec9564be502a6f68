import Accessibility
import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO

/// `maillage access`: accessibility with competition (2SFCA, E2SFCA, gravity), by commune and by group.
struct AccessCommand: ParsableCommand, RoadModeCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract: "Accessibility with competition (2SFCA family): lieux per 100,000 inhabitants within reach, by commune and group.",
        discussion: """
        Every commune read competes for the lieux it can reach, and every lieu within reach counts; \
        --departements only chooses the communes reported. Read all communes (e.g. the whole folder) so \
        that border communes share their lieux with their neighbours across the border.

        Example (Nouvelle-Aquitaine among all communes, France Services 2020, E2SFCA within 20 km):
          maillage access --communes ../shared/geodata/communes \\
            --population ../shared/geodata/population/donnees_communes_pop2019.csv \\
            --lieux ../shared/geodata/lieux/france_services_2020.geojson \\
            --commune-points ../shared/geodata/points/chef_lieu_2020.csv \\
            --epci ../shared/geodata/admin/commune_epci_2024.csv --density ../shared/geodata/admin/commune_densite_2022.csv \\
            --departements 16,17,19,23,24,33,40,47,64,79,86,87 --out output/

        Example (Corsica by road, 20 minutes):
          maillage access --communes ../shared/geodata/communes/2A-corse-du-sud.geojson ../shared/geodata/communes/2B-haute-corse.geojson \\
            --population ../shared/geodata/population/donnees_communes_pop2019.csv \\
            --lieux ../shared/geodata/lieux/france_services_2024.csv \\
            --network ../shared/geodata/roads/corse_roads.osm.pbf --within 20min --out output/
        """)

    /// The end of the --network help.
    static let networkUse = "catchments in travel time by car."

    @OptionGroup var inputs: TerritoryInputOptions

    @Option(help: "Method: e2sfca (decay by steps), 2sfca (flat catchment) or gravity. (default: e2sfca)",
            transform: AccessMethod.init(parsing:))
    var method = AccessMethod.e2sfca

    @Option(help: ArgumentHelp("Catchment: a distance in km (20) or, with --network, a time (20min). (default: 20 km or 20 min, or the last step bound)", valueName: "value"),
            transform: CatchmentValue.init(parsing:))
    var within: CatchmentValue?

    @Option(help: ArgumentHelp("E2SFCA steps BOUND:WEIGHT in the catchment's unit, bounds inclusive (default: exactly 1, 2/3, 1/3 on (0, W/2], (W/2, 3W/4], (3W/4, W], i.e. 10:1,15:0.6667,20:0.3333 for 20).", valueName: "list"),
            transform: StepList.init(parsing:))
    var steps: StepList?

    @Option(help: "Gravity: decay exponent β in (max(d, d0)/d0)^-β. (default: 2)")
    var beta: Double?

    @Option(help: "Gravity: distance d0 (km, or min) below which the weight is 1. (default: 1)")
    var minDistance: Double?

    @Option(help: ArgumentHelp("Lieu column/property holding each lieu's capacity (hours, agents, desks…); default: each lieu counts 1.", valueName: "name"))
    var capacityColumn: String?

    @Option(help: "Index unit: supply per this many inhabitants.")
    var per: Double = 100_000

    @Option(help: ArgumentHelp("Commune → EPCI table (CSV: code, epci_siren, epci_nom) for the table by EPCI.", valueName: "csv"))
    var epci: String?

    @Option(help: ArgumentHelp("Commune → INSEE density class table (CSV: code, dens7, libdens7) for the table by density class.", valueName: "csv"))
    var density: String?

    @OptionGroup var road: RoadOptions<AccessCommand>

    @Option(help: "Decimals of output coordinates (6 ≈ 0.1 m).")
    var decimals = 6

    @OptionGroup var output: OutputOptions

    var unit: ThresholdList.Unit { road.network == nil ? .kilometres : .minutes }

    func validate() throws {
        guard (1...9).contains(decimals) else { throw ValidationError("--decimals must be between 1 and 9 (0 collapses every polygon; 6 ≈ 0.1 m)") }
        if let within, within.unit != unit {
            throw ValidationError(road.network == nil ? "travel-time catchments (min) need a road network: add --network FILE.osm.pbf"
                                                 : "with --network, give the catchment in minutes (e.g. --within 20min)")
        }
        if steps != nil && method != .e2sfca { throw ValidationError("--steps applies to --method e2sfca only") }
        if (beta != nil || minDistance != nil) && method != .gravity { throw ValidationError("--beta and --min-distance apply to --method gravity only") }
        if let steps, let within, steps.steps.last!.upperBound != within.value {
            throw ValidationError("--within \(within.value) differs from the last step bound \(steps.steps.last!.upperBound): the catchment is the last step")
        }
        guard per.isFinite, per > 0 else { throw ValidationError("--per must be a positive number (e.g. 100000)") }
        try road.checkBounds()
        guard per <= 1e9 else { throw ValidationError("--per must be at most 1000000000") }
        if let beta, !(beta.isFinite && beta >= 0) { throw ValidationError("--beta must be a finite number ≥ 0") }
        if let minDistance, !(minDistance.isFinite && minDistance > 0) { throw ValidationError("--min-distance must be a positive number") }
    }

    /// The catchment method with its parameters resolved.
    var catchmentMethod: CatchmentMethod {
        let catchment = within?.value ?? steps?.steps.last?.upperBound ?? 20
        switch method {
        case .e2sfca:
            if let steps { return .enhanced(steps: steps.steps) }
            if catchment == 20 { return .enhanced(steps: CatchmentMethod.defaultSteps) }
            return .enhanced(steps: CatchmentMethod.defaultSteps.map {
                WeightStep(upperBound: $0.upperBound / 20 * catchment, weight: $0.weight)
            })
        case .twoStep: return .twoStep(catchment: catchment)
        case .gravity: return .gravity(beta: beta ?? 2, minimumCost: minDistance ?? 1, catchment: catchment)
        }
    }

    var parameters: AccessParameters {
        let cost: AccessCost = road.settings.map { .road($0) } ?? .straightLine
        return AccessParameters(method: catchmentMethod, cost: cost, scale: per, capacityColumn: capacityColumn)
    }

    func run() throws {
        let progress = output.makeProgress()
        let parameters = parameters
        // Every commune read competes: read them all, then choose the reported ones.
        var allInputs = inputs
        allInputs.departements = nil
        let loaded = try allInputs.load(progress: progress)
        let communes = loaded.layer.communes
        let selected = inputs.departements?.codes ?? []
        let reportedDepartements = Set(try loaded.layer.selecting(departements: selected).communes.map(\.departement))
        let reported = communes.indices.filter { reportedDepartements.contains(communes[$0].departement) }

        // Demand: the run's population model (grid cells, or OSM-weighted cells by road) when one is active, else communes.
        let units = try PopulationUnits.build(settings: inputs.populationSettings(), communes: communes,
                                              legalPopulation: loaded.join.population, roadNetworkPath: road.network) { progress.step($0) }
        let populations = units.map { $0.scaled ? loaded.join.population : $0.communePopulations } ?? loaded.join.population
        progress.step("demand points")
        let givenPoints = try inputs.communePoints.map { try CommunePoints.read(path: $0).pointByCode } ?? [:]
        let demand = try units.map { try AccessDemand.units($0, communes: communes, populations: populations, givenPoints: givenPoints) }
            ?? AccessDemand.communes(communes, populations: populations, givenPoints: givenPoints)
        let supply = try AccessSupply.merging(loaded.lieuSet.lieux, capacityColumn: capacityColumn, source: loaded.lieuSet.source)
        guard !supply.capacities.isEmpty else {
            throw AnalysisInputError.noLieux(source: loaded.lieuSet.source, reason: "every lieu has capacity 0 in \(capacityColumn ?? "-")")
        }
        let result = try AccessComputation.run(demand: demand, communeCount: communes.count, supply: supply, parameters: parameters,
                                               reported: reported) { progress.step($0) }

        progress.step("group tables")
        let epciTable = try epci.map { try CommuneGroupTable.epci(path: $0) }
        let densityTable = try density.map { try CommuneGroupTable.density(path: $0) }
        let changes = try inputs.communeChanges.map { try CommuneChanges.read(contentsOf: URL(fileURLWithPath: $0)) }
        let groups = try GroupTable.standardLevels(
            codes: reported.map { communes[$0].code }, values: reported.map { result.communeIndex[$0] },
            populations: reported.map { populations[$0] }, epci: epciTable, density: densityTable, changes: changes)

        progress.step("writing outputs")
        var inputDescription = loaded.inputsJSON(allInputs)
        inputDescription.removeAll { $0.key == "departements" }
        inputDescription += [("reported_departements", .array(selected.map { .string($0) })),
                             ("commune_points", inputs.communePoints.map { .string($0) } ?? .null),
                             ("epci", epci.map { .string($0) } ?? .null), ("density", density.map { .string($0) } ?? .null),
                             ("network", road.network.map { .string($0) } ?? .null)]
        inputDescription += inputs.populationModelInputsJSON.filter { $0.key != "commune_points" }
        let outputs = AccessOutputs(result: result, loaded: loaded, groups: groups, units: units,
                                    inputs: JSONObject(inputDescription), communePointsGiven: inputs.communePoints != nil,
                                    reportedDepartements: selected, decimals: decimals)
        try OutputFolder.write(try outputs.files(), to: output.folder)
        output.finish(progress)
        print(AccessReport(outputs: outputs, folder: output.folder.path).render())
    }
}
