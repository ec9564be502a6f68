import Foundation
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

/// A file of the demo territory (the repository's `geodata/`).
func demo(_ name: String) -> String { SharedData.demo(name).path }

/// Runs `maillage` in process with these arguments.
func maillage(_ arguments: [String]) throws {
    var command = try Maillage.parseAsRoot(arguments)
    try command.run()
}

func demoArguments(out: URL, _ extra: [String] = []) -> [String] {
    ["analyse", "--communes", demo("communes.geojson"), "--population", demo("population.csv"),
     "--lieux", demo("lieux.csv"), "--within", "5,10", "--quiet", "--out", out.path] + extra
}

@Suite(.temporaryFolders) struct AnalyseDemoTests {
    static let outputs = ["communes.geojson", "communes.csv", "lieux.geojson", "catchments.geojson", "service_areas.geojson",
                          "white_zones.geojson", "white_zones_by_commune.geojson", "summary.json"]

    @Test func demoRunWritesValidConsistentFiles() throws {
        let out = try temporaryFolder()
        try maillage(demoArguments(out: out))
        for name in Self.outputs { #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), "\(name)") }

        let communes = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("communes.geojson"))
        #expect(communes.features.count == 40)
        #expect(communes.foreignMembers["maillage"] != nil)
        let lieux = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("lieux.geojson"))
        #expect(lieux.features.count == 7)   // the lieu outside the territory still reaches it
        let catchments = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("catchments.geojson"))
        let services = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("service_areas.geojson"))
        // Duplicated coordinates share one service area.
        #expect(services.features.count == 6 && catchments.features.count == 7)
        let byCommune = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("white_zones_by_commune.geojson"))
        let dissolved = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("white_zones.geojson"))

        // Per-commune figures add up to the summary's.
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        let thresholds = summary["within_thresholds"] as! [[String: Any]]
        let sumWithin10 = communes.features.reduce(0.0) { $0 + ($1.properties["population_within_10km"]?.doubleValue ?? 0) }
        #expect(abs(sumWithin10 - (thresholds[1]["population_area_weighted"] as! Double)) < 1)
        let white = summary["white_zones"] as! [String: Any]
        // Pieces under --min-white-zone-m2 are left out of the layers and counted.
        let leftOut = (white["pieces_under_min_area_left_out"] as! [String: Any]).compactMapValues { $0 as? [String: Double] }
        let pieceArea = byCommune.features.reduce(0.0) { $0 + $1.properties["area_km2"]!.doubleValue! }
        let dissolvedArea = dissolved.features.reduce(0.0) { $0 + $1.properties["area_km2"]!.doubleValue! }
        #expect(abs(pieceArea + leftOut["by_commune"]!["area_km2"]! - (white["area_km2"] as! Double)) < 0.01)
        #expect(abs(dissolvedArea + leftOut["dissolved"]!["area_km2"]! - (white["area_km2"] as! Double)) < 0.01)
        let piecePopulation = byCommune.features.reduce(0.0) { $0 + $1.properties["population"]!.doubleValue! }
        #expect(abs(piecePopulation - (white["population"] as! Double)) < 1)
        // Classes: white-zone pieces exist exactly for communes not wholly covered.
        let notCovered = communes.features.filter { $0.properties["classe"] != .string("couverte") }.count
        #expect(byCommune.features.count + Int(leftOut["by_commune"]!["count"]!) == notCovered)
        // White zones are sorted by population, largest first.
        let populations = byCommune.features.map { $0.properties["population"]!.doubleValue! }
        #expect(populations == populations.sorted(by: >))

        // The planted problems are reported.
        let unmatched = summary["unmatched"] as! [String: Any]
        #expect((unmatched["communes_without_population"] as! [[String: Any]]).map { $0["code"] as! String } == ["99040"])
        #expect((unmatched["population_rows_without_commune"] as! [[String: Any]]).map { $0["code"] as! String } == ["99099"])
        #expect((summary["repaired_geometries"] as! [[String: Any]]).map { $0["code"] as! String } == ["99013"])
        #expect((summary["duplicate_lieu_coordinates"] as! [[String: Any]]).count == 1)
        let csv = try CSVTable.read(contentsOf: out.appendingPathComponent("communes.csv"))
        #expect(csv.rows.count == 40 && csv.columnIndex("nearest_km") != nil)
    }

    @Test func sameInputsGiveIdenticalBytes() throws {
        let first = try temporaryFolder(), second = try temporaryFolder()
        try maillage(demoArguments(out: first))
        try maillage(demoArguments(out: second))
        for name in Self.outputs {
            let a = try Data(contentsOf: first.appendingPathComponent(name)), b = try Data(contentsOf: second.appendingPathComponent(name))
            #expect(a == b, "\(name) differs between two runs")
        }
    }

    @Test func failedRunLeavesPreviousOutputsAndOtherFiles() throws {
        let out = try temporaryFolder()
        try maillage(demoArguments(out: out))
        let mine = out.appendingPathComponent("notes.txt")
        try "mes notes".write(to: mine, atomically: true, encoding: .utf8)
        let before = try Self.outputs.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(throws: (any Error).self) {
            try maillage(["analyse", "--communes", demo("communes.geojson"), "--population", demo("population.csv"),
                          "--lieux", demo("nope.csv"), "--quiet", "--out", out.path])
        }
        let after = try Self.outputs.map { try Data(contentsOf: out.appendingPathComponent($0)) }
        #expect(before == after)
        #expect(try String(contentsOf: mine, encoding: .utf8) == "mes notes")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".tmp") }
        #expect(leftovers.isEmpty)
    }

    @Test func mainThresholdAndFilterOptions() throws {
        let out = try temporaryFolder()
        try maillage(demoArguments(out: out, ["--main-within", "5", "--lieux-filter", "format_fs=Fixe"]))
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        #expect((summary["white_zones"] as! [String: Any])["threshold_km"] as! Double == 5)
        #expect((summary["territory"] as! [String: Any])["lieux_filtered_out"] as! Double == 2)
        let communes = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("communes.geojson"))
        #expect(communes.features[0].properties["population_within_5km"] != nil)
    }
}

@Suite(.temporaryFolders) struct AnalyseErrorTests {
    func message(_ arguments: [String]) -> String {
        do {
            try maillage(arguments)
            return "no error"
        } catch {
            return Maillage.message(for: error)
        }
    }

    @Test func clearOneLineErrors() throws {
        let out = try temporaryFolder().path
        let base = ["analyse", "--population", demo("population.csv"), "--lieux", demo("lieux.csv"), "--quiet", "--out", out]
        #expect(message(["analyse", "--communes", "/nonexistent/communes.geojson"] + base.dropFirst()).contains("/nonexistent/communes.geojson"))
        #expect(message(["analyse", "--communes", demo("communes.geojson"), "--departements", "33"] + base.dropFirst())
            .contains("unknown département 33"))
        #expect(message(["analyse", "--communes", demo("communes.geojson"), "--population-column", "P21_POP"] + base.dropFirst())
            .contains("no population column (tried P21_POP)"))
        #expect(message(["analyse", "--communes", demo("communes.geojson"), "--code-property", "insee"] + base.dropFirst())
            .contains("no property 'insee'"))
        #expect(message(demoArguments(out: URL(fileURLWithPath: out), ["--within", "dix"])).contains("'dix' is not a positive distance"))

        // Lambert-93 metres in a GeoJSON file without CRS.
        let folder = try temporaryFolder()
        let projected = folder.appendingPathComponent("l93.geojson")
        try """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"33001","nom":"X"},
        "geometry":{"type":"Polygon","coordinates":[[[400000,6400000],[401000,6400000],[401000,6401000],[400000,6400000]]]}}]}
        """.write(to: projected, atomically: true, encoding: .utf8)
        let projectedMessage = message(["analyse", "--communes", projected.path] + base.dropFirst())
        #expect(projectedMessage.contains("l93.geojson") && projectedMessage.lowercased().contains("lon"))

        // A lieux file far from the territory (no lieu in its CRS zone).
        let reunion = folder.appendingPathComponent("reunion.csv")
        try "id,longitude,latitude\nR1,55.45,-20.88\n".write(to: reunion, atomically: true, encoding: .utf8)
        #expect(message(["analyse", "--communes", demo("communes.geojson"), "--population", demo("population.csv"),
                         "--lieux", reunion.path, "--quiet", "--out", out]).contains("no lieu"))
    }

    @Test func helpDocumentsEveryOptionWithAnExample() {
        let help = Maillage.helpMessage(for: Analyse.self)
        for option in ["--communes", "--population", "--population-property", "--lieux", "--lieux-filter", "--departements",
                       "--within", "--main-within", "--out", "--quiet", "--strict-codes", "--code-property", "--lieu-lon"] {
            #expect(help.contains(option), "\(option) missing from help")
        }
        #expect(help.contains("Example"))
    }
}
