import Foundation
import GeoCore
import GeoIO
@testable import MaillageApp
import Projection
import Testing
import TestSupport

/// A hand-made territory in Lambert-93 (metres from (700 000, 6 600 000), written in lon/lat), where every
/// floating-catchment figure can be worked out by hand:
///
///     commune A (1,000 inh.) at (0, 0)      lieux L1a, L1b at (1 km, 0): same coordinates, agents 2 and 1
///     commune B (3,000 inh.) at (12 km, 0)  lieu L2 at (−1 km, 0), agents 1
///     commune C (0 inh.) at (0, 5 km)       lieu L3 at (60 km, 0), agents 4: nobody within 20 km
///     commune D (500 inh.) at (100 km, 0): no lieu within 20 km; no given point (point-on-surface of its square)
///
/// Distances: A–L1 1, A–L2 1, B–L1 11, B–L2 13, C–L1 = C–L2 = √26 ≈ 5.1 km; everything else beyond 20 km.
struct HandMadeAccessTerritory {
    static let origin = XY(700_000, 6_600_000)
    static let communes: [(code: String, at: XY, population: Int, givenPoint: Bool)] = [
        ("99001", XY(0, 0), 1_000, true), ("99002", XY(12_000, 0), 3_000, true),
        ("99003", XY(0, 5_000), 0, true), ("99004", XY(100_000, 0), 500, false),
    ]
    static let lieux: [(id: String, at: XY, agents: Int)] = [
        ("L1a", XY(1_000, 0), 2), ("L1b", XY(1_000, 0), 1), ("L2", XY(-1_000, 0), 1), ("L3", XY(60_000, 0), 4),
    ]

    let folder: URL

    static func lonLat(_ metric: [XY]) throws -> [XY] {
        var points = metric.map { XY(origin.x + $0.x, origin.y + $0.y) }
        try ThreadTransformers.with(from: .lambert93, to: .wgs84) { try $0.transform(&points) }
        return points
    }

    init() throws {
        folder = try temporaryFolder()
        let centres = try Self.lonLat(Self.communes.map(\.at))
        // Squares of ±300 m around each commune's point.
        var features: [String] = []
        for (index, commune) in Self.communes.enumerated() {
            let corners = try Self.lonLat([XY(-300, -300), XY(300, -300), XY(300, 300), XY(-300, 300), XY(-300, -300)]
                .map { XY(commune.at.x + $0.x, commune.at.y + $0.y) })
            let ring = corners.map { "[\($0.x),\($0.y)]" }.joined(separator: ",")
            features.append(#"{"type":"Feature","properties":{"code":"\#(commune.code)","nom":"Commune \#(index + 1)"},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#)
        }
        try #"{"type":"FeatureCollection","features":[\#(features.joined(separator: ","))]}"#
            .write(to: folder.appendingPathComponent("communes.geojson"), atomically: true, encoding: .utf8)
        try (["COM;PMUN"] + Self.communes.map { "\($0.code);\($0.population)" }).joined(separator: "\n")
            .write(to: folder.appendingPathComponent("population.csv"), atomically: true, encoding: .utf8)
        try (["code,longitude,latitude"] + zip(Self.communes, centres).filter { $0.0.givenPoint }.map { "\($0.0.code),\($0.1.x),\($0.1.y)" })
            .joined(separator: "\n").write(to: folder.appendingPathComponent("points.csv"), atomically: true, encoding: .utf8)
        let lieuPoints = try Self.lonLat(Self.lieux.map(\.at))
        try (["id,nom,longitude,latitude,agents"] + zip(Self.lieux, lieuPoints).map { "\($0.0.id),Lieu \($0.0.id),\($0.1.x),\($0.1.y),\($0.0.agents)" })
            .joined(separator: "\n").write(to: folder.appendingPathComponent("lieux.csv"), atomically: true, encoding: .utf8)
        try "code,epci_siren,epci_nom\n99001,200000001,CC Un\n99002,200000001,CC Un\n99003,200000002,CC Deux\n"
            .write(to: folder.appendingPathComponent("epci.csv"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// Runs `maillage access` on the territory and returns the output folder.
    func run(_ extra: [String]) throws -> URL {
        let out = try temporaryFolder()
        try maillage(["access", "--communes", path("communes.geojson"), "--population", path("population.csv"),
                      "--lieux", path("lieux.csv"), "--commune-points", path("points.csv"), "--quiet", "--out", out.path] + extra)
        return out
    }

    /// The straight-line distance (km) between a commune's given point and a lieu, computed as Maillage reads and
    /// projects them: the lon/lat text written in the files, projected to Lambert-93.
    func kilometres(commune: Int, lieu: Int) throws -> Double {
        let centres = try Self.lonLat([Self.communes[commune].at]), lieux = try Self.lonLat([Self.lieux[lieu].at])
        var points = [XY(Double("\(centres[0].x)")!, Double("\(centres[0].y)")!), XY(Double("\(lieux[0].x)")!, Double("\(lieux[0].y)")!)]
        var commune = [points[0]], supply = [points[1]]
        try ThreadTransformers.with(from: .wgs84, to: .lambert93) { try $0.transform(&commune); try $0.transform(&supply) }
        points = [commune[0], supply[0]]
        let dx = points[0].x - points[1].x, dy = points[0].y - points[1].y
        return (dx * dx + dy * dy).squareRoot() / 1000
    }
}

/// Reads a CSV output as code → row (column → text).
func csvRows(_ url: URL, key: String = "code") throws -> [String: [String: String]] {
    let table = try CSVTable.read(contentsOf: url)
    var rows: [String: [String: String]] = [:]
    let keyIndex = try #require(table.columnIndex(key))
    for row in table.rows { rows[row[keyIndex]] = Dictionary(uniqueKeysWithValues: zip(table.header, row)) }
    return rows
}

func expectIndices(_ out: URL, _ expected: [String: Double], column: String = "access_index",
                   sourceLocation: SourceLocation = #_sourceLocation) throws {
    let rows = try csvRows(out.appendingPathComponent("access_communes.csv"))
    for (code, value) in expected {
        let actual = try #require(rows[code]?[column].flatMap(Double.init), sourceLocation: sourceLocation)
        #expect(abs(actual - value) <= 1e-9 * max(1, abs(value)), "\(code) \(column): \(actual), expected \(value)",
                sourceLocation: sourceLocation)
    }
}

@Suite(.temporaryFolders) struct AccessHandMadeTests {
    @Test func enhancedWithCapacityColumnMergesLieuxAtOnePlace() throws {
        let territory = try HandMadeAccessTerritory()
        let out = try territory.run(["--capacity-column", "agents"])
        // S1 = 2 + 1 (L1a and L1b merged), S2 = 1. Both lieux: A (1000 × 1) + B (3000 × 2/3) + C (0) = 3000 weighted inh.
        // A = (3 + 1) / 3000 × 100,000; B = 2/3 of that; C (no population) as A; D nothing in reach.
        try expectIndices(out, ["99001": 400_000.0 / 3000, "99002": 400_000.0 / 3000 * 2 / 3, "99003": 400_000.0 / 3000, "99004": 0])
        try expectIndices(out, ["99001": 400_000.0 / 3000, "99002": 0, "99004": 0], column: "access_step_0_10km")
        try expectIndices(out, ["99001": 0, "99002": 400_000.0 / 3000 * 2 / 3], column: "access_step_10_15km")
        try expectIndices(out, ["99001": 0, "99002": 0], column: "access_step_15_20km")
        try expectIndices(out, ["99001": 2, "99002": 2, "99003": 2, "99004": 0], column: "lieux_in_reach")
        let rows = try csvRows(out.appendingPathComponent("access_communes.csv"))
        #expect(rows["99001"]?["point"] == "given_point" && rows["99004"]?["point"] == "point_on_surface")

        let lieux = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("access_lieux.geojson"))
        #expect(lieux.features.count == 3)
        let byId = Dictionary(uniqueKeysWithValues: lieux.features.map { ($0.properties["id"]!.stringValue!, $0.properties) })
        #expect(byId["L1a"]?["ids"] == .string("L1a,L1b") && byId["L1a"]?["capacity"] == .number(3))
        #expect(abs(byId["L1a"]!["weighted_demand"]!.doubleValue! - 3000) < 1e-9)
        #expect(abs(byId["L1a"]!["ratio"]!.doubleValue! - 100) < 1e-9)   // 3 / 3000 per 100,000
        #expect(abs(byId["L2"]!["ratio"]!.doubleValue! - 100.0 / 3) < 1e-9)
        // L3: nobody within 20 km → ratio 0, not infinity.
        #expect(byId["L3"]?["ratio"] == .number(0) && byId["L3"]?["weighted_demand"] == .number(0))
        #expect(byId["L3"]?["reaches_reported_communes"] == .bool(false))

        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        let parameters = summary["parameters"] as! [String: Any]
        #expect(parameters["unit"] as? String == "capacity units (agents) per 100,000 inhabitants")
        #expect((parameters["differences_from_pysal_access"] as! [String]).count == 2)
        #expect((parameters["competition_scope"] as! String).contains("every commune read competes"))
        #expect((summary["unmatched"] as! [String: Any])["communes_without_given_point"] as? [String] == ["99004"])
    }

    @Test func eachLieuCountsOneWithoutCapacityColumn() throws {
        let out = try HandMadeAccessTerritory().run([])
        // S1 = 2 lieux at one place, S2 = 1.
        try expectIndices(out, ["99001": 100, "99002": 100.0 * 2 / 3, "99003": 100, "99004": 0])
        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        #expect((summary["parameters"] as! [String: Any])["unit"] as? String == "lieux per 100,000 inhabitants")
    }

    @Test func twoStepWithinTwentyKilometres() throws {
        let out = try HandMadeAccessTerritory().run(["--method", "2sfca", "--capacity-column", "agents", "--per", "1000"])
        // Both lieux: A + B = 4000 inh.; everyone in reach gets (3 + 1) / 4000 per 1,000.
        try expectIndices(out, ["99001": 1, "99002": 1, "99003": 1, "99004": 0])
    }

    @Test func costExactlyOnABoundBelongsToTheStepItCloses() throws {
        let territory = try HandMadeAccessTerritory()
        let bound = try territory.kilometres(commune: 1, lieu: 0)   // B–L1, about 11 km
        #expect(abs(bound - 11) < 1e-3)
        // Steps (0, d(B, L1)] → 1, (d, 20] → 0.5: B weighs 1 for L1, 0.5 for L2 (13 km).
        // L1: 1000 + 3000 = 4000; L2: 1000 + 1500 = 2500. A = 3/4000 + 1/2500; B = 3/4000 + 0.5/2500.
        let steps = try territory.run(["--capacity-column", "agents", "--steps", "\(bound):1,20:0.5"])
        try expectIndices(steps, ["99001": 115, "99002": 95, "99003": 115, "99004": 0])
        // 2SFCA with the catchment exactly at d(B, L1): B reaches L1 but not L2. L1: 4000; L2: 1000.
        let onBound = try territory.run(["--method", "2sfca", "--capacity-column", "agents", "--within", "\(bound)"])
        try expectIndices(onBound, ["99001": 175, "99002": 75, "99003": 175])
        // Just inside: B reaches nothing. L1: 1000 → 3/1000; L2: 1000 → 1/1000.
        let below = try territory.run(["--method", "2sfca", "--capacity-column", "agents", "--within", "\(bound.nextDown)"])
        try expectIndices(below, ["99001": 400, "99002": 0, "99003": 400])
    }

    @Test func gravityWeightsByDistance() throws {
        let territory = try HandMadeAccessTerritory()
        let out = try territory.run(["--method", "gravity", "--beta", "2", "--min-distance", "1", "--capacity-column", "agents"])
        func w(_ commune: Int, _ lieu: Int) throws -> Double {
            let d = try territory.kilometres(commune: commune, lieu: lieu)
            return d <= 20 ? pow(max(d, 1) / 1, -2) : 0
        }
        let demand1 = 1000 * (try w(0, 0)) + 3000 * (try w(1, 0)), demand2 = 1000 * (try w(0, 2)) + 3000 * (try w(1, 2))
        let r1 = 3 / demand1, r2 = 1 / demand2
        try expectIndices(out, ["99001": (r1 * (try w(0, 0)) + r2 * (try w(0, 2))) * 100_000,
                                "99002": (r1 * (try w(1, 0)) + r2 * (try w(1, 2))) * 100_000,
                                "99003": (r1 * (try w(2, 0)) + r2 * (try w(2, 2))) * 100_000, "99004": 0])
    }

    @Test func groupTablesByEPCI() throws {
        let territory = try HandMadeAccessTerritory()
        let out = try territory.run(["--capacity-column", "agents", "--epci", territory.path("epci.csv")])
        let rows = try csvRows(out.appendingPathComponent("access_groups_epci.csv"))
        // CC Un: A 133.3 (1000 inh.), B 88.9 (3000 inh.): mean 100, median = p10 = 88.9, p90 133.3,
        // Gini = 2 × 1000 × 3000 × 44.4 / (2 × 4000² × 100) = 1/12.
        let one = try #require(rows["200000001"])
        let a = 400_000.0 / 3000, b = a * 2 / 3
        #expect(one["nom"] == "CC Un" && one["communes"] == "2" && one["population"] == "4000")
        for (column, value) in [("mean", 100.0), ("median", b), ("p10", b), ("p90", a), ("gini", 1.0 / 12), ("share_at_zero", 0)] {
            #expect(abs(Double(one[column]!)! - value) < 1e-9, "\(column)")
        }
        // CC Deux: one commune without population: no weighted figure.
        #expect(rows["200000002"]?["communes"] == "1" && rows["200000002"]?["mean"] == "")
        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        let epci = (summary["groups"] as! [String: Any])["epci"] as! [String: Any]
        #expect((epci["communes_without_group"] as! [String: Any])["codes"] as? [String] == ["99004"])
    }

    @Test func reportedDepartementsDoNotCutTheCompetition() throws {
        // Only "99" exists here; an unknown département is refused with the known ones.
        let territory = try HandMadeAccessTerritory()
        #expect(throws: (any Error).self) { _ = try territory.run(["--departements", "98"]) }
        let out = try territory.run(["--departements", "99"])
        try expectIndices(out, ["99001": 100, "99002": 100.0 * 2 / 3])
        let summary = try readJSON(out.appendingPathComponent("access_summary.json"))
        #expect((summary["scope"] as! [String: Any])["reported_departements"] as? [String] == ["99"])
        #expect(((summary["parameters"] as! [String: Any])["competition_scope"] as! String).contains("only the communes of départements 99 are reported"))
    }

    @Test func optionsAreChecked() throws {
        for arguments in [["--method", "2sfca", "--steps", "10:1,20:0.5"], ["--within", "20min"], ["--method", "nearest"],
                          ["--steps", "10:1,20:0.5", "--within", "30"], ["--steps", "20:1,10:0.5"], ["--beta", "2"], ["--per", "0"]] {
            #expect(throws: (any Error).self, "\(arguments)") { _ = try Maillage.parseAsRoot(["access"] + arguments) }
        }
        // Default steps follow the catchment: W/2, 3W/4, W with weights 1, 2/3, 1/3.
        let command = try #require(try Maillage.parseAsRoot(["access", "--within", "30"]) as? AccessCommand)
        let bounds: [Double] = [15, 22.5, 30]
        #expect(command.catchment.resolvedMethod.steps.map(\.upperBound) == bounds)
        let weights: [Double] = [1, 2.0 / 3, 1.0 / 3]
        #expect(command.catchment.resolvedMethod.steps.map(\.weight) == weights)
    }
}
