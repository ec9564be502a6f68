import Foundation
import Testing
import GeoCore
import GeoIO
import Projection
import PopulationGrid
import TestSupport

/// Cell ids and CSV reading: the id cases of oracle/population/handmade_grids.json and the errors.
@Suite struct GridReadingTests {
    static func ids() throws -> (valid: [[String: Any]], malformed: [String]) {
        let ids = try readJSON(SharedData.oracle("population/handmade_grids.json"))["ids"] as! [String: Any]
        return (ids["valid"] as! [[String: Any]], ids["malformed"] as! [String])
    }

    @Test func validIDsGiveCornerSizeAndCentre() throws {
        for reference in try Self.ids().valid {
            let id = try GridCellID(parsing: reference["id"] as! String)
            #expect(id.epsg == 3035)
            #expect(Double(id.size) == reference["side"] as! Double)
            #expect(id.corner == XY(reference["east"] as! Double, reference["north"] as! Double))
            #expect(id.centre == XY(reference["centreEast"] as! Double, reference["centreNorth"] as! Double))
            #expect(id.description == reference["id"] as! String)
        }
    }

    @Test func anyCaseKilometresAndOtherCRS() throws {
        #expect(try GridCellID(parsing: "crs3035res200mn2029800e4252400") == GridCellID(epsg: 3035, size: 200, east: 4_252_400, north: 2_029_800))
        #expect(try GridCellID(parsing: "CRS3035RES1kmN2590000E3701000") == GridCellID(epsg: 3035, size: 1000, east: 3_701_000, north: 2_590_000))
        #expect(try GridCellID(parsing: "CRS2975RES200mN7650000E340000").epsg == 2975)
    }

    /// Every malformed id of the oracle is rejected by `read`, with its row and value named, whether it
    /// is the first row or follows a valid one. `CRS4326…` is well formed but names a geographic CRS (or,
    /// after a 3035 row, another grid): rejected too.
    @Test func malformedIDsAreRejectedWithTheirRow() throws {
        let valid = "CRS3035RES200mN2029800E4252400"
        for text in try Self.ids().malformed {
            for (rows, row) in [([text], 1), ([valid, text], 2)] {
                let csv = "idcar_200m,lcog_geo,ind\n" + rows.map { "\($0),33063,1.5\n" }.joined()
                do {
                    _ = try PopulationGrid.read(csvText: csv, source: "grid.csv")
                    Issue.record("accepted \(text)")
                } catch {
                    #expect(error.description.contains("grid.csv row \(row)"), "\(error)")
                    #expect(error.description.contains("\"\(text)\"") || error.description.contains(" \(text)"), "\(error)")
                }
            }
            if !text.hasPrefix("CRS4326") { #expect(throws: PopulationGridError.self) { try GridCellID(parsing: text) } }
        }
    }

    @Test func readsAndPrefersTheIdcar200mColumn() throws {
        let csv = "IDCAR_1KM;Idcar_200m;ind;men\r\nCRS3035RES1000mN1000E1000;CRS3035RES200mN2000E1000;\"2,5\";1\r\n\r\n"
            + "CRS3035RES1000mN1000E2000;CRS3035RES200mN2000E1200;3;1\r\n"
        let grid = try PopulationGrid.read(csvText: csv, source: "g.csv")
        let cells = try #require(grid.squareCells)
        #expect(cells.size == 200 && cells.epsg == 3035)
        #expect(grid.populations == [2.5, 3])
        #expect(cells.id(of: 1).description == "CRS3035RES200mN2000E1200")
        #expect(cells.centre(of: 0) == XY(1100, 2100))
        let kilometre = try PopulationGrid.read(csvText: csv, source: "g.csv", idColumn: "idcar_1km", populationColumn: "men")
        #expect(kilometre.squareCells?.size == 1000)
    }

    @Test func readingErrors() throws {
        func failure(_ csv: String, idColumn: String? = nil, population: String = "ind") -> PopulationGridError? {
            do { _ = try PopulationGrid.read(csvText: csv, source: "g.csv", idColumn: idColumn, populationColumn: population); return nil }
            catch { return error }
        }
        let a = "CRS3035RES200mN2000E1000", b = "CRS3035RES200mN2000E1200"
        #expect(failure("id,ind\n\(a),1\n") == .noIDColumn(source: "g.csv", header: ["id", "ind"]))
        #expect(failure("idcar_200m,pop\n\(a),1\n") == .missingColumn(source: "g.csv", column: "ind", header: ["idcar_200m", "pop"]))
        #expect(failure("idcar_200m,ind\n\(a),1\n", idColumn: "cell")?.description.contains("columns: idcar_200m, ind") == true)
        for bad in ["-1", "abc", "nan", "inf", ""] {
            #expect(failure("idcar_200m,ind\n\(a),1\n\(b),\(bad)\n") == .invalidPopulation(source: "g.csv", row: 2, line: 3, value: bad))
        }
        // At most 10^8 people in a cell (a whole commune in one cell is allowed).
        #expect(failure("idcar_200m,ind\n\(a),100000000\n") == nil)
        #expect(failure("idcar_200m,ind\n\(a),1\n\(b),100000000.5\n")
                == .implausibleCellPopulation(source: "g.csv", row: 2, line: 3, value: "100000000.5", limit: 1e8))
        #expect(failure("idcar_1km,ind\nCRS3035RES1000mN2000E1000,1e23\n")?.description
                == "g.csv row 1 (line 2): population \"1e23\" is above 100000000, more than a cell can hold — check the population column")
        #expect(failure("idcar_200m,ind\n\(a),1\n\(b),2\n\(a),3\n") == .duplicateCell(source: "g.csv", value: a, firstRow: 1, secondRow: 3))
        #expect(failure("idcar_200m,ind\n\(a),1\nCRS3035RES1000mN2000E1000,2\n")
                == .mixedGrid(source: "g.csv", row: 2, value: "CRS3035RES1000mN2000E1000", firstValue: a))
        #expect(failure("idcar_200m,ind\n\(a),1\nCRS3035RES200mN2000E1100,2\n") == .offGridCell(source: "g.csv", row: 2, value: "CRS3035RES200mN2000E1100"))
        #expect(failure("idcar_200m,ind\n\(a),1,2\n") == .raggedRow(source: "g.csv", row: 1, line: 2, fieldCount: 3, headerFieldCount: 2))
        #expect(failure("") == .emptyFile(source: "g.csv"))
        #expect(throws: PopulationGridError.unreadableFile(path: "/nonexistent/grid.csv", reason: "No such file or directory")) {
            try PopulationGrid.read(csv: "/nonexistent/grid.csv")
        }
    }

    /// Unsorted input: cells found by row and column all the same (each cell is its own commune here).
    @Test func unsortedGridIsIndexed() throws {
        var rng = SeededGenerator(seed: 7)
        var lines = ["idcar_200m,ind"]
        var expected: [String: Double] = [:]
        for row in 0..<20 {
            for column in 0..<20 where rng.next() % 3 == 0 {
                let id = "CRS3035RES200mN\(2_600_000 + 200 * row)E\(3_700_000 + 200 * column)"
                let people = Double(rng.next() % 100) / 4
                lines.append("\(id),\(people)")
                expected[id] = people
            }
        }
        let header = lines.removeFirst()
        lines.shuffle(using: &rng)
        let grid = try PopulationGrid.read(csvText: ([header] + lines).joined(separator: "\n"), source: "g.csv")
        // One commune: the whole 4 × 4 km square, slightly inside, covering every cell.
        let toLonLat = try Transformer(from: .epsg(3035), to: .wgs84)
        var ring = [XY(3_700_000.5, 2_600_000.5), XY(3_703_999.5, 2_600_000.5), XY(3_703_999.5, 2_603_999.5),
                    XY(3_700_000.5, 2_603_999.5), XY(3_700_000.5, 2_600_000.5)]
        try toLonLat.transform(&ring)
        let allocation = try PopulationAllocation.allocate(grid: grid, communes: [.polygon([ring])], legalPopulation: nil)
        let cells = try #require(grid.squareCells)
        #expect(allocation.pieces.count == expected.count)
        for piece in allocation.pieces {
            #expect(grid.populations[piece.cell!] == expected[cells.id(of: piece.cell!).description])
            #expect(piece.population == grid.populations[piece.cell!])
        }
        #expect(close(allocation.communes[0].population, expected.values.reduce(0, +), relative: 1e-12))
    }
}
