import Foundation
import GeoIO
import Testing
import TestSupport

/// Lieux at identical coordinates are measured once and given back their own results: a run with
/// every lieu repeated must give the figures of the plain run, with the counts of lieux within each
/// threshold multiplied, each copy holding the catchment of its original and no service area
/// (nearest-lieu ties go to the lowest index).
@Suite(.temporaryFolders) struct CoincidentLieuxTests {
    /// A lieux CSV of `rows`, then `copies` more of each row with the id (column `id`) suffixed.
    static func lieuxFile(_ name: String, header: [String], rows: [[String]], id: Int, copies: Int) throws -> URL {
        func line(_ cells: [String]) -> String {
            cells.map { $0.contains(",") || $0.contains("\"") ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",")
        }
        var lines = [line(header)] + rows.map(line)
        for copy in 0..<copies {
            for row in rows {
                var copied = row
                copied[id] += "-copy\(copy + 1)"
                lines.append(line(copied))
            }
        }
        return try temporaryFile(name, lines.joined(separator: "\n") + "\n")
    }

    static func analyse(lieux: URL, _ arguments: [String]) throws -> URL {
        let out = try temporaryFolder()
        try maillage(["analyse", "--lieux", lieux.path, "--quiet", "--out", out.path] + arguments)
        return out
    }

    static func features(_ folder: URL, _ name: String) throws -> Data {
        try JSONSerialization.data(withJSONObject: try readJSON(folder.appendingPathComponent(name))["features"]!, options: .sortedKeys)
    }

    /// The repeated run has the plain run's figures, counts multiplied by `copies + 1`.
    static func expectSameFigures(plain: URL, repeated: URL, copies: Int, summaryKeys: [String]) throws {
        let factor = Double(copies + 1)
        // Communes: identical but for the counts of lieux within each threshold.
        let before = try CSVTable.read(contentsOf: plain.appendingPathComponent("communes.csv"))
        let after = try CSVTable.read(contentsOf: repeated.appendingPathComponent("communes.csv"))
        #expect(before.header == after.header && before.rows.count == after.rows.count)
        let counts = before.header.indices.filter { before.header[$0].hasPrefix("lieux_within_") }
        #expect(!counts.isEmpty && after.rows.contains { Int($0[counts.last!])! > 0 })
        for (row, (a, b)) in zip(before.rows, after.rows).enumerated() {
            for column in before.header.indices {
                if counts.contains(column) {
                    #expect(Double(b[column])! == Double(a[column])! * factor, "row \(row) \(before.header[column])")
                } else {
                    #expect(a[column] == b[column], "row \(row) \(before.header[column])")
                }
            }
        }
        // Headline figures, white zones by commune and service areas do not move. (The layers'
        // headers name the lieux file, so only their features are compared.)
        let summaryBefore = try readJSON(plain.appendingPathComponent("summary.json"))
        let summaryAfter = try readJSON(repeated.appendingPathComponent("summary.json"))
        for key in summaryKeys {
            #expect(try JSONSerialization.data(withJSONObject: summaryBefore[key]!, options: .sortedKeys)
                    == JSONSerialization.data(withJSONObject: summaryAfter[key]!, options: .sortedKeys), "summary \(key)")
        }
        for name in ["white_zones_by_commune.geojson", "service_areas.geojson"] {
            #expect(try features(plain, name) == features(repeated, name), "\(name)")
        }
        // Lieux: each copy has its original's catchment, and no service area or nearest communes.
        let lieuxBefore = try GeoJSONReader.read(contentsOf: plain.appendingPathComponent("lieux.geojson")).features
        let lieuxAfter = try GeoJSONReader.read(contentsOf: repeated.appendingPathComponent("lieux.geojson")).features
        #expect(lieuxAfter.count == lieuxBefore.count * (copies + 1))
        let original = Dictionary(uniqueKeysWithValues: lieuxBefore.map { ($0.properties["id"]!.stringValue!, $0) })
        let keys = lieuxBefore.first!.properties.keys
        let catchmentKeys = keys.filter { $0.hasPrefix("catchment_") }, serviceKeys = keys.filter { $0.hasPrefix("service_area_") }
        #expect(catchmentKeys.count >= 2 && serviceKeys.count >= 2)
        var copiesSeen = 0
        for feature in lieuxAfter {
            let id = feature.properties["id"]!.stringValue!
            guard let range = id.range(of: "-copy") else {
                #expect(feature.properties == original[id]!.properties, "\(id)")
                continue
            }
            copiesSeen += 1
            let source = try #require(original[String(id[..<range.lowerBound])])
            for key in catchmentKeys { #expect(feature.properties[key] == source.properties[key], "\(id) \(key)") }
            for key in serviceKeys + ["nearest_for_communes"] {
                #expect(feature.properties[key]?.doubleValue == 0, "\(id) \(key)")
            }
        }
        #expect(copiesSeen == lieuxBefore.count * copies)
    }

    /// The demo with each lieu 1,501 times (10,507 lieux at 6 points).
    @Test func demoLieuxRepeated() throws {
        let table = try CSVTable.read(contentsOf: SharedData.demo("lieux.csv"))
        let id = try #require(table.columnIndex("id_fs"))
        let arguments = ["--communes", demo("communes.geojson"), "--population", demo("population.csv"), "--within", "5,10"]
        let plain = try Self.analyse(lieux: try Self.lieuxFile("plain.csv", header: table.header, rows: table.rows, id: id, copies: 0),
                                     arguments)
        let repeated = try Self.analyse(
            lieux: try Self.lieuxFile("repeated.csv", header: table.header, rows: table.rows, id: id, copies: 1_500), arguments)
        try Self.expectSameFigures(plain: plain, repeated: repeated, copies: 1_500,
                                   summaryKeys: ["within_thresholds", "white_zones", "distance_to_nearest_lieu_km", "communes_by_class"])
    }

    /// Corsica by road with each France Services lieu three times, one lieu at sea inside the island's
    /// bounding box but beyond the network's reach, whose three copies are all named as left out, and
    /// one mainland lieu, whose three copies are counted as left out elsewhere.
    @Test(.needsSharedData)
    func corsicaByRoadLieuxRepeated() throws {
        let table = try CSVTable.read(contentsOf: SharedData.url("lieux/france_services_2024.csv"))
        let (id, departement) = (try #require(table.columnIndex("id_fs")), try #require(table.columnIndex("insee_dep")))
        let (lon, lat) = (try #require(table.columnIndex("longitude")), try #require(table.columnIndex("latitude")))
        var rows = table.rows.filter { ["2A", "2B"].contains($0[departement]) }
        #expect(rows.count == 37)
        var atSea = rows[0]
        (atSea[id], atSea[lon], atSea[lat]) = ("at-sea", "9.43", "41.36")
        rows.append(atSea)
        // A mainland lieu: of the same CRS zone, outside the territory, counted as left out.
        rows.append(try #require(table.rows.first { $0[departement] == "13" }))
        let arguments = ["--communes", SharedData.path("communes"), "--departements", "2A,2B",
                         "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                         "--network", SharedData.path("roads/corse_roads.osm.pbf"), "--within", "10min,20min"]
        let plain = try Self.analyse(lieux: try Self.lieuxFile("plain.csv", header: table.header, rows: rows, id: id, copies: 0),
                                     arguments)
        let repeated = try Self.analyse(lieux: try Self.lieuxFile("repeated.csv", header: table.header, rows: rows, id: id, copies: 2),
                                        arguments)
        try Self.expectSameFigures(plain: plain, repeated: repeated, copies: 2,
                                   summaryKeys: ["within_thresholds", "white_zones", "travel_time_to_nearest_lieu_min", "population_model"])
        func leftOut(_ folder: URL) throws -> (named: [String], elsewhere: Double) {
            let road = (try readJSON(folder.appendingPathComponent("summary.json"))["road_network"] as! [[String: Any]])[0]
            return (road["lieux_in_territory_beyond_network_left_out"] as! [String], road["lieux_outside_territory_left_out"] as! Double)
        }
        #expect(try leftOut(plain) == (["at-sea"], 1))
        #expect(try leftOut(repeated) == (["at-sea", "at-sea-copy1", "at-sea-copy2"], 3))
    }
}
