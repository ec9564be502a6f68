import Foundation
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

/// `maillage analyse` by road end to end: Corsica (2A, 2B) on the shared OSM extract, France Services 2024,
/// 10/20/30 minutes, with time-based catchments and white zones.
@Suite(.temporaryFolders) struct RoadModeTests {
    @Test(.needsSharedData)
    func corsicaByRoad() throws {
        let out = try temporaryFolder()
        try maillage(["analyse", "--communes", SharedData.path("communes"), "--departements", "2A,2B",
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2024.csv"),
                      "--network", SharedData.path("roads/corse_roads.osm.pbf"),
                      "--within", "10min,20min,30min", "--quiet", "--out", out.path])
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        let parameters = summary["parameters"] as! [String: Any]
        #expect((parameters["mode"] as! String).hasPrefix("road travel time"))
        #expect(parameters["thresholds_min"] as! [Double] == [10, 20, 30])
        #expect((parameters["catchment"] as! String).contains("200 m grid"))
        let road = (summary["road_network"] as! [[String: Any]])[0]
        #expect(road["ways_kept"] as! Double == 17_333)
        #expect((road["speeds_kmh"] as! String).contains("motorway"))
        #expect((road["communes_far_from_road"] as! [[String: Any]]).allSatisfy { ($0["offroad_m"] as! Double) > 1000 })

        // The shares by representative point are recomputed from the per-commune travel times.
        let communes = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("communes.geojson"))
        #expect(communes.features.count == 360)
        let thresholds = summary["within_thresholds"] as! [[String: Any]]
        var previous = 0.0
        for (threshold, minutes) in zip(thresholds, [10.0, 20, 30]) {
            let expected = communes.features.reduce(0.0) {
                $0 + (($1.properties["nearest_min"]?.doubleValue ?? .infinity) <= minutes ? $1.properties["population"]!.doubleValue! : 0)
            }
            let byPoint = threshold["population_by_representative_point"] as! Double
            #expect(abs(byPoint - expected) < 1, "\(minutes) min")
            #expect(byPoint >= previous)
            previous = byPoint
            let share = threshold["share_by_representative_point"] as! Double
            #expect(share > 0.5 && share <= 1)
        }
        // Every commune has a nearest lieu by road and a reported off-road leg.
        #expect(communes.features.allSatisfy { $0.properties["nearest_min"]?.doubleValue != nil && $0.properties["offroad_m"]?.doubleValue != nil })
        // Time-based catchments and white zones are written and valid GeoJSON.
        let catchments = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("catchments.geojson"))
        #expect(catchments.features.count == 37)
        let white = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("white_zones.geojson"))
        let whiteSummary = summary["white_zones"] as! [String: Any]
        #expect(whiteSummary["threshold_min"] as! Double == 20)
        let area = white.features.reduce(0.0) { $0 + $1.properties["area_km2"]!.doubleValue! }
        let leftOut = (whiteSummary["pieces_under_min_area_left_out"] as! [String: Any])["dissolved"] as! [String: Double]
        #expect(abs(area + leftOut["area_km2"]! - (whiteSummary["area_km2"] as! Double)) < 0.05)
    }

    @Test func timeThresholdsNeedANetwork() throws {
        let out = try temporaryFolder()
        #expect(throws: (any Error).self) { try maillage(demoArguments(out: out, ["--within", "10min"])) }
        let message: String
        do { try maillage(demoArguments(out: out, ["--within", "10min"])); message = "" } catch { message = Maillage.message(for: error) }
        #expect(message.contains("need a road network"))
    }
}
