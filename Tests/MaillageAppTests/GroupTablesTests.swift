import CoverageAnalysis
import Foundation
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

/// Coverage of `maillage analyse` by région, EPCI and density class, and `maillage access` with gridded demand,
/// against independent computations (oracle/access/groups_pandas.py, oracle/access/gironde_grid_fca.py).
@Suite(.needsSharedData, .temporaryFolders) struct GroupTablesRealDataTests {
    static let epci2024 = SharedData.path("admin/commune_epci_2024.csv")
    static let density2022 = SharedData.path("admin/commune_densite_2022.csv")

    @Test(.enabled(if: PythonPandas.available, "needs python3 with pandas and numpy for oracle/access/groups_pandas.py"))
    func analyseGroupTablesEqualAPandasGroupby() throws {
        let out = try temporaryFolder()
        try maillage(["analyse", "--communes", SharedData.path("communes/33-gironde.geojson"), SharedData.path("communes/40-landes.geojson"),
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2024.csv"), "--within", "10",
                      "--epci", Self.epci2024, "--density", Self.density2022, "--quiet", "--out", out.path])
        let expectedPath = out.appendingPathComponent("expected_groups.json").path
        try PythonPandas.run([SharedData.oracle("access/groups_pandas.py").path, "analyse", out.appendingPathComponent("communes.csv").path,
                              Self.epci2024, Self.density2022, "10", expectedPath])
        let expected = try readJSON(URL(fileURLWithPath: expectedPath)) as! [String: [String: Any]]
        let summaryGroups = try #require(try readJSON(out.appendingPathComponent("summary.json"))["groups"] as? [String: Any])
        for level in ["region", "epci", "densite"] {
            let rows = try csvRows(out.appendingPathComponent("groups_\(level).csv"))
            let groups = expected[level]!["groups"] as! [String: [String: Double]]
            #expect(rows.count == groups.count, "\(level) groups")
            let matching = try #require(summaryGroups[level] as? [String: Any])
            let without = (matching["communes_without_group"] as! [String: Any])["count"] as! Int
            #expect(without == expected[level]!["withoutGroup"] as! Int, "\(level) communes without group")
            for (key, sums) in groups {
                let row = try #require(rows[key], "\(level) \(key)")
                let communes = sums["communes"]!
                #expect(Double(row["communes"]!) == communes && Double(row["population"]!) == sums["population"], "\(level) \(key)")
                // communes.csv and the group tables round people to 0.1: at most 0.05 per commune and 0.05 for the sum.
                let tolerance = 0.05 * (communes + 1) + 1e-9
                for (column, name) in [("population_within_10km", "within"), ("white_zone_population", "white"),
                                       ("population_within_10km_area_weighted", "within")] {
                    #expect(abs(Double(row[column]!)! - sums[name]!) <= tolerance, "\(level) \(key) \(column): \(row[column]!) vs \(sums[name]!)")
                }
                #expect(Double(row["population_within_10km_by_point"]!) == sums["byPoint"], "\(level) \(key) by point")
            }
        }
    }

    /// The EPCI 2024 table against boundaries of COG 2018 and populations 2019: without the history of changes, the
    /// communes absent from the table are listed with the hint; with it, the layer's codes reach the table's vintage.
    @Test func communeCodesGoThroughTheVintageMapping() throws {
        let common = ["analyse", "--communes", SharedData.path("communes"), "--region", "nouvelle-aquitaine",
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2020.geojson"), "--within", "10", "--epci", Self.epci2024, "--quiet"]
        // Independently: the région's commune codes of the layer that the table lacks.
        let epciRows = try CSVTable.read(contentsOf: URL(fileURLWithPath: Self.epci2024))
        let codeColumn = try #require(epciRows.columnIndex("code"))
        let table = Set(epciRows.rows.map { $0[codeColumn] })
        var layerCodes: [String] = []
        for departement in ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"] {
            let name = try #require(try FileManager.default.contentsOfDirectory(atPath: SharedData.path("communes")).first { $0.hasPrefix(departement + "-") })
            let collection = try readJSON(SharedData.url("communes/\(name)"))
            layerCodes += (collection["features"] as! [[String: Any]]).map { ($0["properties"] as! [String: Any])["code"] as! String }
        }
        let missing = layerCodes.filter { !table.contains($0) }.sorted()

        let without = try temporaryFolder()
        try maillage(common + ["--out", without.path])
        let plain = try #require((try readJSON(without.appendingPathComponent("summary.json"))["groups"] as? [String: Any])?["epci"] as? [String: Any])
        let listed = try #require((plain["communes_without_group"] as! [String: Any])["codes"] as? [String])
        #expect(listed.count == missing.count && listed == missing, "\(listed.count) listed, \(missing.count) expected")
        #expect((plain["note"] as? String)?.contains("--commune-changes") == true)
        #expect(plain["commune_changes_applied"] as? Bool == false)

        let with = try temporaryFolder()
        try maillage(common + ["--commune-changes", SharedData.path("population/mouvements_communes.csv"), "--out", with.path])
        let mapped = try #require((try readJSON(with.appendingPathComponent("summary.json"))["groups"] as? [String: Any])?["epci"] as? [String: Any])
        let left = (mapped["communes_without_group"] as! [String: Any])["count"] as! Int
        print("Nouvelle-Aquitaine, EPCI 2024: \(missing.count) communes unmatched without the changes table, \(left) with it")
        #expect(mapped["commune_changes_applied"] as? Bool == true)
        #expect(left < missing.count / 10)
        let rows = try csvRows(with.appendingPathComponent("groups_epci.csv"))
        let population = rows.values.reduce(0.0) { $0 + Double($1["population"]!)! }
        let all = (mapped["all_communes"] as! [String: Any])["population"] as! Double
        #expect(left > 0 || abs(population - all) < 1e-6, "every commune in a group: the rows add up to the whole")
    }

    @Test func accessDemandFromTheGridMatchesTheOracle() throws {
        let oracle = try readJSON(SharedData.oracle("access/gironde_grid_fca.json"))
        let expected = oracle["communes"] as! [String: Double]
        let out = try temporaryFolder()
        try maillage(["access", "--communes", SharedData.path("communes/33-gironde.geojson"),
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--population-grid", SharedData.path("population/filosofi2019_carreaux_200m_gironde.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2024.csv"), "--within", "20", "--quiet", "--out", out.path])
        let rows = try csvRows(out.appendingPathComponent("access_communes.csv"))
        #expect(rows.count == expected.count)
        var worst = 0.0
        for (code, value) in expected {
            let index = try #require(rows[code].flatMap { Double($0["access_index"]!) }, "\(code)")
            let difference = AccessRealDataTests.relativeDifference(index, value)
            worst = max(worst, difference)
            #expect(difference <= 1e-6, "\(code): \(index), oracle \(value)")
        }
        print("Gironde, grid demand: largest relative difference from the oracle \(worst) over \(expected.count) communes")
        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        let facts = oracle["summary"] as! [String: Any]
        #expect(summary["pairs_within_catchment"] as? Int == facts["pairsWithinCatchment"] as? Int)
        let demand = try #require(summary["demand"] as? [String: Any])
        #expect(demand["model"] as? String == "grid")
        #expect(demand["demand_points"] as? Int == facts["demandPoints"] as? Int)
        #expect((demand["communes_without_units"] as? [String])?.isEmpty == true)
    }
}

@Suite(.temporaryFolders) struct TerminalLieuxLineTests {
    @Test func lieuxPlacedAtTheirCommuneAndSkippedRowsAreCounted() throws {
        let layer = try CommuneLayer.read([URL(fileURLWithPath: demo("communes.geojson"))], options: CommuneReadOptions())
        let lieux = try temporaryFile("lieux.csv", """
            id,nom,longitude,latitude,insee_com
            a,A,1.35,45.76,
            b,B,,,99002
            c,C,,,
            """)
        var options = LieuReadOptions()
        options.maxBadShare = 0.5
        let set = try LieuSet.read(contentsOf: lieux, options: options, communes: [layer])
        let line = try #require(TerminalReport.lieuxPlacementLine(set))
        #expect(line.hasPrefix("Lieux : 1 sans coordonnées placés au point de leur commune, 1 lignes ignorées"), "\(line)")
        #expect(line.contains("line 4"))
        let complete = try LieuSet.read(contentsOf: URL(fileURLWithPath: demo("lieux.csv")), options: LieuReadOptions())
        #expect(TerminalReport.lieuxPlacementLine(complete) == nil)
    }
}
