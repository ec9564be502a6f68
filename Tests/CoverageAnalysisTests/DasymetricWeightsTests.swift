import CoverageAnalysis
import Foundation
import GeoCore
import PopulationGrid
import Projection
import RoadNetwork
import Testing
import TestSupport

/// Dasymetric population from building footprints on a real extract (Pont-de-Veyle, Ain): each
/// commune's population is kept whole and placed in the 200 m cells holding its buildings, in
/// proportion to their footprint area (checked by hand on cells lying wholly inside one commune).
@Suite struct DasymetricWeightsTests {
    @Test(.needsSharedData)
    func buildingsPlacePopulationWhereTheBuildingsAre() throws {
        let pbf = SharedData.path("roads/pont_de_veyle.osm.pbf")
        let weights = try SettlementWeights.read(pbfPath: pbf)
        #expect(weights.kind == .buildings)
        // The communes of the Ain the extract's buildings fall in (envelopes, then the cut decides).
        let extent = weights.buildings.reduce(Envelope.empty) { $0.union(Envelope(point: $1.position)) }
        let ain = try CommuneLayer.read([SharedData.url("communes/01-ain.geojson")], options: CommuneReadOptions())
        let communes = ain.communes.filter { commune in
            commune.lonLat.allCoordinates.reduce(Envelope.empty) { $0.union(Envelope(point: $1)) }.intersects(extent)
        }
        #expect(!communes.isEmpty)
        let table = try PopulationTable.read(contentsOf: SharedData.url("population/donnees_communes_pop2019.csv"))
        let legal = communes.map { table.populationByCode[$0.code] ?? 0 }

        let units = try #require(try PopulationUnits.build(settings: PopulationSettings(), communes: communes, legalPopulation: legal,
                                                           roadNetworkPath: pbf))
        #expect(units.kind == .buildings)
        #expect(units.estimate == "dasymetric estimate")

        // Hand computation of the weights: footprint area per 200 m EPSG:3035 cell.
        var projected = weights.buildings.map(\.position)
        try ThreadTransformers.with(from: .wgs84, to: .epsg(3035)) { try $0.transform(&projected) }
        var weightOfCell: [String: Double] = [:]
        for (point, building) in zip(projected, weights.buildings) {
            let id = "CRS3035RES200mN\(Int((point.y / 200).rounded(.down)) * 200)E\(Int((point.x / 200).rounded(.down)) * 200)"
            weightOfCell[id, default: 0] += building.weight
        }
        let cells = try #require(units.grid.squareCells)
        var communesWithBuildings = 0
        for (index, summary) in units.allocation.communes.enumerated() {
            let pieces = units.pieces[summary.pieces]
            // Population preserved: the units add up to the commune's legal population.
            let total = pieces.reduce(0) { $0 + $1.population }
            #expect(abs(total - legal[index]) <= 1e-6 * max(1, legal[index]), "\(communes[index].code): \(total) vs \(legal[index])")
            guard !summary.usesFallback, legal[index] > 0 else { continue }
            communesWithBuildings += 1
            // Every person in a cell holding buildings.
            let inBuildingCells = pieces.filter { $0.cell.map { weightOfCell[cells.id(of: $0).description, default: 0] > 0 } ?? false }
                .reduce(0) { $0 + $1.population }
            #expect(abs(inBuildingCells / total - 1) < 1e-12, "\(communes[index].code)")
            // Cells wholly inside the commune: people in proportion to the footprint area.
            let whole = pieces.filter { abs($0.areaSquareMetres - 40_000) < 1e-3 && $0.cell != nil }
            guard let first = whole.first else { continue }
            let firstWeight = weightOfCell[cells.id(of: first.cell!).description]!
            for piece in whole.dropFirst() {
                let weight = weightOfCell[cells.id(of: piece.cell!).description]!
                #expect(abs(piece.population / first.population - weight / firstWeight) < 1e-6 * (weight / firstWeight),
                        "\(communes[index].code) cell \(cells.id(of: piece.cell!))")
            }
        }
        #expect(communesWithBuildings >= 1)
        print("Pont-de-Veyle extract: \(communes.count) Ain communes overlap its buildings' extent, "
              + "\(communesWithBuildings) hold buildings: " + communes.enumerated()
                .filter { !units.allocation.communes[$0.offset].usesFallback }.map { "\($0.element.code) \($0.element.name)" }.joined(separator: ", "))
    }
}
