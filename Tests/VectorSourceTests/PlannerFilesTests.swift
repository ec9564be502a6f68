import Foundation
import GeoCore
import GeoIO
import Testing
import TestSupport
import VectorSource

/// The files of oracle/inputs/make_planner_files.py (Creuse in Lambert-93 as Shapefile, GeoPackage,
/// GeoJSON with a `crs` member and FlatGeobuf, written by geopandas/pyproj; the INSEE population table
/// as an XLSX with title lines), made once per test run in a temporary folder.
enum PlannerFiles {
    static let folder: URL? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-planner-files-\(getpid())")
        guard SharedData.isAvailable, (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
        else { return nil }
        let script = SharedData.oracle("inputs/make_planner_files.py").path
        let result = runCommand(["python3", script, folder.path], environment: ["MAILLAGE_SHARED_GEODATA": SharedData.folder.path])
        return result.status == 0 ? folder : nil
    }()

    static var available: Bool { folder != nil }

    static func path(_ name: String) -> String { folder!.appendingPathComponent(name).path }

    /// The original WGS84 communes, read by GeoIO (no GDAL), by code.
    static let original: [String: Feature] = {
        guard let collection = try? GeoJSONReader.read(contentsOf: SharedData.url("communes/23-creuse.geojson")) else { return [:] }
        return Dictionary(uniqueKeysWithValues: collection.features.map { ($0.properties["code"]!.stringValue!, $0) })
    }()
}

@Suite(.enabled(if: PlannerFiles.available,
                "needs python3 with geopandas, pyogrio and openpyxl, and the shared data (../shared/geodata)"))
struct PlannerFilesTests {
    @Test(arguments: [
        ("creuse_l93.shp", "ESRI Shapefile", "creuse_l93"),
        ("creuse_l93.gpkg", "GPKG", "commune"),
        ("creuse_l93.geojson", "GeoJSON", "creuse_l93"),
        ("creuse_l93.fgb", "FlatGeobuf", "creuse_l93"),
    ])
    func lambert93FilesComeBackAsTheOriginalWGS84Communes(file: String, driver: String, layerName: String) throws {
        let layer = try VectorSource.read(path: PlannerFiles.path(file))
        #expect(layer.driver == driver)
        #expect(layer.layerName == layerName)
        #expect(layer.sourceCRS == "EPSG:2154")
        #expect(layer.featuresWithoutGeometry == 0)
        let original = PlannerFiles.original
        try #require(original.count == 258)
        let features = layer.features.features
        #expect(features.count == original.count)
        #expect(features.map { $0.properties.keys } .allSatisfy { $0 == ["INSEE_COM", "NOM"] })
        let read = Dictionary(uniqueKeysWithValues: features.map { ($0.properties["INSEE_COM"]!.stringValue!, $0) })
        #expect(Set(read.keys) == Set(original.keys))

        var worst = 0.0
        for (code, source) in original {
            let feature = try #require(read[code])
            #expect(feature.properties["NOM"] == source.properties["nom"], "name of \(code)")
            let deviation = try #require(maximumDeviation(feature.geometry!.polygons, source.geometry!.polygons),
                                         "\(file) \(code): not the same polygons, rings and vertex counts")
            worst = max(worst, deviation)
        }
        #expect(worst < 1e-7, "\(file): largest vertex deviation \(worst)°")
        // The accents checked above are really there: Creuse has names like "Arrènes" or "Bénévent-l'Abbaye".
        #expect(original.values.contains { $0.properties["nom"]!.stringValue!.unicodeScalars.contains { !$0.isASCII } })
    }

    @Test func theGeoPackagePointLayerIsReadByName() throws {
        let layers = try VectorSource.layers(path: PlannerFiles.path("creuse_l93.gpkg"))
        #expect(layers.map(\.name) == ["commune", "chef_lieu"])
        #expect(layers.map(\.isPolygonal) == [true, false])
        let points = try VectorSource.read(path: PlannerFiles.path("creuse_l93.gpkg"), layer: "chef_lieu")
        #expect(points.features.features.count == 258)
        #expect(points.features.features.allSatisfy { if case .point = $0.geometry { true } else { false } })
    }

    @Test func theXLSXRowsAreTheCSVRowsBelowTheTitleLines() throws {
        let table = try VectorSource.readTable(path: PlannerFiles.path("population.xlsx"))
        #expect(table.sheet == "Communes")
        #expect(table.sheets == ["Communes", "Notes"])
        let csv = try CSVTable.read(contentsOf: SharedData.url("population/donnees_communes_pop2019.csv"))
        let headerRow = try #require(table.headerRowIndex(containing: ["COM", "PMUN"]))
        #expect(headerRow == 5)
        #expect(table.rows[3].allSatisfy { $0.isEmpty }, "the blank title line is kept")
        #expect(table.rows[headerRow] == csv.header)
        #expect(Array(table.rows[(headerRow + 1)...]) == csv.rows)
        let asCSV = table.csvTable(headerRow: headerRow)
        #expect(asCSV.header == csv.header && asCSV.rows == csv.rows)
        #expect(asCSV.source.contains("sheet \"Communes\""))
    }

    @Test func anUnknownSheetIsAnErrorListingTheSheets() throws {
        let path = PlannerFiles.path("population.xlsx")
        let error = try #require(vectorSourceError { () throws(VectorSourceError) in try VectorSource.readTable(path: path, sheet: "Pop") })
        #expect(error == .unknownSheet(path: path, sheet: "Pop", available: ["Communes", "Notes"]))
        #expect(error.description.contains("\"Communes\", \"Notes\""))
        #expect(try VectorSource.readTable(path: path, sheet: "notes").rows == [["PMUN : population municipale"]])
    }

    @Test func formatsAreRecognisedFromTheirBytes() {
        #expect(VectorSource.detectFormat(path: PlannerFiles.path("creuse_l93.shp")) == .shapefile)
        #expect(VectorSource.detectFormat(path: PlannerFiles.path("creuse_l93.dbf")) == .shapefilePart)
        #expect(VectorSource.detectFormat(path: PlannerFiles.path("creuse_l93.gpkg")) == .geoPackage)
        #expect(VectorSource.detectFormat(path: PlannerFiles.path("creuse_l93.fgb")) == .flatGeobuf)
        #expect(VectorSource.detectFormat(path: PlannerFiles.path("creuse_l93.geojson")) == .geoJSON)
        #expect(VectorSource.detectFormat(path: PlannerFiles.path("population.xlsx")) == .xlsx)
        #expect(VectorSource.detectFormat(path: SharedData.url("population/donnees_communes_pop2019.csv").path) == .csv)
        #expect(VectorSource.detectFormat(path: SharedData.url("roads/monaco_2019.osm.pbf").path) == .osmPBF)
    }

    @Test func concurrentReadsGiveTheSameLayers() async throws {
        let files = ["creuse_l93.shp", "creuse_l93.gpkg", "creuse_l93.fgb", "creuse_l93.shp", "creuse_l93.gpkg", "creuse_l93.fgb"]
        let alone = try files.map { try VectorSource.read(path: PlannerFiles.path($0)) }
        let together = try await withThrowingTaskGroup(of: (Int, VectorLayer).self) { group in
            for (index, file) in files.enumerated() {
                group.addTask { (index, try VectorSource.read(path: PlannerFiles.path(file))) }
            }
            var layers = [VectorLayer?](repeating: nil, count: files.count)
            for try await (index, layer) in group { layers[index] = layer }
            return layers
        }
        #expect(together == alone)
    }
}

/// The largest coordinate difference (degrees) between two polygon lists of the same structure, each ring
/// compared as given or reversed (a Shapefile stores exterior rings clockwise); nil when the structure differs.
func maximumDeviation(_ read: [[[XY]]], _ original: [[[XY]]]) -> Double? {
    guard read.count == original.count else { return nil }
    var worst = 0.0
    for (polygon, originalPolygon) in zip(read, original) {
        guard polygon.count == originalPolygon.count else { return nil }
        for (ring, originalRing) in zip(polygon, originalPolygon) {
            guard ring.count == originalRing.count else { return nil }
            func deviation(_ candidate: [XY]) -> Double {
                zip(candidate, originalRing).reduce(0) { max($0, abs($1.0.x - $1.1.x), abs($1.0.y - $1.1.y)) }
            }
            worst = max(worst, min(deviation(ring), deviation(ring.reversed())))
        }
    }
    return worst
}
