import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO

/// The territory inputs shared with `analyse` (same option names and defaults): communes,
/// population, lieux, filters and départements.
struct TerritoryInputOptions: ParsableArguments {
    @Option(name: .customLong("communes"), parsing: .upToNextOption,
            help: ArgumentHelp("Commune polygons: GeoJSON file(s) or folder(s) of .geojson files, WGS84 lon/lat.", valueName: "path"))
    var communes: [String] = []

    @Option(help: "Property holding the INSEE code of a commune.")
    var codeProperty = "code"

    @Option(help: "Property holding the name of a commune.")
    var nameProperty = "nom"

    @Option(help: ArgumentHelp("Population table (CSV, ';' or ',' separated, UTF-8 or Latin-1) joined on the INSEE code; Paris/Lyon/Marseille arrondissements are added up.", valueName: "csv"))
    var population: String?

    @Option(help: ArgumentHelp("Read the population from this commune property instead of a table.", valueName: "property"))
    var populationProperty: String?

    @Option(help: "Code column of the population table.")
    var populationCodeColumn = "COM"

    @Option(help: "Population column of the population table (population municipale).")
    var populationColumn = "PMUN"

    @Option(help: "Encoding of the population table: auto, utf8 or latin1. (default: auto)", transform: PopulationEncoding.init(parsing:))
    var populationEncoding = PopulationEncoding.auto

    @Flag(help: "Fail when commune codes and population rows do not all match.")
    var strictCodes = false

    @Option(help: ArgumentHelp("Existing lieux: GeoJSON points or CSV with longitude/latitude columns.", valueName: "file"))
    var lieux: String?

    @Option(help: "Longitude column of a lieux CSV (default: longitude, lon, lng, long or x).")
    var lieuLon: String?
    @Option(help: "Latitude column of a lieux CSV (default: latitude, lat or y).")
    var lieuLat: String?
    @Option(help: "Id column/property of the lieux (default: id, id_fs, MATRICULE…).")
    var lieuId: String?
    @Option(help: "Name column/property of the lieux (default: nom, name, lib_fs, lib_france_services…).")
    var lieuName: String?
    @Option(help: "Type column/property of the lieux (default: type, type_fs, FORMAT_FS…).")
    var lieuType: String?

    @Option(name: .customLong("lieux-filter"),
            help: ArgumentHelp("Keep only lieux matching PROPERTY=VALUE or PROPERTY!=VALUE (values separated by |); repeatable, e.g. format_fs=Fixe.", valueName: "filter"))
    var lieuxFilter: [String] = []

    @Option(help: ArgumentHelp("Départements to study, comma separated (e.g. 16,17,24,33); default: all communes read.", valueName: "codes"))
    var departements: DepartementList?

    func validate() throws {
        if !communes.isEmpty && lieux == nil {
            throw ValidationError("--lieux is required with --communes (a GeoJSON of points or a CSV with longitude/latitude)")
        }
        if !communes.isEmpty && population == nil && populationProperty == nil && populationGrid == nil {
            throw ValidationError("give --population TABLE.csv, --population-property NAME or --population-grid FILE")
        }
    }

    // MARK: Population model

    @Option(help: ArgumentHelp("Gridded population: INSEE 'données carroyées' CSV (cell id column idcar_200m, idcar_1km or IdINSPIRE), or a GeoJSON of polygons or points. People are measured from where they live; with --population, each commune's cells are scaled to its population.", valueName: "file"))
    var populationGrid: String?

    @Option(help: ArgumentHelp("Cell id column of the --population-grid CSV (default: idcar_200m, idcar_1km or idinspire, any case).", valueName: "column"))
    var gridIdColumn: String?

    @Option(help: ArgumentHelp("People column (CSV) or property (GeoJSON) of the --population-grid.", valueName: "column"))
    var gridPopulationColumn = "ind"

    @Option(help: ArgumentHelp("Population model: auto (the grid when given, else with --network the buildings or residential roads of the OSM extract, else uniform), grid, buildings, roads or uniform. (default: auto)", valueName: "model"),
            transform: { text in
                guard let choice = PopulationModelChoice(rawValue: text.lowercased()) else {
                    throw ValidationError("--population-model: '\(text)' is not one of auto, grid, buildings, roads, uniform")
                }
                return choice
            })
    var populationModel = PopulationModelChoice.auto

    @Option(help: ArgumentHelp("Representative points: CSV of commune code, longitude, latitude (e.g. chefs-lieux); communes missing from it keep the default point (with a grid, the centre of the most populated cell; else the point-on-surface).", valueName: "csv"))
    var communePoints: String?
}

/// Inputs read and joined, ready for the solver.
struct LoadedTerritory {
    let communePaths: [String]
    let populationPath: String?
    let lieuxPath: String
    let selectedDepartements: [String]
    let layer: CommuneLayer
    let join: PopulationJoin
    let lieuOptions: LieuReadOptions
    let lieuSet: LieuSet

    /// The input description written into every output (same keys as `analyse`).
    func inputsJSON(_ options: TerritoryInputOptions) -> [(key: String, value: JSONValue)] {
        [("communes", .array(communePaths.map { .string($0) })), ("code_property", .string(options.codeProperty)),
         ("name_property", .string(options.nameProperty)),
         ("population", populationPath.map { .string($0) } ?? .null),
         ("population_property", options.populationProperty.map { .string($0) } ?? .null),
         ("population_columns", .string("\(options.populationCodeColumn);\(options.populationColumn)")),
         ("lieux", .string(lieuxPath)), ("lieux_filters", .array(lieuOptions.filters.map { .string($0.description) })),
         ("departements", .array(selectedDepartements.map { .string($0) })),
         ("lieux_columns", .string([lieuSet.columns.id, lieuSet.columns.name, lieuSet.columns.type,
                                    lieuSet.columns.longitude, lieuSet.columns.latitude].map { $0 ?? "-" }.joined(separator: ",")))]
    }
}

extension TerritoryInputOptions {
    /// Reads communes, population and lieux exactly as `analyse` does (demo territory without --communes).
    func load(progress: Progress) throws -> LoadedTerritory {
        let demo = communes.isEmpty
        let communePaths = demo ? [Analyse.demoCommunes] : communes
        let populationPath = population ?? (demo && populationProperty == nil ? Analyse.demoPopulation : nil)
        let lieuxPath = lieux ?? Analyse.demoLieux   // validate() asks for --lieux with --communes

        progress.step("reading communes")
        let files = try CommuneLayer.files(in: communePaths)
        let all = try CommuneLayer.read(files, options: CommuneReadOptions(
            codeProperty: codeProperty, nameProperty: nameProperty, populationProperty: populationProperty))
        let selected = departements?.codes ?? []
        let layer = try all.selecting(departements: selected)
        guard !layer.communes.isEmpty else {
            throw AnalysisInputError.noCommunes(selection: selected.isEmpty ? communePaths.joined(separator: ", ")
                                                : "départements \(selected.joined(separator: ","))")
        }

        progress.step("reading population")
        let join: PopulationJoin
        if let populationPath {
            let table = try PopulationTable.read(contentsOf: URL(fileURLWithPath: populationPath), codeColumn: populationCodeColumn,
                                                 populationColumn: populationColumn, encoding: populationEncoding.encoding)
            join = PopulationJoin.join(layer.communes, table: table)
        } else {
            join = PopulationJoin.fromProperty(layer.communes)
        }
        if strictCodes, !join.unmatchedCommunes.isEmpty || !join.unmatchedRows.isEmpty {
            throw AnalysisInputError.strictCodes(unmatchedCommunes: join.unmatchedCommunes.count, unmatchedRows: join.unmatchedRows.count)
        }

        progress.step("reading lieux")
        var lieuOptions = LieuReadOptions()
        lieuOptions.longitudeColumn = lieuLon; lieuOptions.latitudeColumn = lieuLat
        lieuOptions.idColumn = lieuId; lieuOptions.nameColumn = lieuName; lieuOptions.typeColumn = lieuType
        lieuOptions.filters = try lieuxFilter.map(LieuFilter.init(parsing:))
        let lieuSet = try LieuSet.read(contentsOf: URL(fileURLWithPath: lieuxPath), options: lieuOptions)
        return LoadedTerritory(communePaths: communePaths, populationPath: populationPath, lieuxPath: lieuxPath,
                               selectedDepartements: selected, layer: layer, join: join, lieuOptions: lieuOptions, lieuSet: lieuSet)
    }
}
