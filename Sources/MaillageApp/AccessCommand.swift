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

    @OptionGroup var catchment: CatchmentOptions

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
        if let within = catchment.within, within.unit != unit {
            throw ValidationError(road.network == nil ? "travel-time catchments (min) need a road network: add --network FILE.osm.pbf"
                                                      : "with --network, give the catchment in minutes (e.g. --within 20min)")
        }
        try catchment.checkMethodParameters()
        guard per.isFinite, per > 0 else { throw ValidationError("--per must be a positive number (e.g. 100000)") }
        try road.checkBounds()
        guard per <= 1e9 else { throw ValidationError("--per must be at most 1000000000") }
        try catchment.checkGravityBounds()
    }

    var parameters: AccessParameters {
        let cost: AccessCost = road.settings.map { .road($0) } ?? .straightLine
        return AccessParameters(method: catchment.resolvedMethod, cost: cost, scale: per, capacityColumn: capacityColumn)
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
