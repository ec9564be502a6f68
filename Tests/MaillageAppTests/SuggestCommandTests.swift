import Foundation
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

/// A hand-made territory whose answers are known by enumeration.
///
/// Seven 2 km square communes on an east–west line at latitude 46.5° (Lambert-93 zone), centres at
/// x = 0, 8, 16, 24, 32, 44 and 80 km, populations 5, 10, 12, 10, 5, 7, 4 (total 53). With a 10 km
/// threshold a site at a commune covers that commune and its 8 km neighbours only (16 km and 12 km
/// are out of reach). One existing lieu at x = 50 km covers the commune at 44 km (7 people).
/// Every subset was enumerated by hand:
/// - 1 site: best is x = 16 (10 + 12 + 10 = 32 new) → 39 covered;
/// - 2 sites: the optima are {0, 24}, {8, 24} and {8, 32} (5 + 10 + 12 + 10 + 5 = 42 new) → 49, whereas
///   greedy's {16, 0} gives 44;
/// - 3 sites: one of those pairs plus 80 → 53, everybody;
/// - 90 % (47.7 people) needs 2 sites (1 site reaches 39 at most); 100 % needs 3.
/// `oracle/suggest/line_territory.py` confirms these by enumeration with pyproj + shapely
/// (`line_territory.json`, read by the tests).
enum LineTerritory {
    static var oracle: [String: Any] {
        let url = SharedData.oracle("suggest/line_territory.json")
        return (try? JSONSerialization.jsonObject(with: Data(contentsOf: url))) as? [String: Any] ?? [:]
    }
    static func optimum(_ p: Int) -> Double { ((oracle["mclp"] as! [String: Any])["\(p)"] as! [String: Any])["optimum"] as! Double }
    static func optimalSets(_ p: Int) -> [Set<String>] {
        (((oracle["mclp"] as! [String: Any])["\(p)"] as! [String: Any])["optimal_sets"] as! [[String]]).map(Set.init)
    }

    static let positionsKm: [Double] = [0, 8, 16, 24, 32, 44, 80]
    static let populations: [Double] = [5, 10, 12, 10, 5, 7, 4]
    static let latitude = 46.5, longitude0 = 2.0
    static let kmPerDegreeLon = 111.32 * cos(46.5 * Double.pi / 180), kmPerDegreeLat = 111.2

    static func lon(_ km: Double) -> Double { longitude0 + km / kmPerDegreeLon }

    static func write(to folder: URL) throws -> (communes: String, lieux: String) {
        let features = zip(positionsKm, populations).enumerated().map { index, entry -> String in
            let (x, population) = entry
            let (w, e) = (lon(x - 1), lon(x + 1)), (s, n) = (latitude - 1 / kmPerDegreeLat, latitude + 1 / kmPerDegreeLat)
            return """
            {"type":"Feature","properties":{"code":"9900\(index + 1)","nom":"Ligne \(index + 1)","pop":\(population)},\
            "geometry":{"type":"Polygon","coordinates":[[[\(w),\(s)],[\(e),\(s)],[\(e),\(n)],[\(w),\(n)],[\(w),\(s)]]]}}
            """
        }
        let communes = folder.appendingPathComponent("line.geojson")
        try "{\"type\":\"FeatureCollection\",\"features\":[\(features.joined(separator: ","))]}"
            .write(to: communes, atomically: true, encoding: .utf8)
        let lieux = folder.appendingPathComponent("line_lieux.csv")
        try "id,nom,longitude,latitude\nexisting-1,Lieu existant,\(lon(50)),\(latitude)\n".write(to: lieux, atomically: true, encoding: .utf8)
        return (communes.path, lieux.path)
    }

    static func arguments(folder: URL, out: URL, _ extra: [String]) throws -> [String] {
        let files = try write(to: folder)
        return ["suggest", "--communes", files.communes, "--population-property", "pop", "--lieux", files.lieux,
                "--within", "10", "--quiet", "--out", out.path] + extra
    }
}

func suggestedCodes(_ url: URL) throws -> [String] {
    try GeoJSONReader.read(contentsOf: url).features.map { $0.properties["commune_code"]!.stringValue! }
}

func answers(_ out: URL) throws -> [[String: Any]] {
    try readJSON(out.appendingPathComponent("suggest_summary.json"))["answers"] as! [[String: Any]]
}

@Suite(.temporaryFolders) struct SuggestLineTerritoryTests {
    @Test(arguments: ["point", "area"])
    func mclpFindsTheEnumeratedOptimaBeyondGreedy(demand: String) throws {
        let folder = try temporaryFolder(), out = folder.appendingPathComponent("out")
        try maillage(try LineTerritory.arguments(folder: folder, out: out, ["--sites", "1,2,3", "--demand", demand]))
        let solved = try answers(out)
        #expect(solved.map { $0["covered_population"] as! Double } == [39, 49, 53])
        #expect([1, 2, 3].map(LineTerritory.optimum) == [39, 49, 53])
        #expect(solved.map { $0["existing_covered_population"] as! Double } == [7, 7, 7])
        #expect(LineTerritory.optimalSets(1) == [["99003"]])
        #expect(Set(try suggestedCodes(out.appendingPathComponent("suggested_sites_p1.geojson"))) == ["99003"])
        #expect(LineTerritory.optimalSets(2).count == 3)
        #expect(LineTerritory.optimalSets(2).contains(Set(try suggestedCodes(out.appendingPathComponent("suggested_sites_p2.geojson")))))
        #expect(LineTerritory.optimalSets(3).contains(Set(try suggestedCodes(out.appendingPathComponent("suggested_sites.geojson")))))
        for answer in solved {   // the bound brackets the optimum
            #expect(answer["upper_bound_population"] as! Double >= answer["covered_population"] as! Double)
        }
        // Greedy alone gets 44 with 2 sites: the curve follows greedy order (16 first, then 0).
        let curve = try CSVTable.read(contentsOf: out.appendingPathComponent("coverage_curve.csv"))
        let covered = curve.columnIndex("covered_population")!, best = curve.columnIndex("best_found_population")!
        #expect(curve.rows.map { Double($0[covered])! } == [7, 39, 44, 53] || curve.rows.map { Double($0[covered])! } == [7, 39, 44, 49])
        #expect(curve.rows[2][best] == "49")
        #expect(curve.rows[1][curve.columnIndex("commune_code")!] == "99003")
        // Re-measured as analyse would: the figures agree (whole communes covered, no partial pieces).
        for answer in solved {
            #expect(answer["population_by_representative_point_analyse"] as! Double == answer["covered_population"] as! Double)
        }
        // Updated layers: every commune covered with the 3 sites.
        let communes = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("suggest_communes.geojson"))
        #expect(communes.features.count == 7)
        #expect(communes.features.allSatisfy { $0.properties["nearest_km"]!.doubleValue! <= 10 })
        #expect(communes.features.contains { $0.properties["nearest_lieu_id"] == .string("suggested-1") })
        let sites = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("suggested_sites.geojson"))
        #expect(sites.features.map { $0.properties["rank"]!.doubleValue! } == [1, 2, 3])
        #expect(sites.foreignMembers["maillage"] != nil)
    }

    @Test func targetShareGivesTheFewestSites() throws {
        let folder = try temporaryFolder(), out = folder.appendingPathComponent("out")
        try maillage(try LineTerritory.arguments(folder: folder, out: out, ["--target-share", "0.9", "--demand", "point"]))
        let answer = try answers(out)[0]
        #expect(answer["target_reached"] as! Bool)
        let fewest = LineTerritory.oracle["fewest_sites_for_share"] as! [String: Double]
        #expect(fewest == ["0.9": 2, "1": 3])
        #expect(answer["sites_chosen"] as! Double == 2)
        #expect(answer["covered_population"] as! Double == 49)
        #expect(answer["site_count_lower_bound"] as! Double == 2)

        try maillage(try LineTerritory.arguments(folder: folder, out: out, ["--target-share", "1", "--demand", "point"]))
        #expect(try answers(out)[0]["sites_chosen"] as! Double == 3)

        // Already reached by the existing lieu (7 / 53 ≥ 10 %): no site, and the layers still come out.
        try maillage(try LineTerritory.arguments(folder: folder, out: out, ["--target-share", "0.1"]))
        let none = try answers(out)[0]
        #expect(none["target_reached"] as! Bool && none["sites_chosen"] as! Double == 0)
        #expect(try GeoJSONReader.read(contentsOf: out.appendingPathComponent("suggested_sites.geojson")).features.isEmpty)

        // More sites asked than useful (every one of the 7 candidates): the answer stops once everybody is covered and says so.
        try maillage(try LineTerritory.arguments(folder: folder, out: out, ["--sites", "7", "--demand", "point"]))
        let exhausted = try answers(out)[0]
        #expect(exhausted["coverage_exhausted"] as! Bool && exhausted["covered_population"] as! Double == 53)
        #expect((exhausted["sites_chosen"] as! Double) <= 4)
    }

    /// Candidates restricted to x = 8 and 24 km (a file, one with a cost): everybody is unreachable
    /// because nothing reaches the commune at 80 km; the answer says so and names it.
    @Test func unreachableTargetNamesTheCommunesOutOfReach() throws {
        let folder = try temporaryFolder(), out = folder.appendingPathComponent("out")
        let candidates = folder.appendingPathComponent("candidates.csv")
        try """
        id,nom,longitude,latitude,cout,kind
        A,Site A,\(LineTerritory.lon(8)),\(LineTerritory.latitude),3,ok
        B,Site B,\(LineTerritory.lon(24)),\(LineTerritory.latitude),3,ok
        C,Site C,\(LineTerritory.lon(80)),\(LineTerritory.latitude),1,excluded
        """.write(to: candidates, atomically: true, encoding: .utf8)
        try maillage(try LineTerritory.arguments(folder: folder, out: out, [
            "--target-share", "1", "--demand", "point", "--candidates", candidates.path, "--candidates-filter", "kind=ok"]))
        let summary = try readJSON(out.appendingPathComponent("suggest_summary.json"))
        let answer = (summary["answers"] as! [[String: Any]])[0]
        #expect(answer["target_reached"] as! Bool == false)
        #expect(abs(answer["maximum_reachable_share"] as! Double - 49.0 / 53) <= 5e-7)
        let unreachable = summary["unreachable"] as! [String: Any]
        #expect(unreachable["population"] as! Double == 4)
        let oracleAB = LineTerritory.oracle["candidates_8_24"] as! [String: Any]
        #expect(oracleAB["unreachable_communes"] as! [String] == ["99007"] && oracleAB["max_covered"] as! Double == 49)
        #expect(oracleAB["best_single_site_covered"] as! Double == 34)
        #expect((unreachable["communes"] as! [[String: Any]]).map { $0["code"] as! String } == ["99007"])
        #expect((summary["candidates"] as! [String: Any])["filtered_out"] as! Double == 1)
        #expect(Set(try suggestedCodes(out.appendingPathComponent("suggested_sites.geojson"))) == ["99002", "99004"])

        // Budget 5 with costs 3 + 3: one site only; either covers 10 + 12 + 5 or 5 + 10 + 12 → 34.
        try maillage(try LineTerritory.arguments(folder: folder, out: out, [
            "--budget", "5", "--candidate-cost", "cout", "--candidate-capacity", "cout", "--demand", "point",
            "--candidates", candidates.path, "--candidates-filter", "kind=ok"]))
        let budget = try answers(out)[0]
        #expect(budget["sites_chosen"] as! Double == 1 && budget["covered_population"] as! Double == 34)
        #expect(budget["spent_cost"] as! Double == 3)
        let chosen = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("suggested_sites.geojson")).features
        #expect(chosen.count == 1 && chosen[0].properties["cost"] == .number(3) && chosen[0].properties["capacity"] == .number(3))
        let curve = try CSVTable.read(contentsOf: out.appendingPathComponent("coverage_curve.csv"))
        #expect(curve.rows.map { $0[curve.columnIndex("covered_population")!] } == ["7", "34"])
    }

    /// Commune candidates filtered by property: without the middle commune, the best single site covers 27.
    @Test func communeCandidatesFilter() throws {
        let folder = try temporaryFolder(), out = folder.appendingPathComponent("out")
        try maillage(try LineTerritory.arguments(folder: folder, out: out, ["--sites", "1", "--demand", "point",
                                                                            "--candidates-filter", "code!=99003"]))
        let summary = try readJSON(out.appendingPathComponent("suggest_summary.json"))
        #expect((summary["candidates"] as! [String: Any])["filtered_out"] as! Double == 1)
        let answer = (summary["answers"] as! [[String: Any]])[0]
        #expect(answer["covered_population"] as! Double == 34)
        #expect(try suggestedCodes(out.appendingPathComponent("suggested_sites.geojson")) == ["99002"])   // tie with 99004: first wins
    }

    /// Candidates from a GeoJSON file, cost as a number property: the budget buys the two cheap sites.
    @Test func geoJSONCandidatesWithCosts() throws {
        let folder = try temporaryFolder(), out = folder.appendingPathComponent("out")
        let candidates = folder.appendingPathComponent("candidates.geojson")
        let points = [("A", 8.0, 2.0), ("B", 16.0, 5.0), ("C", 32.0, 2.0)].map { id, km, cost in
            "{\"type\":\"Feature\",\"properties\":{\"id\":\"\(id)\",\"nom\":\"Site \(id)\",\"cout\":\(cost)},"
                + "\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(LineTerritory.lon(km)),\(LineTerritory.latitude)]}}"
        }
        try "{\"type\":\"FeatureCollection\",\"features\":[\(points.joined(separator: ","))]}".write(to: candidates, atomically: true, encoding: .utf8)
        // Budget 4: A + C (cost 2 + 2) cover x = 0…16 and 24…32 km: 42 new, better than B alone (32).
        try maillage(try LineTerritory.arguments(folder: folder, out: out, [
            "--budget", "4", "--candidate-cost", "cout", "--demand", "point", "--candidates", candidates.path]))
        let answer = try answers(out)[0]
        #expect(answer["covered_population"] as! Double == 49 && answer["spent_cost"] as! Double == 4)
        let sites = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("suggested_sites.geojson")).features
        #expect(Set(sites.map { $0.properties["candidate_id"]!.stringValue! }) == ["A", "C"])
        #expect(Set(sites.map { $0.properties["commune_code"]!.stringValue! }) == ["99002", "99005"])
    }

    @Test func sameInputsGiveIdenticalBytes() throws {
        let folder = try temporaryFolder()
        let first = folder.appendingPathComponent("a"), second = folder.appendingPathComponent("b")
        try maillage(try LineTerritory.arguments(folder: folder, out: first, ["--sites", "2,3"]))
        try maillage(try LineTerritory.arguments(folder: folder, out: second, ["--sites", "2,3"]))
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        #expect(names == ["coverage_curve.csv", "suggest_communes.geojson", "suggest_summary.json", "suggest_white_zones.geojson",
                          "suggested_sites.geojson", "suggested_sites_p2.geojson"])
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == Data(contentsOf: second.appendingPathComponent(name)), "\(name)")
        }
    }

    @Test func clearErrorsAndHelp() throws {
        let folder = try temporaryFolder(), out = folder.appendingPathComponent("out")
        func message(_ extra: [String]) throws -> String {
            do { try maillage(try LineTerritory.arguments(folder: folder, out: out, extra)); return "no error" } catch {
                return Maillage.message(for: error)
            }
        }
        #expect(try message(["--sites", "2", "--target-share", "0.9"]).contains("only one of"))
        #expect(try message(["--sites", "deux"]).contains("'deux' is not a positive number"))
        #expect(try message(["--target-share", "95"]).contains("at most 1"))
        #expect(try message(["--budget", "3"]).contains("--candidate-cost"))
        #expect(try message(["--demand", "surface"]).contains("'area' or 'point'"))
        let help = Maillage.helpMessage(for: Suggest.self)
        for option in ["--communes", "--population", "--lieux", "--lieux-filter", "--departements", "--within", "--sites",
                       "--target-share", "--demand", "--grid-km", "--candidates", "--candidate-cost", "--candidates-filter", "--out", "--quiet"] {
            #expect(help.contains(option), "\(option) missing from help")
        }
        #expect(help.contains("Example"))
    }

    /// The demo territory: the sites' marginal gains add up to the population they add.
    @Test func demoRuns() throws {
        let out = try temporaryFolder()
        try maillage(["suggest", "--communes", demo("communes.geojson"), "--population", demo("population.csv"),
                      "--lieux", demo("lieux.csv"), "--sites", "2", "--quiet", "--out", out.path])
        let answer = try answers(out)[0]
        #expect(answer["sites_chosen"] as! Double == 2)
        let gain = answer["added_population"] as! Double
        let sites = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("suggested_sites.geojson"))
        #expect(abs(sites.features.reduce(0) { $0 + $1.properties["marginal_population"]!.doubleValue! } - gain) < 0.2)
    }
}
