import Foundation
import Testing
import RoadNetwork
import TestSupport

/// The hand-encoded fixtures of oracle/roadnetwork/make_tiny_fixtures.py (PBF and GeoJSON).
@Suite("Tiny road fixtures: one-way, roundabout, access, maxspeed")
struct TinyRoadFixtureTests {
    static let nodes: [Int64: (Double, Double)] = [
        1: (7.000, 44.000), 2: (7.001, 44.000), 3: (7.002, 44.000), 4: (7.003, 44.000), 5: (7.004, 44.000),
        7: (7.001, 43.999), 9: (7.000, 44.001), 10: (7.000, 44.002),
        20: (7.002, 43.999), 21: (7.0025, 43.9985), 22: (7.0015, 43.9985),
    ]

    /// Expected seconds of edge a→b: projected length / speed.
    static func expectedSeconds(_ a: Int64, _ b: Int64, kmh: Double) -> Double {
        let p = tinyProjection.project([nodes[a]!.0, nodes[b]!.0], [nodes[a]!.1, nodes[b]!.1])
        return hypot(p.xs[1] - p.xs[0], p.ys[1] - p.ys[0]) / (kmh / 3.6)
    }

    /// (from, to, km/h or nil when the edge must not exist)
    static let edges: [(Int64, Int64, Double?)] = [
        (1, 2, 80), (2, 1, 80), (2, 3, 80), (3, 2, 80),         // primary, two-way
        (3, 4, 30), (4, 3, nil),                                // oneway=yes
        (5, 4, 30), (4, 5, nil),                                // oneway=-1
        (20, 21, 60), (21, 22, 60), (22, 20, 60),               // roundabout: forward only
        (21, 20, nil), (22, 21, nil), (20, 22, nil),
        (2, 7, 70), (7, 2, 70),                                 // access=no + motor_vehicle=yes
        (1, 9, 30 * 1.609344), (9, 1, 30 * 1.609344),           // maxspeed 30 mph
        (9, 10, 50), (10, 9, 50),                               // maxspeed 50;70
        (3, 20, 50), (20, 3, 50),                               // maxspeed FR:urban
    ]

    @Test func pbfCounts() throws {
        let stats = try OSMPBFReader(path: Fixtures.path("tiny_roads.osm.pbf")).statistics()
        #expect(stats.nodes == 19 && stats.ways == 13 && stats.relations == 1)
        #expect(stats.nodeTags == 2 && stats.relationTags == 2 && stats.relationMembers == 2)
        #expect(stats.wayTags == 25 && stats.wayNodeRefs == 31) // as `osmium cat -f opl` lists them
        #expect(stats.header.isSortedTypeThenID)
        #expect(stats.header.requiredFeatures == ["OsmSchema-V0.6", "DenseNodes"])
        let bbox = try #require(stats.header.bbox)
        #expect(abs(bbox.minLon - 7.0) < 1e-9 && abs(bbox.maxLat - 44.01) < 1e-9)
    }

    @Test func pbfNodeTagsAndCoordinates() throws {
        struct Collect: OSMPBFVisitor {
            var coords: [Int64: (Double, Double)] = [:]
            var tags: [Int64: [String: String]] = [:]
            var wantedKinds: OSMEntityKinds { .nodes }
            mutating func visitNode(id: Int64, lon: Double, lat: Double, tags t: OSMTags) throws {
                coords[id] = (lon, lat)
                if !t.isEmpty { tags[id] = t.dictionary }
            }
        }
        var c = Collect()
        try OSMPBFReader(path: Fixtures.path("tiny_roads.osm.pbf")).read(&c)
        #expect(c.tags == [30: ["amenity": "townhall", "name": "Mairie"]])
        #expect(abs(c.coords[21]!.0 - 7.0025) < 1e-12 && abs(c.coords[21]!.1 - 43.9985) < 1e-12)
        #expect(abs(c.coords[42]!.0 - 7.006) < 1e-12) // a plain (non-dense) node in a raw blob
    }

    @Test func pbfGraphHonoursTags() throws {
        let ways = try RoadWaySet.load(pbfPath: Fixtures.path("tiny_roads.osm.pbf"))
        #expect(ways.droppedWays == [.notARoad: 1, .notDrivableClass: 1, .closedToCars: 2, .reversible: 1])
        let (graph, report) = try RoadGraph.build(ways: ways, project: tinyProjection.closure)
        #expect(report.waysKept == 8)
        #expect(graph.nodeCount == 11 && Set(graph.nodeIds) == Set(Self.nodes.keys))
        #expect(graph.edgeCount == 17)
        for (a, b, kmh) in Self.edges {
            let seconds = graph.seconds(fromId: a, toId: b)
            if let kmh {
                let s = try #require(seconds, "edge \(a)→\(b) missing")
                #expect(abs(s - Self.expectedSeconds(a, b, kmh: kmh)) < 1e-4, "edge \(a)→\(b)")
            } else {
                #expect(seconds == nil, "edge \(a)→\(b) must not exist")
            }
        }
    }

    @Test func geoJSONLayerGivesTheSameGraph() throws {
        let roadWays = try loadRoadWays(geoJSONPath: Fixtures.path("tiny_roads.geojson"))
        let ways = RoadWaySet(ways: roadWays)
        #expect(ways.droppedWays == [.notARoad: 1, .notDrivableClass: 1, .closedToCars: 2, .reversible: 1])
        let (graph, _) = try RoadGraph.build(ways: ways, project: tinyProjection.closure)
        #expect(graph.nodeCount == 11 && graph.edgeCount == 17)
        for (a, b, kmh) in Self.edges {
            let seconds = graph.seconds(from: Self.nodes[a]!, to: Self.nodes[b]!)
            if let kmh {
                let s = try #require(seconds)
                #expect(abs(s - Self.expectedSeconds(a, b, kmh: kmh)) < 1e-4)
            } else {
                #expect(seconds == nil)
            }
        }
    }

    @Test func onewaysShapeShortestTimes() throws {
        let ways = try RoadWaySet.load(pbfPath: Fixtures.path("tiny_roads.osm.pbf"))
        let (graph, _) = try RoadGraph.build(ways: ways, project: tinyProjection.closure)
        let index = { (id: Int64) in Int32(graph.nodeIds.firstIndex(of: id)!) }
        let from3 = graph.multiSourceShortestTimes(from: [SearchSource(node: index(3), label: 0)])
        #expect(abs(from3.seconds[Int(index(4))] - Self.expectedSeconds(3, 4, kmh: 30)) < 1e-4)
        #expect(from3.seconds[Int(index(5))] == .infinity) // 4→5 is against oneway=-1
        // Around the roundabout from 3: 3→20→21→22.
        let around = Self.expectedSeconds(3, 20, kmh: 50) + Self.expectedSeconds(20, 21, kmh: 60) + Self.expectedSeconds(21, 22, kmh: 60)
        #expect(abs(from3.seconds[Int(index(22))] - around) < 1e-4)
        let from4 = graph.multiSourceShortestTimes(from: [SearchSource(node: index(4), label: 0)])
        #expect(from4.seconds[Int(index(3))] == .infinity) // 4 is a dead end (one-ways lead in)
    }
}
