import Foundation
import Testing
import RoadNetwork
import TestSupport
import GeoCore

/// Corsica: road times from the 360 communes to the nearest of the 37 France Services 2024,
/// against the networkx oracle (oracle/roadnetwork/corsica_nearest_lieu.py, one Dijkstra per lieu,
/// roads read by libosmium). Same projection, rules, snapping and off-road speed.
@Suite("Corsica road times vs networkx oracle")
struct CorsicaOracleTests {
    struct Fixture {
        let projection: EquirectangularProjection
        let offRoadKmh: Double
        let thresholdsMinutes: [Double]
        let graph: [String: Int]
        let lieux: [[String: Any]]
        let communes: [[String: Any]]
    }

    static func fixture() throws -> Fixture {
        let root = try readJSON(Fixtures.url("corsica_nearest_lieu.json"))
        let p = root["projection"] as! [String: Any]
        return Fixture(projection: EquirectangularProjection(originLon: p["originLon"] as! Double, originLat: p["originLat"] as! Double),
                       offRoadKmh: root["offRoadSpeedKmh"] as! Double,
                       thresholdsMinutes: (root["thresholdsMinutes"] as! [Int]).map(Double.init),
                       graph: root["graph"] as! [String: Int],
                       lieux: root["lieux"] as! [[String: Any]], communes: root["communes"] as! [[String: Any]])
    }

    static func points(_ rows: [[String: Any]], _ projection: EquirectangularProjection) -> [XY] {
        let p = projection.project(rows.map { $0["lon"] as! Double }, rows.map { $0["lat"] as! Double })
        return zip(p.xs, p.ys).map { XY(x: $0, y: $1) }
    }

    static func model(_ f: Fixture, ways: RoadWaySet) throws -> (RoadAccessModel, RoadGraphReport) {
        let (graph, report) = try RoadGraph.build(ways: ways, project: f.projection.closure)
        let model = try RoadAccessModel(graph: graph, lieux: points(f.lieux, f.projection), origins: points(f.communes, f.projection),
                                        parameters: RoadAccessParameters(offRoadSpeedKmh: f.offRoadKmh))
        return (model, report)
    }

    @Test(.needsSharedData)
    func nearestLieuTimesMatchTheOracle() throws {
        let pbf = SharedData.path("roads/corse_roads.osm.pbf")
        let f = try Self.fixture()
        #expect(f.communes.count == 360 && f.lieux.count == 37)
        let progress = ProgressLog()
        let ways = try RoadWaySet.load(pbfPath: pbf, progress: { progress.record($0, $1) })
        let size = try FileManager.default.attributesOfItem(atPath: pbf)[.size] as! Int
        #expect(progress.calls.last.map { $0.0 == 2 * size && $0.1 == 2 * size } == true, "\(progress.calls.suffix(3)) size \(size)") // two passes, complete
        #expect(ways.droppedWays.isEmpty && ways.wayCount == 17_333 && ways.missingNodeReferences == 0)
        let (model, report) = try Self.model(f, ways: ways)
        #expect(report.nodes == f.graph["nodes"])
        #expect(model.componentReport.nodesKept == f.graph["keptNodes"])
        // Snapping: same nodes, same off-road lengths.
        for (i, lieu) in f.lieux.enumerated() {
            #expect(model.graph.nodeIds[Int(model.lieuAccess[i].node)] == (lieu["snapNodeId"] as! NSNumber).int64Value)
        }
        let results = model.nearestLieu()
        var worst = 0.0
        for (i, row) in f.communes.enumerated() {
            let code = row["code"] as! String
            #expect(model.graph.nodeIds[Int(model.originAccess[i].node)] == (row["snapNodeId"] as! NSNumber).int64Value, "\(code) snap")
            #expect(abs(results[i].originOffRoadMetres - (row["offRoadMetres"] as! Double)) < 0.01, "\(code) off-road leg")
            let expected = row["seconds"] as! Double
            worst = max(worst, abs(results[i].totalSeconds - expected))
            #expect(abs(results[i].totalSeconds - expected) <= 1, "\(code): \(results[i].totalSeconds) s vs oracle \(expected) s")
            if (row["secondBestSeconds"] as! Double) - expected > 1 {
                #expect(f.lieux[results[i].lieu]["id"] as! String == row["nearestLieuId"] as! String, "\(code) nearest lieu")
            }
        }
        print("Corsica: largest difference from the networkx oracle \(worst) s over \(results.count) communes")
        // Counts of lieux within 10/20/30 min: exact equality (per-lieu oracle times agree to < 0.001 s).
        let thresholds = f.thresholdsMinutes.map { $0 * 60 }
        let counts = model.lieuCountsWithin(thresholdsSeconds: thresholds)
        for (i, row) in f.communes.enumerated() {
            #expect(counts[i].map(Int.init) == row["countsWithin"] as! [Int], "\(row["code"]!) counts")
        }
    }

    @Test(.needsSharedData)
    func geoJSONRoadLayerGivesTheSameTimes() throws {
        let path = SharedData.path("roads/corse_roads.geojson")
        let f = try Self.fixture()
        // The GeoJSON layer holds the same ways with coordinates rounded to 6 decimals (≤ 0.1 m).
        let (model, _) = try Self.model(f, ways: RoadWaySet(ways: try loadRoadWays(geoJSONPath: path)))
        let results = model.nearestLieu()
        for (i, row) in f.communes.enumerated() {
            #expect(abs(results[i].totalSeconds - (row["seconds"] as! Double)) <= 1, "\(row["code"]!)")
        }
    }
}
