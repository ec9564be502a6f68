import Foundation
import GeoCore
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

/// Whether `python3` with pandas and numpy runs here (for the groupby oracle).
enum PythonPandas {
    static let available: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import pandas, numpy"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "python3 \(arguments.joined(separator: " "))")
    }
}

/// `maillage access` on real data against the committed oracles (oracle/access/*.py: PySAL access and numpy agree).
@Suite(.needsSharedData, .temporaryFolders) struct AccessRealDataTests {
    static let nouvelleAquitaine = "16,17,19,23,24,33,40,47,64,79,86,87"

    /// Every metropolitan commune file (demand competes across région borders).
    static func metropolitanCommuneFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: SharedData.path("communes"))
            .filter { $0.hasSuffix(".geojson") && !$0.hasPrefix("97") }.sorted().map { SharedData.path("communes/\($0)") }
    }

    static func relativeDifference(_ actual: Double, _ expected: Double) -> Double {
        expected == 0 ? abs(actual) : abs(actual - expected) / abs(expected)
    }

    @Test(arguments: [("e2sfca", 0), ("2sfca", 1)])
    func nouvelleAquitaineMatchesTheOracle(method: String, column: Int) throws {
        let oracle = try readJSON(SharedData.oracle("access/nouvelle_aquitaine_fca.json"))
        let expected = oracle["communes"] as! [String: [Double]]
        let out = try temporaryFolder()
        try maillage(["access", "--communes"] + Self.metropolitanCommuneFiles() + [
            "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
            "--lieux", SharedData.path("lieux/france_services_2020.geojson"),
            "--commune-points", SharedData.path("points/chef_lieu_2020.csv"),
            "--method", method, "--within", "20", "--departements", Self.nouvelleAquitaine, "--quiet", "--out", out.path])
        let rows = try csvRows(out.appendingPathComponent("access_communes.csv"))
        #expect(rows.count == expected.count)
        var worst = 0.0
        for (code, values) in expected {
            let row = try #require(rows[code], "\(code) missing")
            let index = Double(row["access_index"]!)!
            worst = max(worst, Self.relativeDifference(index, values[column]))
            #expect(Self.relativeDifference(index, values[column]) <= 1e-6, "\(code): \(index), oracle \(values[column])")
            #expect(Double(row["population"]!) == values[2], "\(code) population")
        }
        print("Nouvelle-Aquitaine \(method): largest relative difference from the oracle \(worst) over \(expected.count) communes")
        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        let scope = summary["scope"] as! [String: Any], facts = oracle["summary"] as! [String: Any]
        #expect(scope["competing_communes"] as? Int == facts["competingCommunes"] as? Int)
        #expect(scope["competing_population"] as? Double == facts["competingPopulation"] as? Double)
        #expect((summary["supply"] as! [String: Any])["supply_points"] as? Int == facts["supplyPointsAfterMerge"] as? Int)
        #expect(summary["pairs_within_catchment"] as? Int == facts["pairsWithinCatchment"] as? Int)
        guard method == "e2sfca" else { return }
        // The oracle's own population-weighted statistics of its values, by département and for the région.
        let statistics = oracle["statisticsEnhancedByDepartement"] as! [String: [String: Double]]
        let groups = try csvRows(out.appendingPathComponent("access_groups_departement.csv"))
        let regions = try csvRows(out.appendingPathComponent("access_groups_region.csv"))
        for (key, expected) in statistics {
            let row = try #require(key == "all" ? regions["75"] : groups[key])
            for (name, column) in [("mean", "mean"), ("median", "median"), ("p10", "p10"), ("p90", "p90"), ("gini", "gini"),
                                   ("zeroShare", "share_at_zero"), ("population", "population"), ("units", "communes")] {
                #expect(Self.relativeDifference(Double(row[column]!)!, expected[name]!) <= 1e-9, "\(key) \(name)")
            }
        }
    }

    @Test func corsicaByRoadMatchesTheOracle() throws {
        let oracle = try readJSON(SharedData.oracle("access/corsica_road_fca.json"))
        let expected = oracle["communes"] as! [String: [Double]]
        // The oracle's demand points (shapely point-on-surface in lon/lat) given as commune points.
        let points = oracle["points"] as! [String: [Double]]
        let pointsFile = try temporaryFile("points.csv", (["code,longitude,latitude"] + points.keys.sorted().map {
            "\($0),\(points[$0]![0]),\(points[$0]![1])" }).joined(separator: "\n"))
        for (method, column) in [("e2sfca", 0), ("2sfca", 1)] {
            let out = try temporaryFolder()
            try maillage(["access", "--communes", SharedData.path("communes/2A-corse-du-sud.geojson"), SharedData.path("communes/2B-haute-corse.geojson"),
                          "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                          "--lieux", SharedData.path("lieux/france_services_2024.csv"), "--commune-points", pointsFile.path,
                          "--network", SharedData.path("roads/corse_roads.osm.pbf"), "--within", "20min", "--method", method,
                          // The oracle's demand is the communes, not the buildings-weighted cells of the extract.
                          "--population-model", "uniform",
                          "--quiet", "--out", out.path])
            let rows = try csvRows(out.appendingPathComponent("access_communes.csv"))
            #expect(rows.count == expected.count)
            for (code, values) in expected {
                let index = try #require(rows[code]?["access_index"].flatMap(Double.init), "\(code)")
                #expect(Self.relativeDifference(index, values[column]) <= 1e-6, "\(method) \(code): \(index), oracle \(values[column])")
            }
            let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
            #expect(summary["pairs_within_catchment"] as? Int == (oracle["summary"] as! [String: Any])["pairsWithinCatchment"] as? Int)
            guard method == "e2sfca" else { continue }
            // Ratios and weighted demand of the Corsican lieux.
            let lieux = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("access_lieux.geojson"))
            let placed: [(point: XY, properties: JSONObject)] = lieux.features.compactMap { feature in
                if case .point(let p)? = feature.geometry { return (p, feature.properties) }
                return nil
            }
            for lieu in oracle["lieuxRatiosEnhanced"] as! [[String: Double]] {
                // Output coordinates have 6 decimals.
                let properties = try #require(placed.first { abs($0.point.x - lieu["lon"]!) < 1e-6 && abs($0.point.y - lieu["lat"]!) < 1e-6 }?.properties)
                #expect(Self.relativeDifference(properties["ratio"]!.doubleValue! / 100_000, lieu["ratio"]!) <= 1e-9)
                #expect(Self.relativeDifference(properties["weighted_demand"]!.doubleValue!, lieu["weightedDemand"]!) <= 1e-9)
            }
        }
    }

    @Test(.enabled(if: PythonPandas.available, "needs python3 with pandas and numpy for oracle/access/groups_pandas.py"))
    func groupTablesEqualAPandasGroupby() throws {
        let out = try temporaryFolder()
        let epci = SharedData.path("admin/commune_epci_2024.csv"), density = SharedData.path("admin/commune_densite_2022.csv")
        try maillage(["access", "--communes", SharedData.path("communes/33-gironde.geojson"), SharedData.path("communes/40-landes.geojson"),
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2024.csv"), "--epci", epci, "--density", density,
                      "--quiet", "--out", out.path])
        let expectedPath = out.appendingPathComponent("expected_groups.json").path
        try PythonPandas.run([SharedData.oracle("access/groups_pandas.py").path, out.appendingPathComponent("access_communes.csv").path,
                              epci, density, expectedPath])
        let expected = try readJSON(URL(fileURLWithPath: expectedPath)) as! [String: [String: Any]]
        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        let summaryGroups = summary["groups"] as! [String: [String: Any]]
        for level in ["departement", "epci", "densite"] {
            let rows = try csvRows(out.appendingPathComponent("access_groups_\(level).csv"))
            let groups = expected[level]!["groups"] as! [String: [String: Any]]
            #expect(rows.count == groups.count, "\(level) groups")
            let without = (summaryGroups[level]!["communes_without_group"] as! [String: Any])["count"] as! Int
            #expect(without == expected[level]!["withoutGroup"] as! Int, "\(level) communes without group")
            for (key, statistics) in groups {
                let row = try #require(rows[key], "\(level) \(key)")
                #expect(Int(row["communes"]!) == statistics["units"] as? Int && Double(row["population"]!) == statistics["population"] as? Double)
                for (name, column) in [("mean", "mean"), ("median", "median"), ("p10", "p10"), ("p90", "p90"), ("gini", "gini"),
                                       ("zeroShare", "share_at_zero")] {
                    guard let value = statistics[name] as? Double else { #expect(row[column] == "", "\(level) \(key) \(name)"); continue }
                    #expect(Self.relativeDifference(Double(row[column]!)!, value) <= 1e-9, "\(level) \(key) \(name)")
                }
            }
        }
    }
}
