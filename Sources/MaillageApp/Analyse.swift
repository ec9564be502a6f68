import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO

/// `maillage analyse`: the main job.
struct Analyse: ParsableCommand, RoadModeCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyse",
        abstract: "Proximity, catchments, coverage and white zones of a territory.",
        discussion: """
        Without --communes, runs on the synthetic demo territory in geodata/.
        Distances are straight lines in the territory's metric CRS (Lambert-93 for metropolitan France and \
        Corsica, the local UTM CRS overseas). With --network, proximity is the travel time by car on the \
        road network instead. With --population-grid (INSEE "données carroyées"), people are measured from \
        the grid cells they live in; by road without a grid, from 200 m cells weighted by the extract's buildings \
        (or residential roads). Otherwise population in partial areas is estimated by area share (uniform density).

        Example (Nouvelle-Aquitaine, France Services 2020, 5/10/20 km):
          maillage analyse --communes ../shared/geodata/communes \\
            --population ../shared/geodata/population/donnees_communes_pop2019.csv \\
            --lieux ../shared/geodata/lieux/france_services_2020.geojson \\
            --departements 16,17,19,23,24,33,40,47,64,79,86,87 --within 5,10,20 --out output/

        Example (Corsica by road, France Services 2024, 10/20/30 minutes):
          maillage analyse --communes ../shared/geodata/communes --departements 2A,2B \\
            --population ../shared/geodata/population/donnees_communes_pop2019.csv \\
            --lieux ../shared/geodata/lieux/france_services_2024.csv \\
            --network ../shared/geodata/roads/corse_roads.osm.pbf --within 10min,20min,30min --out output/
        """)

    static let demoCommunes = "geodata/communes.geojson"
    static let demoPopulation = "geodata/population.csv"
    static let demoLieux = "geodata/lieux.csv"
    /// The end of the --network help.
    static let networkUse = "measure travel time by car instead of straight-line distance."

    @OptionGroup var inputs: TerritoryInputOptions

    @Option(help: ArgumentHelp("Thresholds, comma separated: distances in km (5,10,20) or, with --network, travel times (10min,20min,30min).", valueName: "list"),
            transform: ThresholdList.init(parsing:))
    var within: ThresholdList?

    @Option(help: ArgumentHelp("Threshold used for catchments, shares and white zones (default: 10 km or 20 min when listed, else the first).", valueName: "value"))
    var mainWithin: Double?

    @OptionGroup var road: RoadOptions<Analyse>

    @Option(help: "Isochrones: grid cells whose centre lies within this distance (m) of a road reached in time (road mode).")
    var isochroneBufferM: Double = 500

    @Option(help: "Isochrones: size (m) of the grid cells (road mode).")
    var isochroneCellM: Double = 200

    @Option(help: "Segments per quarter circle of catchment discs.")
    var quadrantSegments = 16

    @Option(help: "Decimals of output coordinates (6 ≈ 0.1 m).")
    var decimals = 6

    @Option(help: "White-zone pieces smaller than this (m²) are left out of the white-zone layers and counted in summary.json.")
    var minWhiteZoneM2 = PopulationSettings.defaultMinWhiteZoneSquareMetres

    @Option(help: ArgumentHelp("Commune → EPCI table (CSV: code, epci_siren, epci_nom): population within the main threshold and white zones by EPCI (and by région) in groups_epci.csv.", valueName: "csv"))
    var epci: String?

    @Option(help: ArgumentHelp("Commune → INSEE density class table (CSV: code, dens7, libdens7): the same by density class (and by région) in groups_densite.csv.", valueName: "csv"))
    var density: String?

    @OptionGroup var output: OutputOptions

    /// The thresholds given, or the mode's defaults: 10 km, or 10, 20 and 30 minutes with --network.
    var thresholds: ThresholdList { within ?? (road.network == nil ? .defaultDistances : .defaultTravelTimes) }

    func validate() throws {
        guard (1...9).contains(decimals) else { throw ValidationError("--decimals must be between 1 and 9 (0 collapses every polygon; 6 ≈ 0.1 m)") }
        if thresholds.unit == .minutes && road.network == nil {
            throw ValidationError("travel-time thresholds (min) need a road network: add --network FILE.osm.pbf")
        }
        if thresholds.unit == .kilometres && road.network != nil {
            throw ValidationError("with --network, give thresholds in minutes (e.g. --within 10min,20min,30min)")
        }
        if let mainWithin, !thresholds.values.contains(mainWithin) {
            throw ValidationError("--main-within \(mainWithin) is not one of --within \(within?.text ?? "")")
        }
        try road.checkBounds()
        guard isochroneBufferM > 0, isochroneBufferM <= 5_000 else {
            throw ValidationError("--isochrone-buffer-m must be greater than 0 and at most 5000 (a wider band around the roads makes isochrones meaningless)")
        }
        guard isochroneCellM >= 10, isochroneCellM <= 10_000 else { throw ValidationError("--isochrone-cell-m must be between 10 and 10000") }
        if let mainWithin, !mainWithin.isFinite { throw ValidationError("--main-within must be a finite number") }
        guard minWhiteZoneM2.isFinite, minWhiteZoneM2 >= 0 else { throw ValidationError("--min-white-zone-m2 must be 0 or more") }
        guard (1...64).contains(quadrantSegments) else { throw ValidationError("--quadrant-segments must be between 1 and 64") }
    }

    var parameters: AnalysisParameters {
        let values = thresholds.values
        let mainIndex = mainWithin.flatMap { values.firstIndex(of: $0) }
        var parameters = modeParameters(values, mainIndex: mainIndex)
        parameters.population = inputs.populationSettings(minWhiteZoneSquareMetres: minWhiteZoneM2)
        return parameters
    }

    private func modeParameters(_ values: [Double], mainIndex: Int?) -> AnalysisParameters {
        if var settings = road.settings {
            settings.isochroneBufferMetres = isochroneBufferM
            settings.isochroneCellMetres = isochroneCellM
            return AnalysisParameters(thresholdsMinutes: values, mainThreshold: mainIndex, road: settings)
        }
        return AnalysisParameters(thresholdsKm: values, mainThreshold: mainIndex, quadrantSegments: quadrantSegments)
    }

    func run() throws {
        let progress = output.makeProgress()
        let parameters = parameters
        let loaded = try inputs.load(progress: progress)
        let territory = loaded.layer, join = loaded.join, lieuSet = loaded.lieuSet
        let result = try CoverageMeasurement.measure(communes: territory.communes, population: join, lieux: lieuSet.lieux,
                                              parameters: parameters) { progress.step($0) }
        var groups: [CoverageGroupTable] = []
        if epci != nil || density != nil {
            progress.step("group tables")
            let changes = try inputs.communeChanges.map { try CommuneChanges.read(contentsOf: URL(fileURLWithPath: $0)) }
            groups = CoverageGroupTable.standardLevels(result, epci: try epci.map { try CommuneGroupTable.epci(path: $0) },
                                                       density: try density.map { try CommuneGroupTable.density(path: $0) }, changes: changes)
        }
        progress.step("writing outputs")
        let summary = CoverageSummary(result)
        var inputDescription = loaded.inputsJSON(inputs)
        inputDescription.append(("network", road.network.map { .string($0) } ?? .null))
        inputDescription += inputs.populationModelInputsJSON
        if !groups.isEmpty {
            inputDescription += [("epci", epci.map { .string($0) } ?? .null), ("density", density.map { .string($0) } ?? .null)]
        }
        var notes = ["Population in partial areas is an area-weighted estimate (uniform density inside each commune)."]
        let model = result.populationModel
        if let units = model.units {
            notes = ["Population placed by the \(model.kind.rawValue) model (\(units.estimate)): the figures within thresholds, "
                     + "white zones, percentiles, catchments and service areas count the people of each cell measured from its centre; "
                     + "the area-weighted (uniform density) figures are kept beside them for comparison."]
            if !model.facts.fallbackCommunes.isEmpty {
                notes.append("\(model.facts.fallbackCommunes.count) communes with people but no populated cell are spread at uniform density "
                             + "(population_model.communes_at_uniform_density).")
            }
        }
        if !model.communePointsMissing.isEmpty {
            notes.append("\(model.communePointsMissing.count) communes are missing from the commune-points file and keep the default point "
                         + "(population_model.commune_points_missing).")
        }
        if !lieuSet.duplicateGroups.isEmpty {
            notes.append("\(lieuSet.duplicateGroups.count) coordinates are shared by several lieux; each such group has one service area, given to its first lieu.")
        }
        let outputs = AnalysisOutputs(result: result, summary: summary,
                                      run: RunDescription(parameters: parameters, inputs: JSONObject(inputDescription), notes: notes,
                                                          population: model),
                                      join: join, lieuSet: lieuSet, communesWithoutGeometry: territory.withoutGeometry, decimals: decimals,
                                      groups: groups)
        let folder = output.folder
        try OutputFolder.write(try outputs.files(), to: folder)
        output.finish(progress)
        print(TerminalReport(result: result, summary: summary, join: join, lieuSet: lieuSet,
                             communesWithoutGeometry: territory.withoutGeometry.count, folder: folder.path, groups: groups).render())
    }
}
