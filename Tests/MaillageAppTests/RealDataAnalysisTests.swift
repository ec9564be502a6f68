import Foundation
import Testing
import TestSupport

/// `maillage analyse` end to end on real data: Nouvelle-Aquitaine (12 départements), France Services
/// 2020, 5/10/20 km, against oracle/analysis/distance_coverage.py (shapely + pyproj) within 0.1 %.
@Suite(.temporaryFolders) struct RealDataAnalysisTests {
    @Test(.needsSharedData)
    func nouvelleAquitaineMatchesShapely() throws {
        let out = try temporaryFolder()
        try maillage(["analyse", "--communes", SharedData.path("communes"),
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2020.geojson"),
                      "--departements", "16,17,19,23,24,33,40,47,64,79,86,87", "--within", "5,10,20", "--quiet", "--out", out.path])
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        let oracle = try readJSON(SharedData.oracle("analysis/nouvelle_aquitaine.json"))
        func close(_ a: Double, _ b: Double, _ what: String) {
            #expect(abs(a - b) <= 1e-3 * abs(b), "\(what): maillage \(a), oracle \(b)")
        }
        #expect((summary["territory"] as! [String: Any])["communes"] as! Double == oracle["communes"] as! Double)
        close((summary["territory"] as! [String: Any])["population"] as! Double, oracle["population"] as! Double, "population")
        let thresholds = summary["within_thresholds"] as! [[String: Any]]
        let expected = oracle["thresholds"] as! [String: [String: Double]]
        for (threshold, key) in zip(thresholds, ["5.0", "10.0", "20.0"]) {
            close(threshold["population_by_representative_point"] as! Double, expected[key]!["population_by_point"]!, "\(key) km by point")
            close(threshold["population_area_weighted"] as! Double, expected[key]!["population_area_weighted"]!, "\(key) km area-weighted")
            close(threshold["covered_area_km2"] as! Double * 1e6, expected[key]!["covered_area_m2"]!, "\(key) km covered area")
        }
        let white = summary["white_zones"] as! [String: Any]
        close(white["area_km2"] as! Double * 1e6, oracle["white_zone_area_m2"] as! Double, "white-zone area")
        close(white["population"] as! Double, oracle["white_zone_population"] as! Double, "white-zone population")
        let distance = summary["distance_to_nearest_lieu_km"] as! [String: Any]
        close(distance["median"] as! Double * 1000, oracle["median_distance_m"] as! Double, "median distance")
        close(distance["p90"] as! Double * 1000, oracle["p90_distance_m"] as! Double, "p90 distance")
        close(distance["max"] as! Double * 1000, oracle["max_distance_m"] as! Double, "max distance")
    }
}
