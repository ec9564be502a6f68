import Foundation
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

/// Files in the layouts planners download, made once per run by the committed scripts
/// oracle/inputs/make_planner_files.py (Creuse as Lambert-93 Shapefile/GeoPackage with ADMIN EXPRESS fields,
/// population XLSX with title lines) and oracle/inputs/make_download_layouts.py (France Services in the BPE
/// layout, INSEE-style population CSV, lieux without coordinates and their expected points).
enum DownloadedFiles {
    static let folder: URL? = {
        guard SharedData.isAvailable else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-downloads-\(UUID().uuidString)")
        for script in ["make_planner_files.py", "make_download_layouts.py"] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", SharedData.oracle("inputs/\(script)").path, folder.path]
            process.environment = ProcessInfo.processInfo.environment.merging(["MAILLAGE_SHARED_GEODATA": SharedData.folder.path]) { $1 }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { return nil }
        }
        return folder
    }()

    static var available: Bool { folder != nil }
    static func path(_ name: String) -> String { folder!.appendingPathComponent(name).path }
}

/// Every number of summary.json outside `parameters` (which names the inputs), by path.
func summaryFigures(_ folder: URL) throws -> [String: Double] {
    let summary = try readJSON(folder.appendingPathComponent("summary.json"))
    var figures: [String: Double] = [:]
    func walk(_ value: Any, _ path: String) {
        switch value {
        case let object as [String: Any]: for (key, member) in object { walk(member, path + "/" + key) }
        case let array as [Any]: for (index, member) in array.enumerated() { walk(member, path + "/\(index)") }
        case let number as Double: figures[path] = number
        default: break
        }
    }
    for (key, value) in summary where key != "parameters" { walk(value, key) }
    return figures
}

/// Figures of two runs equal within `tolerance` relative; the same set of figures.
func expectSameFigures(_ a: [String: Double], _ b: [String: Double], tolerance: Double, _ what: String) {
    #expect(Set(a.keys) == Set(b.keys), "\(what): not the same figures")
    #expect(a.count > 40, "\(what): \(a.count) figures only")
    for (path, value) in a {
        guard let other = b[path] else { continue }
        #expect(abs(value - other) <= tolerance * max(abs(value), abs(other), 1e-9), "\(what) \(path): \(value) vs \(other)")
    }
}

@Suite(.temporaryFolders, .enabled(if: DownloadedFiles.available,
                                   "needs python3 with geopandas, pyogrio, openpyxl, pyproj and shapely, and ../shared/geodata"))
struct PlannerDownloadsTests {
    static let creuse = SharedData.path("communes/23-creuse.geojson")
    static let population = SharedData.path("population/donnees_communes_pop2019.csv")
    static let franceServices = SharedData.path("lieux/france_services_2024.csv")

    func run(communes: String, population: String, lieux: String, _ extra: [String] = []) throws -> URL {
        let out = try temporaryFolder()
        try maillage(["analyse", "--communes", communes, "--population", population, "--lieux", lieux,
                      "--within", "5,10,20", "--quiet", "--out", out.path] + extra)
        return out
    }

    @Test func adminExpressShapefileAndGeoPackageGiveTheFiguresOfTheWGS84GeoJSON() throws {
        let reference = try summaryFigures(run(communes: Self.creuse, population: Self.population, lieux: Self.franceServices))
        for file in ["creuse_l93.shp", "creuse_l93.gpkg"] {
            let out = try run(communes: DownloadedFiles.path(file), population: Self.population, lieux: Self.franceServices)
            expectSameFigures(try summaryFigures(out), reference, tolerance: 1e-6, file)
            let inputs = try #require((try readJSON(out.appendingPathComponent("summary.json"))["parameters"] as? [String: Any])?["inputs"] as? [String: Any])
            #expect(inputs["code_property"] as? String == "INSEE_COM" && inputs["name_property"] as? String == "NOM")
            let communes = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("communes.geojson"))
            #expect(communes.features.contains { $0.properties["nom"]?.stringValue == "Guéret" })
        }
    }

    @Test func bpeLayoutAndInseePopulationTablesGiveTheOriginalFigures() throws {
        let reference = try summaryFigures(run(communes: Self.creuse, population: Self.population, lieux: Self.franceServices))
        let bpe = try run(communes: Self.creuse, population: Self.population, lieux: DownloadedFiles.path("france_services_bpe.csv"),
                          ["--lieux-crs", "EPSG:2154"])
        expectSameFigures(try summaryFigures(bpe), reference, tolerance: 1e-6, "BPE layout")
        let insee = try run(communes: Self.creuse, population: DownloadedFiles.path("population_insee.csv"), lieux: Self.franceServices)
        expectSameFigures(try summaryFigures(insee), reference, tolerance: 1e-9, "INSEE CSV with title lines and NBSP thousands")
        let xlsx = try run(communes: Self.creuse, population: DownloadedFiles.path("population.xlsx"), lieux: Self.franceServices)
        expectSameFigures(try summaryFigures(xlsx), reference, tolerance: 1e-9, "INSEE XLSX with title lines")
        // Without its CRS, the BPE file is refused with the hint.
        #expect { _ = try run(communes: Self.creuse, population: Self.population, lieux: DownloadedFiles.path("france_services_bpe.csv")) }
            throws: { "\($0)".contains("--lieux-crs EPSG:2154") }
    }

    @Test func lieuxWithoutCoordinatesAreLocatedAtTheirCommunePointFlaggedAndCounted() throws {
        let oracle = try readJSON(URL(fileURLWithPath: DownloadedFiles.path("located_points.json")))
        let located = try #require(oracle["located"] as? [String: [String: Any]])
        try #require(located.count == 6)
        let out = try run(communes: Self.creuse, population: Self.population, lieux: DownloadedFiles.path("france_services_partial.csv"))
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        let inputs = try #require((summary["parameters"] as? [String: Any])?["inputs"] as? [String: Any])
        #expect(inputs["lieux_located_at_commune"] as? Double == 6)
        let skipped = try #require(inputs["lieux_skipped"] as? [[String: Any]])
        #expect(skipped.map { $0["id"] as? String } == [oracle["skipped_id"] as? String])
        let lieux = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("lieux.geojson"))
        let flagged = lieux.features.filter { $0.properties["located_at_commune"] == .bool(true) }
        #expect(Set(flagged.compactMap { $0.properties["id"]?.stringValue }) == Set(located.keys))
        for feature in flagged {
            let id = try #require(feature.properties["id"]?.stringValue)
            guard case .point(let point)? = feature.geometry, let expected = located[id] else { Issue.record("lieu \(id)"); continue }
            #expect(abs(point.x - (expected["lon"] as! Double)) < 1e-6 && abs(point.y - (expected["lat"] as! Double)) < 1e-6,
                    "lieu \(id): \(point) vs \(expected)")
        }
        // The point is the one analyse measures from: the commune's representative point in communes.geojson.
        let communes = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("communes.geojson"))
        for (id, expected) in located {
            let commune = try #require(communes.features.first { $0.properties["code"]?.stringValue == expected["code"] as? String })
            let lieu = try #require(flagged.first { $0.properties["id"]?.stringValue == id })
            guard case .point(let point)? = lieu.geometry else { continue }
            #expect(abs(commune.properties["point_lon"]!.doubleValue! - point.x) < 2e-6
                    && abs(commune.properties["point_lat"]!.doubleValue! - point.y) < 2e-6)
        }
    }
}
