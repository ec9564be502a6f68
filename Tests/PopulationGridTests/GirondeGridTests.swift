import Foundation
import Testing
import TestSupport
import GeoCore
import PopulationGrid

/// INSEE's 200 m grid of Gironde (Filosofi 2019) on the 538 communes of Gironde, against
/// oracle/population/gironde_grid_coverage.py (shapely overlay of every cell with every commune).
@Suite struct GirondeGridTests {
    @Test(.needsSharedData)
    func girondeGridMatchesTheOracle() throws {
        let oracle = try readJSON(SharedData.oracle("population/gironde_grid_coverage.json"))
        let raw = oracle["raw"] as! [String: Any], scaled = oracle["scaled"] as! [String: Any]
        let data = SharedData.folder
        let grid = try PopulationGrid.read(csv: data.appendingPathComponent("population/filosofi2019_carreaux_200m_gironde.csv").path)
        #expect(grid.count == raw["cells"] as! Int)
        #expect(close(grid.totalPopulation, raw["gridPopulation"] as! Double, relative: 1e-12))
        let (codes, communes) = try readCommunes(data.appendingPathComponent("communes/33-gironde.geojson").path)
        #expect(codes.count == oracle["communeCount"] as! Int)
        let legal = try readLegalPopulation(data.appendingPathComponent("population/donnees_communes_pop2019.csv").path, codes: codes)

        let rawAllocation = try PopulationAllocation.allocate(grid: grid, communes: communes, legalPopulation: nil)
        #expect(rawAllocation.pieces.count == raw["pieces"] as! Int)
        #expect(rawAllocation.droppedCellCount == raw["cellsDropped"] as! Int)
        #expect(rawAllocation.droppedPopulation == raw["droppedPopulation"] as! Double)
        let rawTotal = rawAllocation.pieces.reduce(0) { $0 + $1.population }
        #expect(close(rawTotal, raw["totalPopulation"] as! Double, relative: 1e-9))

        let scaledAllocation = try PopulationAllocation.allocate(grid: grid, communes: communes, legalPopulation: legal)
        #expect(scaledAllocation.pieces.count == scaled["pieces"] as! Int)
        #expect(scaledAllocation.fallbackCommunes.map { codes[$0] } == scaled["fallbackCommunes"] as! [String])
        let scaledTotal = scaledAllocation.pieces.reduce(0) { $0 + $1.population }
        #expect(close(scaledTotal, scaled["totalPopulation"] as! Double, relative: 1e-9))
        let withoutRow = codes.indices.filter { legal[$0] == 0 }.map { codes[$0] }.sorted()
        #expect(withoutRow == scaled["communesWithoutPopulationRow"] as! [String])
        // Every commune with grid people has its most populated cell as main centre.
        for summary in rawAllocation.communes where summary.gridPopulation > 0 {
            let best = rawAllocation.pieces[summary.pieces].max { $0.population < $1.population }!
            #expect(summary.mainCentre == best.centre)
        }
    }
}
