import Foundation
import Testing
import TestSupport
import GeoCore
import GeoIO
import Projection
import PopulationGrid

/// The hand-made cases of oracle/population/handmade_grids.py (shapely + pyproj model of grid_model.py):
/// a 200 m row shared by a border, a coastal cell, a dropped cell, a commune without population row, a
/// commune without cell (uniform fallback), and one 1 km cell shared by two communes.
@Suite(.temporaryFolders) struct HandmadeGridTests {
    struct Case {
        let codes: [String]
        let communes: [Shape]
        let grid: PopulationGrid
        let legal: [Double]
        let lieuxLambert93: [XY]
        let expected: [String: Any]
    }

    static func load(_ name: String) throws -> Case {
        let oracle = try readJSON(SharedData.oracle("population/handmade_grids.json"))
        let spec = (oracle["cases"] as! [String: Any])[name] as! [String: Any]
        let gridPath = try temporaryFile("grid.csv", spec["gridCSV"] as! String).path
        let communesPath = try temporaryFile("communes.geojson", spec["communesGeoJSON"] as! String).path
        let tablePath = try temporaryFile("population.csv", spec["populationTableCSV"] as! String).path
        let (codes, shapes) = try readCommunes(communesPath)
        var lieux = (spec["lieux"] as! [[String: Any]]).map { XY($0["longitude"] as! Double, $0["latitude"] as! Double) }
        try Transformer(from: .wgs84, to: .lambert93).transform(&lieux)
        return Case(codes: codes, communes: shapes, grid: try PopulationGrid.read(csv: gridPath),
                    legal: try readLegalPopulation(tablePath, codes: codes), lieuxLambert93: lieux,
                    expected: spec["expected"] as! [String: Any])
    }

    /// Checks one variant ("raw" or "scaled") of a case against the oracle, piece by piece.
    static func check(_ testCase: Case, variant: String) throws {
        let expected = testCase.expected[variant] as! [String: Any]
        let allocation = try PopulationAllocation.allocate(grid: testCase.grid, communes: testCase.communes,
                                                           legalPopulation: variant == "scaled" ? testCase.legal : nil)
        let byCommune = expected["populationByCommune"] as! [String: Double]
        for (index, code) in testCase.codes.enumerated() {
            let summary = allocation.communes[index]
            #expect(close(summary.population, byCommune[code]!, relative: 1e-8, absolute: 1e-8), "\(variant) \(code)")
            let sum = allocation.pieces[summary.pieces].reduce(0) { $0 + $1.population }
            #expect(close(sum, summary.population, relative: 1e-12, absolute: 1e-12))
        }
        #expect(allocation.pieces.count == expected["pieceCount"] as! Int)
        #expect(allocation.droppedCellCount == expected["cellsDropped"] as! Int)
        #expect(allocation.droppedPopulation == expected["droppedPopulation"] as! Double)
        if let fallback = expected["fallbackCommunes"] as? [String] {
            #expect(allocation.fallbackCommunes.map { testCase.codes[$0] } == fallback)
        }

        // Pieces: same cell, commune, area, people and distance from the cell centre to the nearest lieu.
        let cells = try #require(testCase.grid.squareCells)
        let toLambert93 = try Transformer(from: .wgs84, to: .lambert93)
        let oraclePieces = expected["pieces"] as! [[String: Any]]
        // Grid pieces are matched by commune and cell (the oracle lists them by cell, then commune);
        // fallback pieces come in the same order (by row, then column of the fallback grid).
        let oracleGrid = Dictionary(uniqueKeysWithValues: oraclePieces.filter { !($0["fallback"] as! Bool) }
            .map { ("\($0["code"]!) \($0["cell"]!)", $0) })
        let oracleFallback = oraclePieces.filter { $0["fallback"] as! Bool }
        let oursFallback = allocation.pieces.filter { $0.cell == nil }
        #expect(allocation.pieces.count - oursFallback.count == oracleGrid.count)
        #expect(oursFallback.count == oracleFallback.count)
        var matched: [(PopulationPiece, [String: Any])] = Array(zip(oursFallback, oracleFallback))
        for piece in allocation.pieces {
            guard let cell = piece.cell else { continue }
            let name = "\(testCase.codes[piece.commune]) \(cells.id(of: cell))"
            let reference = try #require(oracleGrid[name], "piece \(name) is not in the oracle")
            matched.append((piece, reference))
        }
        for (piece, reference) in matched {
            let name = "\(reference["code"]!) \(reference["cell"] ?? "fallback") \(reference["areaM2"]!)"
            #expect(testCase.codes[piece.commune] == reference["code"] as! String, "\(name)")
            #expect(close(piece.areaSquareMetres, reference["areaM2"] as! Double, relative: 0, absolute: 1e-3), "\(name)")
            #expect(close(piece.population, reference["population"] as! Double, relative: 1e-8, absolute: 1e-8), "\(name)")
            let centre = try toLambert93.transform(piece.centre)
            let distance = testCase.lieuxLambert93.map { hypot($0.x - centre.x, $0.y - centre.y) }.min()!
            #expect(close(distance, reference["distanceMetres"] as! Double, relative: 0, absolute: 1e-3), "\(name)")
        }
        // Sorted by commune, then cell; a commune's fallback pieces after its cells.
        let order = allocation.pieces.map { ($0.commune, $0.cell ?? Int.max) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 < $1 || ($0 == $1 && $0.1 == Int.max) })
    }

    @Test func rowCaseRawGridCounts() throws { try Self.check(try Self.load("row"), variant: "raw") }
    @Test func rowCaseScaledWithUniformFallback() throws { try Self.check(try Self.load("row"), variant: "scaled") }
    @Test func kilometreCellRaw() throws { try Self.check(try Self.load("km"), variant: "raw") }
    @Test func kilometreCellScaled() throws { try Self.check(try Self.load("km"), variant: "scaled") }

    /// Commune summaries of the row case: the fallback flag, and the main centre at the commune's most
    /// populated cell (A: the 10-inhabitant cell; C: its largest uniform piece).
    @Test func communeSummaries() throws {
        let testCase = try Self.load("row")
        let allocation = try PopulationAllocation.allocate(grid: testCase.grid, communes: testCase.communes,
                                                           legalPopulation: testCase.legal)
        let cells = try #require(testCase.grid.squareCells)
        let toLAEA = try Transformer(from: .wgs84, to: .epsg(3035))
        func mainCentre(_ code: String) throws -> XY? {
            try allocation.communes[testCase.codes.firstIndex(of: code)!].mainCentre.map { try toLAEA.transform($0) }
        }
        let a = try #require(try mainCentre("99001"))
        let corner = cells.id(of: 0)
        #expect(abs(a.x - Double(corner.east + 100)) < 1e-3 && abs(a.y - Double(corner.north + 100)) < 1e-3)
        let c = try #require(try mainCentre("99003"))   // the 36,100 m² piece of C = [210, 510] × [610, 910]: cell (1, 3)
        #expect(abs(c.x - Double(corner.east + 300)) < 1e-3 && abs(c.y - Double(corner.north + 700)) < 1e-3)
        #expect(allocation.communes.map(\.usesFallback) == [false, false, true, false])
        let d = allocation.communes[testCase.codes.firstIndex(of: "99004")!]
        #expect(d.gridPopulation == 10 && d.population == 0)
    }
}
