import Foundation
import Testing
import RoadNetwork
import TestSupport

@Suite("OSM PBF reader")
struct PBFReaderTests {
    /// Counts from `osmium fileinfo -e -j` and `osmium cat -f opl`, written by
    /// oracle/roadnetwork/pbf_counts.py.
    static func osmiumCounts(_ file: String) throws -> [String: Any] {
        let all = try readJSON(Fixtures.url("pbf_counts.json"))
        return all[file] as! [String: Any]
    }

    @Test("Real PBF files: entity and tag counts equal osmium's",
          .needsSharedData,
          arguments: ["monaco_2019.osm.pbf", "corse_roads.osm.pbf"])
    func countsMatchOsmium(file: String) throws {
        let path = SharedData.path("roads/\(file)")
        let expected = try Self.osmiumCounts(file)
        let progress = ProgressLog()
        let stats = try OSMPBFReader(path: path).statistics(progress: { read, total in progress.record(read, total) })
        #expect(stats.nodes == expected["nodes"] as? Int)
        #expect(stats.ways == expected["ways"] as? Int)
        #expect(stats.relations == expected["relations"] as? Int)
        #expect(stats.nodeTags == expected["nodeTags"] as? Int)
        #expect(stats.wayTags == expected["wayTags"] as? Int)
        #expect(stats.relationTags == expected["relationTags"] as? Int)
        #expect(stats.wayNodeRefs == expected["wayNodeRefs"] as? Int)
        #expect(stats.relationMembers == expected["relationMembers"] as? Int)
        #expect(stats.minNodeId == (expected["minNodeId"] as! NSNumber).int64Value)
        #expect(stats.maxNodeId == (expected["maxNodeId"] as! NSNumber).int64Value)
        #expect(stats.minWayId == (expected["minWayId"] as! NSNumber).int64Value)
        #expect(stats.maxWayId == (expected["maxWayId"] as! NSNumber).int64Value)
        let bbox = expected["bbox"] as! [Double]
        #expect(abs(stats.minLon - bbox[0]) < 1e-9 && abs(stats.minLat - bbox[1]) < 1e-9)
        #expect(abs(stats.maxLon - bbox[2]) < 1e-9 && abs(stats.maxLat - bbox[3]) < 1e-9)
        // Progress: increasing, ends at the file size.
        let calls = progress.calls
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        #expect(!calls.isEmpty)
        #expect(calls.last?.0 == size && calls.allSatisfy { $0.1 == size })
        #expect(zip(calls, calls.dropFirst()).allSatisfy { $0.0 < $1.0 })
    }
}

/// Collects progress callbacks (called synchronously on the reading thread).
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var _calls: [(Int, Int)] = []
    func record(_ read: Int, _ total: Int) { lock.lock(); _calls.append((read, total)); lock.unlock() }
    var calls: [(Int, Int)] { lock.lock(); defer { lock.unlock() }; return _calls }
}

@Suite("Monaco car graph vs oracle")
struct MonacoGraphTests {
    /// oracle/roadnetwork/monaco_graph.py: libosmium + the same car rules in Python, on real tags.
    @Test(.needsSharedData)
    func carGraphMatchesTheOracle() throws {
        let path = SharedData.path("roads/monaco_2019.osm.pbf")
        let expected = try readJSON(Fixtures.url("monaco_graph.json"))
        let ways = try RoadWaySet.load(pbfPath: path)
        let (graph, report) = try RoadGraph.build(ways: ways, project: EquirectangularProjection(originLon: 7.42, originLat: 43.73).closure)
        #expect(report.waysKept == expected["waysKept"] as? Int)
        let dropped = Dictionary(uniqueKeysWithValues: report.waysDropped.map { ("\($0.key)", $0.value) })
        #expect(dropped == expected["waysDropped"] as? [String: Int])
        #expect(report.missingNodeReferences == expected["missingNodeReferences"] as? Int)
        #expect(graph.nodeCount == expected["nodes"] as? Int)
        #expect(graph.edgeCount == expected["edges"] as? Int)
        #expect(abs(report.roadLengthKm - (expected["roadLengthKm"] as! Double)) < 1e-6)
        let seconds = graph.edgeSeconds.reduce(0.0) { $0 + Double($1) }
        #expect(abs(seconds - (expected["sumEdgeSeconds"] as! Double)) < 1e-3)
        var histogram: [String: Int] = [:]
        for speed in ways.waySpeedsKmh { histogram[String(format: "%g", speed), default: 0] += 1 }
        #expect(histogram == expected["waysPerSpeedKmh"] as? [String: Int])
    }
}
