import CoverageAnalysis
import Foundation
import GeoCore
import GeoIO
@testable import MaillageApp
import Projection
import Testing
import TestSupport

/// `maillage analyse --population-grid` end to end, against the oracles of oracle/population/
/// (grid_model.py: pieces shared by area, scaled to PMUN, measured from each cell centre).
@Suite(.temporaryFolders) struct PopulationGridAnalysisTests {
    static func close(_ a: Double, _ b: Double, relative: Double = 1e-3, absolute: Double = 0.06, _ what: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(abs(a - b) <= max(absolute, relative * abs(b)), "\(what): maillage \(a), oracle \(b)", sourceLocation: sourceLocation)
    }

    /// The summary's figures against an oracle variant (keys of grid_model.coverage_summary).
    static func checkSummary(_ summary: [String: Any], _ expected: [String: Any], keys: [String], relative: Double = 1e-6,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        let within = expected["populationWithin"] as? [String: Double] ?? expected["populationWithinKm"] as! [String: Double]
        let thresholds = summary["within_thresholds"] as! [[String: Any]]
        for (threshold, key) in zip(thresholds, keys) {
            close(threshold["population"] as! Double, within[key]!, relative: relative, "population within \(key)", sourceLocation: sourceLocation)
        }
        let white = summary["white_zones"] as! [String: Any]
        close(white["population"] as! Double, expected["whiteZonePopulation"] as! Double, relative: relative, "white-zone population",
              sourceLocation: sourceLocation)
        close((summary["territory"] as! [String: Any])["population"] as! Double, expected["totalPopulation"] as! Double,
              relative: relative, "total population", sourceLocation: sourceLocation)
        #expect((summary["population_model"] as! [String: Any])["model"] as! String == "grid", sourceLocation: sourceLocation)
    }

    static func csvRows(_ url: URL) throws -> [[String: String]] {
        let table = try CSVTable.read(contentsOf: url)
        return table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0)) }
    }

    // MARK: Hand-made grids

    @Test(arguments: ["row", "km"], [true, false])
    func handMadeGrids(caseName: String, scaled: Bool) throws {
        let oracle = try readJSON(SharedData.oracle("population/handmade_grids.json"))
        let cases = oracle["cases"] as! [String: Any]
        let input = cases[caseName] as! [String: Any]
        let expected = (input["expected"] as! [String: Any])[scaled ? "scaled" : "raw"] as! [String: Any]
        let communes = try temporaryFile("communes.geojson", input["communesGeoJSON"] as! String)
        let grid = try temporaryFile(caseName == "km" ? "grid_1km.csv" : "grid_200m.csv", input["gridCSV"] as! String)
        let lieux = try temporaryFile("lieux.csv", input["lieuxCSV"] as! String)
        let thresholds = (input["thresholdsKm"] as! [Double]).map { $0.rounded() == $0 ? String(Int($0)) : String($0) }
        let out = try temporaryFolder()
        var arguments = ["analyse", "--communes", communes.path, "--lieux", lieux.path, "--population-grid", grid.path,
                         "--within", thresholds.joined(separator: ","), "--main-within", "1", "--quiet", "--out", out.path]
        if scaled {
            arguments += ["--population", try temporaryFile("population.csv", input["populationTableCSV"] as! String).path]
        }
        try maillage(arguments)
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        Self.checkSummary(summary, expected, keys: thresholds)
        let distance = summary["distance_to_nearest_lieu_km"] as! [String: Any]
        Self.close(distance["median"] as! Double, expected["weightedMedian"] as! Double, absolute: 6e-4, "weighted median")
        Self.close(distance["p90"] as! Double, expected["weightedP90"] as! Double, absolute: 6e-4, "weighted p90")

        let model = summary["population_model"] as! [String: Any]
        #expect(model["cells_outside_communes"] as! Double == expected["cellsDropped"] as! Double)
        Self.close(model["population_outside_communes"] as! Double, expected["droppedPopulation"] as! Double, "dropped people")
        #expect(model["scaled_to_commune_population"] as! Bool == scaled)
        if scaled {
            #expect(model["communes_at_uniform_density"] as! [String] == expected["fallbackCommunes"] as! [String])
        }
        // Per commune: its people, and where its point comes from.
        let byCommune = expected["populationByCommune"] as! [String: Double]
        // The most populated cell is the grid's, before scaling: a commune the table leaves at 0 keeps it.
        let gridPeople = ((input["expected"] as! [String: Any])["raw"] as! [String: Any])["populationByCommune"] as! [String: Double]
        let rows = try Self.csvRows(out.appendingPathComponent("communes.csv"))
        #expect(rows.count == byCommune.count)
        for row in rows {
            let code = row["code"]!
            Self.close(Double(row["population"]!)!, byCommune[code]!, "population of \(code)")
            let populated = gridPeople[code]! > 0
            #expect(row["point_source"] == (populated ? "most populated cell" : "point-on-surface"), "\(code)")
        }
        // The unserved cells: every populated piece beyond the main threshold, most populated first.
        let unserved = try GeoJSONReader.read(contentsOf: out.appendingPathComponent("unserved_cells.geojson"))
        let people = unserved.features.map { $0.properties["population"]!.doubleValue! }
        #expect(people == people.sorted(by: >))
        Self.close(people.reduce(0, +), expected["whiteZonePopulation"] as! Double, absolute: 0.3, "unserved cells' people")
        let pieces = (expected["pieces"] as! [[String: Any]]).filter {
            ($0["population"] as! Double) > 0 && ($0["distanceMetres"] as! Double) > 1000 * (input["mainThresholdKm"] as! Double)
        }
        #expect(unserved.features.count == pieces.count)
        let ids = Set(unserved.features.compactMap { $0.properties["cell_id"]?.stringValue })
        for piece in pieces { if let id = piece["cell"] as? String { #expect(ids.contains(id), "\(id)") } }
    }

    @Test func malformedCellIDNamesTheRow() throws {
        let oracle = try readJSON(SharedData.oracle("population/handmade_grids.json"))
        let input = (oracle["cases"] as! [String: Any])["row"] as! [String: Any]
        let communes = try temporaryFile("communes.geojson", input["communesGeoJSON"] as! String)
        let lieux = try temporaryFile("lieux.csv", input["lieuxCSV"] as! String)
        let grid = try temporaryFile("bad_grid.csv", "idcar_200m,lcog_geo,ind\nCRS3035RES200mN2600000E3700000,99001,10\n"
                                     + "CRS3035RES200mN26000E,99001,5\n")
        let out = try temporaryFolder()
        do {
            try maillage(["analyse", "--communes", communes.path, "--lieux", lieux.path, "--population-grid", grid.path,
                          "--within", "1", "--quiet", "--out", out.path])
            Issue.record("a malformed cell id was accepted")
        } catch {
            let message = "\(error)"
            #expect(message.contains("row 2"), "\(message)")
            #expect(message.contains("CRS3035RES200mN26000E"), "\(message)")
        }
    }

    // MARK: Gironde, real grid

    @Test(.needsSharedData, arguments: [true, false])
    func girondeMatchesOracle(scaled: Bool) throws {
        let oracle = try readJSON(SharedData.oracle("population/gironde_grid_coverage.json"))
        let out = try temporaryFolder()
        var arguments = ["analyse", "--communes", SharedData.path("communes/33-gironde.geojson"),
                         "--lieux", SharedData.path("lieux/france_services_2024.csv"),
                         "--population-grid", SharedData.path("population/filosofi2019_carreaux_200m_gironde.csv"),
                         "--within", "5,10,20", "--quiet", "--out", out.path]
        if scaled { arguments += ["--population", SharedData.path("population/donnees_communes_pop2019.csv")] }
        try maillage(arguments)
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        let expected = oracle[scaled ? "scaled" : "raw"] as! [String: Any]
        Self.checkSummary(summary, expected, keys: ["5", "10", "20"], relative: 1e-3)
        let distance = summary["distance_to_nearest_lieu_km"] as! [String: Any]
        Self.close(distance["median"] as! Double, expected["weightedMedianKm"] as! Double, relative: 1e-3, "weighted median")
        Self.close(distance["p90"] as! Double, expected["weightedP90Km"] as! Double, relative: 1e-3, "weighted p90")
        let model = summary["population_model"] as! [String: Any]
        #expect(model["pieces"] as! Double == expected["pieces"] as! Double)
        #expect(model["cells_outside_communes"] as! Double == expected["cellsDropped"] as! Double)
    }

    // MARK: Corsica by road, chef-lieu test grid

    /// Each commune's PMUN 2019 in the 200 m EPSG:3035 cell of its chef-lieu (as corsica_grid_road.py builds it).
    static func chefLieuGrid() throws -> String {
        let population = try PopulationTable.read(contentsOf: SharedData.url("population/donnees_communes_pop2019.csv"))
        let points = try CSVTable.read(contentsOf: SharedData.url("points/chef_lieu_2020.csv"))
        let code = points.columnIndex("code")!, lon = points.columnIndex("longitude")!, lat = points.columnIndex("latitude")!
        var pointByCode: [String: XY] = [:]
        for row in points.rows { pointByCode[row[code]] = XY(Double(row[lon])!, Double(row[lat])!) }
        var codes: [String] = []
        for file in ["communes/2A-corse-du-sud.geojson", "communes/2B-haute-corse.geojson"] {
            codes += try GeoJSONReader.read(contentsOf: SharedData.url(file)).features.compactMap { $0.properties["code"]?.stringValue }
        }
        let kept = codes.filter { pointByCode[$0] != nil && population.populationByCode[$0] != nil }
        var projected = kept.map { pointByCode[$0]! }
        try ThreadTransformers.with(from: .wgs84, to: .epsg(3035)) { try $0.transform(&projected) }
        var cells: [String: (codes: String, people: Double)] = [:]
        for (commune, point) in zip(kept, projected) {
            let id = "CRS3035RES200mN\(Int((point.y / 200).rounded(.down)) * 200)E\(Int((point.x / 200).rounded(.down)) * 200)"
            let cell = cells[id] ?? ("", 0)
            cells[id] = (cell.codes + commune, cell.people + population.populationByCode[commune]!)
        }
        return "idcar_200m,lcog_geo,ind\n" + cells.keys.sorted().map { "\($0),\(cells[$0]!.codes),\(cells[$0]!.people)\n" }.joined()
    }

    @Test(.needsSharedData)
    func corsicaByRoadMatchesNetworkx() throws {
        let oracle = try readJSON(SharedData.oracle("population/corsica_grid_road.json"))
        let grid = try temporaryFile("corsica_chef_lieu_grid.csv", try Self.chefLieuGrid())
        let out = try temporaryFolder()
        try maillage(["analyse", "--communes", SharedData.path("communes"), "--departements", "2A,2B",
                      "--population", SharedData.path("population/donnees_communes_pop2019.csv"),
                      "--lieux", SharedData.path("lieux/france_services_2024.csv"),
                      "--network", SharedData.path("roads/corse_roads.osm.pbf"), "--within", "10min,20min,30min",
                      "--population-grid", grid.path, "--commune-points", SharedData.path("points/chef_lieu_2020.csv"),
                      "--quiet", "--out", out.path])
        let summary = try readJSON(out.appendingPathComponent("summary.json"))
        var expected = oracle
        expected["populationWithin"] = oracle["populationWithinMinutes"]
        Self.checkSummary(summary, expected, keys: ["10", "20", "30"], relative: 1e-6)
        let time = summary["travel_time_to_nearest_lieu_min"] as! [String: Any]
        Self.close(time["median"] as! Double, oracle["weightedMedianMinutes"] as! Double, relative: 1e-3, "weighted median")
        Self.close(time["p90"] as! Double, oracle["weightedP90Minutes"] as! Double, relative: 1e-3, "weighted p90")

        // --commune-points: every commune is measured from its chef-lieu, which lies in its grid cell
        // (≤ 142 m from the centre), so the population by representative point is close to the cells'.
        let points = try CSVTable.read(contentsOf: SharedData.url("points/chef_lieu_2020.csv"))
        let code = points.columnIndex("code")!, lon = points.columnIndex("longitude")!, lat = points.columnIndex("latitude")!
        let chefLieu = Dictionary(points.rows.map { ($0[code], XY(Double($0[lon])!, Double($0[lat])!)) }, uniquingKeysWith: { a, _ in a })
        let rows = try Self.csvRows(out.appendingPathComponent("communes.csv"))
        #expect(rows.count == 360)
        for row in rows {
            #expect(row["point_source"] == "commune-points file", "\(row["code"]!)")
            let point = try #require(chefLieu[row["code"]!])
            #expect(abs(Double(row["point_lon"]!)! - point.x) < 1e-6 && abs(Double(row["point_lat"]!)! - point.y) < 1e-6, "\(row["code"]!)")
        }
        let within = oracle["populationWithinMinutes"] as! [String: Double]
        for (threshold, key) in zip(summary["within_thresholds"] as! [[String: Any]], ["10", "20", "30"]) {
            Self.close(threshold["population_by_representative_point"] as! Double, within[key]!, relative: 0.01, "\(key) min by chef-lieu")
        }
        #expect(((summary["population_model"] as! [String: Any])["commune_points_missing"] as! [Any]).isEmpty)
    }
}
