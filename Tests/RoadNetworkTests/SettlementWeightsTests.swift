import Foundation
import GeoCore
import Projection
import RoadNetwork
import TestSupport
import Testing

/// Settlement weights (buildings, residential roads) against hand-computed cases and the libosmium +
/// shapely + pyproj oracle `oracle/roadnetwork/settlement_weights.py`.
@Suite struct SettlementWeightsTests {
    static let metresPerDegree = EquirectangularProjection.earthRadiusMetres * Double.pi / 180

    // MARK: Hand-computed cases

    @Test func squareFootprintHasItsAreaAndCentreWhateverItsOrientation() {
        // A 0.001° square at 45° N: on the plane about its corner, 0.001·m/deg·cos 45° by 0.001·m/deg.
        let square = [XY(5.0, 45.0), XY(5.001, 45.0), XY(5.001, 45.001), XY(5.0, 45.001), XY(5.0, 45.0)]
        let expectedArea = 8742.912808298952 // (111.19508023 m)² · cos 45°
        for ring in [square, Array(square.reversed())] {
            let footprint = SettlementWeights.footprint(ofClosedRing: ring)
            #expect(abs(footprint.weight - expectedArea) < 1e-6)
            #expect(abs(footprint.position.x - 5.0005) < 1e-12)
            #expect(abs(footprint.position.y - 45.0005) < 1e-12)
        }
    }

    @Test func ringOfZeroAreaWeighsNothingAtItsVertexMean() {
        let flat = SettlementWeights.footprint(ofClosedRing: [XY(1, 2), XY(3, 2), XY(1, 2)])
        #expect(flat.weight == 0)
        #expect(flat.position == XY(2, 2))
    }

    @Test func haversineMatchesClosedForms() {
        // Along a meridian: R·Δφ; along a parallel: 2R·asin(cos φ · sin(Δλ/2)).
        #expect(abs(SettlementWeights.haversineMetres(XY(7, 44.001), XY(7, 44.002)) - 111.1950802335329) < 1e-6)
        #expect(abs(SettlementWeights.haversineMetres(XY(7.003, 44), XY(7.004, 44)) - 79.98704681333997) < 1e-6)
    }

    /// `tiny_roads.osm.pbf` (see `oracle/roadnetwork/make_tiny_fixtures.py`): one building way, the
    /// triangle of nodes 40 (7.005, 44.005), 41 (7.006, 44.005), 42 (7.006, 44.006); residential ways
    /// 3–4 and 4–5 along 44° N, unclassified way 9–10 along 7° E, each 0.001° long.
    @Test func tinyFixtureByHand() throws {
        let weights = try SettlementWeights.read(pbfPath: Fixtures.path("tiny_roads.osm.pbf"))
        #expect(weights.counts.buildingWays == 1)
        #expect(weights.counts.buildingNodes == 0)
        #expect(weights.counts.buildingRelationsNotMeasured == 0)
        #expect(weights.counts.residentialRoadWays == 3)
        #expect(weights.counts.residentialRoadSegments == 3)
        let building = try #require(weights.buildings.first)
        // Right triangle on the plane about node 40: ½ · (0.001·m/deg·cos 44.005°) · (0.001·m/deg).
        #expect(abs(building.weight - 4446.708261456335) < 1e-6)
        // The plane is an affine image of lon/lat: the centroid is the vertex mean.
        let vertexMean = XY((7.005 + 7.006 + 7.006) / 3, (44.005 + 44.005 + 44.006) / 3)
        #expect(abs(building.position.x - vertexMean.x) < 1e-12)
        #expect(abs(building.position.y - vertexMean.y) < 1e-12)
        let lengths = weights.residentialRoads.map(\.weight).sorted()
        #expect(abs(lengths[0] - 79.98704681333997) < 1e-6)
        #expect(abs(lengths[1] - 79.98704681333997) < 1e-6)
        #expect(abs(lengths[2] - 111.1950802335329) < 1e-6)
        #expect(weights.residentialRoads.contains { abs($0.position.x - 7.0035) < 1e-12 && abs($0.position.y - 44) < 1e-12 })
        // One building is below the default threshold: roads describe the settlement.
        #expect(weights.kind == .residentialRoads)
        #expect(weights.weights == weights.residentialRoads)
        let lowThreshold = try SettlementWeights.read(pbfPath: Fixtures.path("tiny_roads.osm.pbf"), minimumBuildings: 1)
        #expect(lowThreshold.kind == .buildings)
    }

    @Test func kindFallsBackFromRoadsToSparseBuildingsToNothing() {
        let house = WeightedPoint(position: XY(0, 0), weight: 100)
        #expect(SettlementWeights(buildings: [house], residentialRoads: []).kind == .buildings)
        #expect(SettlementWeights(buildings: [], residentialRoads: []).kind == .none)
        #expect(SettlementWeights(buildings: [], residentialRoads: [], minimumBuildings: 0).kind == .buildings)
    }

    /// Edge cases in a PBF built here (ways before nodes, nodes in descending id order): a square
    /// building of 0.001° at 48° N (nodes 1–4), a building node, `building=no`, an open building way,
    /// a building ring and a living street with nodes absent from the file, two multipolygons.
    @Test func edgeCasesOfAHandMadeFile() throws {
        let nodes: [(id: Int64, lon: Double, lat: Double, tags: [(String, String)])] = [
            (6, 2.003, 48.0, [("building", "no")]), (5, 2.002, 48.0, [("building", "house")]),
            (4, 2.0, 48.001, []), (3, 2.001, 48.001, []), (2, 2.001, 48.0, []), (1, 2.0, 48.0, []),
        ]
        let ways: [(id: Int64, refs: [Int64], tags: [(String, String)])] = [
            (10, [1, 2, 3, 4, 1], [("building", "yes")]),
            (11, [1, 2, 3], [("building", "yes")]),
            (12, [1, 2, 3, 1], [("building", "no")]),
            (13, [1, 2, 99, 1], [("building", "yes")]),
            (14, [4, 98, 3, 2], [("highway", "living_street")]),
            (15, [1, 2], [("highway", "primary")]),
        ]
        let relations: [(id: Int64, tags: [(String, String)])] = [
            (20, [("type", "multipolygon"), ("building", "yes")]),
            (21, [("type", "multipolygon"), ("landuse", "residential")]),
        ]
        let bytes = HandMadePBF.file(nodes: nodes, ways: ways, relations: relations)
        let weights = try SettlementWeights.read(pbf: OSMPBFReader(bytes: bytes), minimumBuildings: 2)
        var expected = SettlementWeights.Counts()
        expected.buildingWays = 1
        expected.buildingNodes = 1
        expected.buildingRelationsNotMeasured = 1
        expected.buildingWaysNotClosed = 1
        expected.buildingWaysMissingNodes = 1
        expected.residentialRoadWays = 1
        expected.residentialRoadWaysMissingNodes = 1
        expected.residentialRoadSegments = 1
        #expect(weights.counts == expected)
        #expect(weights.kind == .buildings)
        let byWeight = weights.buildings.sorted { $0.weight < $1.weight }
        try #require(byWeight.count == 2)
        #expect(byWeight[0] == WeightedPoint(position: XY(2.002, 48.0), weight: 100))
        // (0.001° · 111,195.08 m/°)² · cos 48°.
        #expect(abs(byWeight[1].weight - 8273.36224798038) < 1e-6)
        #expect(abs(byWeight[1].position.x - 2.0005) < 1e-12 && abs(byWeight[1].position.y - 48.0005) < 1e-12)
        // Only the segment 3–2 has both nodes: 0.001° of meridian.
        let segment = try #require(weights.residentialRoads.first)
        #expect(abs(segment.weight - 111.1950802335329) < 1e-6)
        #expect(abs(segment.position.x - 2.001) < 1e-12 && abs(segment.position.y - 48.0005) < 1e-12)
    }

    // MARK: Real extracts against the oracle

    static let oracleFiles = ["pont_de_veyle.osm.pbf", "liechtenstein-2013-08-03.osm.pbf", "corse_roads.osm.pbf"]

    static func oracle(_ file: String) throws -> [String: Any] {
        let root = try readJSON(SharedData.oracle("roadnetwork/settlement_weights.json"))
        let files = try #require(root["files"] as? [String: Any])
        return try #require(files[file] as? [String: Any])
    }

    /// Weights summed per 200 m EPSG:3035 cell, named as INSEE's grid (lower-left corner).
    static func cellSums(_ points: [WeightedPoint]) throws -> [String: Double] {
        var positions = points.map(\.position)
        try Transformer(from: .wgs84, to: .epsg(3035)).transform(&positions)
        var sums: [String: Double] = [:]
        for (p, point) in zip(positions, points) {
            let name = "CRS3035RES200mN\(Int((p.y / 200).rounded(.down)) * 200)E\(Int((p.x / 200).rounded(.down)) * 200)"
            sums[name, default: 0] += point.weight
        }
        return sums
    }

    static func expectHeaviestCells(_ expected: Any?, _ sums: [String: Double], _ file: String) throws {
        let cells = try #require(expected as? [[String: Any]])
        for cell in cells {
            let name = try #require(cell["cell"] as? String), weight = try #require(cell["weight"] as? Double)
            let actual = try #require(sums[name], "\(file): cell \(name) has no weight")
            // Same formulas on both sides: only rounding (6 decimals in the oracle file) separates them.
            #expect(abs(actual - weight) <= 1e-6 * weight + 1e-5, "\(file) \(name)")
        }
    }

    @Test(.needsSharedData, arguments: oracleFiles)
    func realExtractMatchesOracle(file: String) throws {
        let path = SharedData.path("roads/" + file)
        let oracle = try Self.oracle(file)
        let clock = ContinuousClock(), start = clock.now
        let weights = try SettlementWeights.read(pbfPath: path)
        print("note: settlement weights of \(file) read in \(clock.now - start)")
        let counts = weights.counts

        #expect(weights.buildings.count == oracle["buildings"] as? Int)
        #expect(counts.buildingWays == oracle["building_ways"] as? Int)
        #expect(counts.buildingNodes == oracle["building_nodes"] as? Int)
        #expect(counts.buildingRelationsNotMeasured == oracle["building_relations"] as? Int)
        #expect(counts.buildingWaysNotClosed == oracle["building_ways_not_closed"] as? Int)
        #expect(counts.buildingWaysMissingNodes == oracle["building_ways_missing_nodes"] as? Int)
        #expect(counts.residentialRoadWays == oracle["road_ways"] as? Int)
        #expect(counts.residentialRoadWaysMissingNodes == oracle["road_ways_missing_nodes"] as? Int)
        #expect(counts.residentialRoadSegments == oracle["road_segments"] as? Int)

        // Same plane as the oracle: rounding only.
        let localArea = try #require(oracle["building_area_local_m2"] as? Double)
        #expect(abs(weights.buildingArea - localArea) <= 1e-9 * localArea + 1e-3)
        // Ellipsoidal equal-area EPSG:3035 is about 0.25 % larger than the spherical plane at 46–47° N.
        let wayArea3035 = try #require(oracle["building_way_area_epsg3035_m2"] as? Double)
        let wayArea = weights.buildingArea - Double(counts.buildingNodes) * SettlementWeights.defaultNodeFootprintSquareMetres
        #expect(abs(wayArea - wayArea3035) <= 0.005 * wayArea3035)
        let length = try #require(oracle["road_length_haversine_m"] as? Double)
        #expect(abs(weights.residentialRoadLength - length) <= 1e-9 * length + 1e-3)

        let buildingCells = try Self.cellSums(weights.buildings), roadCells = try Self.cellSums(weights.residentialRoads)
        #expect(buildingCells.count == oracle["building_cells"] as? Int)
        #expect(roadCells.count == oracle["road_cells"] as? Int)
        try Self.expectHeaviestCells(oracle["top_building_cells"], buildingCells, file)
        try Self.expectHeaviestCells(oracle["top_road_cells"], roadCells, file)

        let expectedKind: SettlementWeights.Kind = file == "corse_roads.osm.pbf" ? .residentialRoads : .buildings
        #expect(weights.kind == expectedKind)
    }
}

/// Writes a minimal uncompressed PBF: header block, a block of ways and relations, then a block of
/// plain nodes (granularity 100 nanodegrees), as the format specification describes.
enum HandMadePBF {
    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value, out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
        return out
    }
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    static func field(_ number: UInt64, varint value: UInt64) -> [UInt8] { varint(number << 3) + varint(value) }
    static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] { varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes }
    static func packed(_ number: UInt64, _ values: [UInt64]) -> [UInt8] { field(number, bytes: values.flatMap { varint($0) }) }

    static func block(type: String, payload: [UInt8]) -> [UInt8] {
        let blob = field(1, bytes: payload) + field(2, varint: UInt64(payload.count))
        let header = field(1, bytes: Array(type.utf8)) + field(3, varint: UInt64(blob.count))
        let n = UInt32(header.count)
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + header + blob
    }

    static func file(nodes: [(id: Int64, lon: Double, lat: Double, tags: [(String, String)])],
                     ways: [(id: Int64, refs: [Int64], tags: [(String, String)])],
                     relations: [(id: Int64, tags: [(String, String)])]) -> [UInt8] {
        var strings = [""]
        func index(_ s: String) -> UInt64 {
            if let i = strings.firstIndex(of: s) { return UInt64(i) }
            strings.append(s)
            return UInt64(strings.count - 1)
        }
        func tagFields(_ tags: [(String, String)]) -> [UInt8] {
            tags.isEmpty ? [] : packed(2, tags.map { index($0.0) }) + packed(3, tags.map { index($0.1) })
        }
        var wayGroup: [UInt8] = []
        for way in ways {
            var previous: Int64 = 0
            let deltas = way.refs.map { ref -> UInt64 in defer { previous = ref }; return zigzag(ref - previous) }
            wayGroup += field(3, bytes: field(1, varint: UInt64(way.id)) + tagFields(way.tags) + packed(8, deltas))
        }
        for relation in relations {
            wayGroup += field(4, bytes: field(1, varint: UInt64(relation.id)) + tagFields(relation.tags)
                + packed(8, [index("outer")]) + packed(9, [zigzag(10)]) + packed(10, [1]))
        }
        var nodeGroup: [UInt8] = []
        for node in nodes {
            nodeGroup += field(1, bytes: field(1, varint: zigzag(node.id)) + tagFields(node.tags)
                + field(8, varint: zigzag(Int64((node.lat * 1e7).rounded())))
                + field(9, varint: zigzag(Int64((node.lon * 1e7).rounded()))))
        }
        func primitiveBlock(_ group: [UInt8]) -> [UInt8] {
            field(1, bytes: strings.flatMap { field(1, bytes: Array($0.utf8)) }) + field(2, bytes: group)
        }
        let header = field(4, bytes: Array("OsmSchema-V0.6".utf8))
        // Both blocks share one string table, complete once every group is encoded.
        return block(type: "OSMHeader", payload: header)
            + block(type: "OSMData", payload: primitiveBlock(wayGroup))
            + block(type: "OSMData", payload: primitiveBlock(nodeGroup))
    }
}
