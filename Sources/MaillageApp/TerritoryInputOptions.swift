import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO

/// The territory inputs shared with `analyse` (same option names and defaults): communes,
/// population, lieux, filters and départements.
struct TerritoryInputOptions: ParsableArguments {
    @Option(name: .customLong("communes"), parsing: .upToNextOption,
            help: ArgumentHelp("Commune polygons: Shapefile, GeoPackage, GeoJSON or FlatGeobuf file(s) in any declared CRS, or folder(s) of them (e.g. IGN ADMIN EXPRESS COMMUNE.shp).", valueName: "path"))
    var communes: [String] = []

    @Option(help: ArgumentHelp("Layer of a multi-layer commune file (default: the only polygon layer, or the one named like 'commune').", valueName: "name"))
    var communesLayer: String?

    @Option(help: "Property holding the INSEE code of a commune (default: code, INSEE_COM, CODGEO…).")
    var codeProperty: String?

    @Option(help: "Property holding the name of a commune (default: nom, NOM, LIBGEO, nom_com…).")
    var nameProperty: String?

    @Option(help: ArgumentHelp("Population table joined on the INSEE code: CSV (';', ',' or tab; UTF-8 or Latin-1/CP1252; title lines, '1 394' and '12,5' understood), XLSX or ODS; Paris/Lyon/Marseille arrondissements are added up.", valueName: "file"))
    var population: String?

    @Option(help: ArgumentHelp("Rows above the header of the population table (default: the first row naming the code and population columns).", valueName: "n"))
    var populationSkipRows: Int?

    @Option(help: ArgumentHelp("Sheet of an XLSX/ODS population table (default: the first).", valueName: "name"))
    var populationSheet: String?

    @Option(help: ArgumentHelp("INSEE history of commune changes (mouvements_communes.csv): moves the communes to the codes of the population table, dissolving merged communes.", valueName: "csv"))
    var communeChanges: String?

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

    @Option(help: ArgumentHelp("Existing lieux: CSV/XLSX with longitude/latitude, projected (LAMBERT_X/LAMBERT_Y with --lieux-crs) or geo_point_2d columns, or an INSEE code; or points as GeoJSON, GeoPackage, Shapefile.", valueName: "file"))
    var lieux: String?

    @Option(help: "Longitude (or x) column of a lieux table (default: longitude, lon, lng, long; LAMBERT_X, x_l93, X with --lieux-crs).")
    var lieuLon: String?
    @Option(help: "Latitude (or y) column of a lieux table (default: latitude, lat; LAMBERT_Y, y_l93, Y with --lieux-crs).")
    var lieuLat: String?
    @Option(help: ArgumentHelp("CRS of projected lieu coordinates, e.g. EPSG:2154 (Lambert-93, BPE files).", valueName: "EPSG:n"))
    var lieuxCrs: String?
    @Option(help: "INSEE code column placing lieux without coordinates at their commune (default: insee_com, code_insee, codgeo, code_commune).")
    var lieuCodeColumn: String?
    @Option(help: ArgumentHelp("Layer of a multi-layer lieux file (GeoPackage).", valueName: "name"))
    var lieuxLayer: String?
    @Option(help: ArgumentHelp("Fail only when more than this share of the lieux rows has no usable position (others are skipped and listed).", valueName: "share"))
    var maxBadLieuxShare: Double = 0.1
    @Option(help: "Id column/property of the lieux (default: id, id_fs, MATRICULE…).")
    var lieuId: String?
    @Option(help: "Name column/property of the lieux (default: nom, name, lib_fs, lib_france_services…).")
    var lieuName: String?
    @Option(help: "Type column/property of the lieux (default: type, type_fs, FORMAT_FS…).")
    var lieuType: String?

    @Option(name: .customLong("lieux-filter"),
            help: ArgumentHelp("Keep only lieux matching PROPERTY=VALUE or PROPERTY!=VALUE (values separated by |, compared ignoring case; an empty VALUE matches empty cells); repeatable, e.g. format_fs=Fixe.", valueName: "filter"))
    var lieuxFilter: [String] = []

    @Option(help: ArgumentHelp("Départements to study, comma separated (e.g. 16,17,24,33); default: all communes read.", valueName: "codes"))
    var departements: DepartementList?

    @Option(help: ArgumentHelp("Région to study, by name, slug or INSEE code (e.g. nouvelle-aquitaine or 75; COG 2024); combines with --departements.", valueName: "name|code"))
    var region: String?

    func validate() throws {
        if !communes.isEmpty && lieux == nil {
            throw ValidationError("--lieux is required with --communes (a GeoJSON of points or a CSV with longitude/latitude)")
        }
        if let region { _ = try Region.find(region) }
        if let lieuxCrs, !lieuxCrs.uppercased().hasPrefix("EPSG:") {
            throw ValidationError("--lieux-crs takes an EPSG code, e.g. EPSG:2154 (Lambert-93)")
        }
        if !(0...1).contains(maxBadLieuxShare) { throw ValidationError("--max-bad-lieux-share must be between 0 and 1") }
        if let populationSkipRows, populationSkipRows < 0 { throw ValidationError("--population-skip-rows must be 0 or more") }
        if communeChanges != nil && population == nil {
            throw ValidationError("--commune-changes moves the communes to the codes of --population: give the table too")
        }
        if population != nil && populationProperty != nil {
            throw ValidationError("give either --population TABLE.csv or --population-property NAME, not both")
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
    /// What --commune-changes did, when given.
    let vintageReport: CommuneVintageReport?

    /// The input description written into every output (same keys as `analyse`).
    func inputsJSON(_ options: TerritoryInputOptions) -> [(key: String, value: JSONValue)] {
        [("communes", .array(communePaths.map { .string($0) })), ("code_property", .string(layer.fields.code)),
         ("name_property", layer.fields.name.map { .string($0) } ?? .null),
         ("population", populationPath.map { .string($0) } ?? .null),
         ("population_property", options.populationProperty.map { .string($0) } ?? .null),
         ("population_columns", .string("\(options.populationCodeColumn);\(options.populationColumn)")),
         ("lieux", .string(lieuxPath)), ("lieux_filters", .array(lieuOptions.filters.map { .string($0.description) })),
         ("departements", .array(selectedDepartements.map { .string($0) })),
         ("lieux_columns", .string([lieuSet.columns.id, lieuSet.columns.name, lieuSet.columns.type,
                                    lieuSet.columns.longitude, lieuSet.columns.latitude].map { $0 ?? "-" }.joined(separator: ","))),
         ("lieux_crs", options.lieuxCrs.map { .string($0) } ?? .null),
         ("lieux_located_at_commune", .number(Double(lieuSet.locatedAtCommune))),
         ("lieux_skipped", .array(lieuSet.skipped.map { skipped in
             .object(JSONObject([("location", .string(skipped.location)), ("id", .string(skipped.id)), ("reason", .string(skipped.reason))]))
         })),
         ("region", options.region.flatMap { try? Region.find($0) }.map { .string("\($0.code) \($0.name) (\(Region.vintage))") } ?? .null),
         ("commune_changes", vintageReport.map(Self.json) ?? .null)]
    }

    static func json(_ report: CommuneVintageReport) -> JSONValue {
        func codes(_ list: [String]) -> JSONValue { .array(list.map { .string($0) }) }
        return .object(JSONObject([
            ("source", .string(report.changesSource)),
            ("merged", .array(report.merged.map { .object(JSONObject([("code", .string($0.code)), ("nom", .string($0.name)), ("from", codes($0.from))])) })),
            ("recoded", .array(report.recoded.map { .object(JSONObject([("from", .string($0.from)), ("to", .string($0.to))])) })),
            ("table_rows_added_up", .array(report.rowsAddedUp.map { .object(JSONObject([("code", .string($0.code)), ("rows", codes($0.rows))])) })),
            ("layer_codes_without_successor", codes(report.unmatchedLayerCodes)),
            ("table_codes_without_commune", codes(report.unmatchedTableCodes)),
        ]))
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
            codeProperty: codeProperty, nameProperty: nameProperty, populationProperty: populationProperty, layer: communesLayer))
        var selected = departements?.codes ?? []
        if let region { selected += try Region.find(region).departements.filter { !selected.contains($0) } }
        var layer = try all.selecting(departements: selected)
        guard !layer.communes.isEmpty else {
            throw AnalysisInputError.noCommunes(selection: selected.isEmpty ? communePaths.joined(separator: ", ")
                                                : "départements \(selected.joined(separator: ","))")
        }

        progress.step("reading population")
        let join: PopulationJoin
        var vintageReport: CommuneVintageReport?
        if let populationPath {
            var table = try PopulationTable.read(contentsOf: URL(fileURLWithPath: populationPath), codeColumn: populationCodeColumn,
                                                 populationColumn: populationColumn, encoding: populationEncoding.encoding,
                                                 skipRows: populationSkipRows, sheet: populationSheet)
            if let communeChanges {
                progress.step("moving communes to the codes of the population table")
                let changes = try CommuneChanges.read(contentsOf: URL(fileURLWithPath: communeChanges))
                (layer, table, vintageReport) = try layer.moved(toCodesOf: table, changes: changes)
            }
            join = PopulationJoin.join(layer.communes, table: table)
        } else {
            join = PopulationJoin.fromProperty(layer.communes)
        }
        if strictCodes, !join.unmatchedCommunes.isEmpty || !join.unmatchedRows.isEmpty {
            throw AnalysisInputError.strictCodes(unmatchedCommunes: join.unmatchedCommunes.map(\.code), unmatchedRows: join.unmatchedRows.map(\.code))
        }

        progress.step("reading lieux")
        var lieuOptions = LieuReadOptions()
        lieuOptions.longitudeColumn = lieuLon; lieuOptions.latitudeColumn = lieuLat
        lieuOptions.idColumn = lieuId; lieuOptions.nameColumn = lieuName; lieuOptions.typeColumn = lieuType
        lieuOptions.filters = try lieuxFilter.map(LieuFilter.init(parsing:))
        lieuOptions.crs = lieuxCrs; lieuOptions.codeColumn = lieuCodeColumn; lieuOptions.layer = lieuxLayer
        lieuOptions.maxBadShare = maxBadLieuxShare
        // Lieux without coordinates are placed at their commune: in the territory as analysed, else in any commune read.
        let lieuSet = try LieuSet.read(contentsOf: URL(fileURLWithPath: lieuxPath), options: lieuOptions, communes: [layer, all])
        return LoadedTerritory(communePaths: communePaths, populationPath: populationPath, lieuxPath: lieuxPath,
                               selectedDepartements: selected, layer: layer, join: join, lieuOptions: lieuOptions, lieuSet: lieuSet,
                               vintageReport: vintageReport)
    }
}
