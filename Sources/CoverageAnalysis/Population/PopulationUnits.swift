import Foundation
import GeoCore
import GeoIO
import PopulationGrid
import Projection
import RoadNetwork

/// The people of a territory as weighted points: the pieces of a population grid (or of 200 m cells
/// weighted by buildings or residential roads), each in one commune and one cell, measured from the
/// cell centre. Built once per analysis; `allocation.pieces` are sorted by commune.
public struct PopulationUnits: Sendable {
    public let kind: PopulationModelKind
    /// The grid file, or the OpenStreetMap extract the weights come from.
    public let source: String
    /// The cells the pieces belong to.
    public let grid: PopulationGrid
    public let allocation: PopulationAllocation
    /// Whether the pieces were scaled to the communes' populations (always, for dasymetric weights).
    public let scaled: Bool
    /// What the extract held, for buildings and residential-road weights.
    public let settlementCounts: SettlementWeights.Counts?

    public var pieces: [PopulationPiece] { allocation.pieces }
    /// People of each commune as the units count them (order of the analysis's commune list).
    public var communePopulations: [Double] { allocation.communes.map(\.population) }
    /// "population grid", "dasymetric estimate".
    public var estimate: String { kind == .grid ? "population grid" : "dasymetric estimate" }

    /// Side of the cells of dasymetric weights, in EPSG:3035.
    public static let weightCellMetres = 200

    /// The units the settings ask for; nil for uniform density (asked for, or nothing better available).
    /// - Parameters:
    ///   - legalPopulation: the communes' populations (table or property), used to scale the units.
    ///   - roadNetworkPath: the road mode's network, whose buildings or residential roads weight the
    ///     communes' populations when no grid is given.
    public static func build(settings: PopulationSettings, communes: [CommuneInput], legalPopulation: [Double],
                             roadNetworkPath: String?, progress: @Sendable (String) -> Void = { _ in }) throws -> PopulationUnits? {
        let shapes = communes.map(\.lonLat)
        switch settings.choice {
        case .uniform:
            return nil
        case .auto, .grid:
            if let gridSource = settings.grid {
                progress("reading population grid \(gridSource.path)")
                let grid = try readGrid(gridSource)
                progress("sharing \(grid.count) grid cells among \(communes.count) communes")
                let allocation = try PopulationAllocation.allocate(
                    grid: grid, communes: shapes, legalPopulation: settings.scalesToCommunePopulation ? legalPopulation : nil)
                return PopulationUnits(kind: .grid, source: gridSource.path, grid: grid, allocation: allocation,
                                       scaled: settings.scalesToCommunePopulation, settlementCounts: nil)
            }
            if settings.choice == .grid {
                throw AnalysisInputError.badParameter("--population-model grid needs --population-grid FILE")
            }
        case .buildings, .residentialRoads:
            break
        }
        guard let path = roadNetworkPath, path.lowercased().hasSuffix(".pbf") else {
            if settings.choice == .auto { return nil }
            throw AnalysisInputError.badParameter("--population-model \(settings.choice.rawValue) needs an OpenStreetMap "
                                                  + "road network (--network FILE.osm.pbf) to read buildings or residential roads from")
        }
        progress("reading buildings and residential roads of \(path)")
        let weights = try SettlementWeights.read(pbfPath: path)
        let kind: SettlementWeights.Kind
        switch settings.choice {
        case .buildings: kind = .buildings
        case .residentialRoads: kind = .residentialRoads
        default: kind = weights.kind
        }
        let points = kind == .buildings ? weights.buildings : kind == .residentialRoads ? weights.residentialRoads : []
        guard points.contains(where: { $0.weight > 0 }) else {
            if settings.choice == .auto { return nil }
            throw AnalysisInputError.badParameter("\(path): no \(kind == .buildings ? "building" : "residential road") "
                                                  + "to weight the population with — use --population-model auto or uniform")
        }
        let grid = try weightGrid(points, source: path)
        progress("spreading commune populations over \(grid.count) weighted cells")
        let allocation = try PopulationAllocation.allocate(grid: grid, communes: shapes, legalPopulation: legalPopulation)
        return PopulationUnits(kind: kind == .buildings ? .buildings : .residentialRoads, source: path, grid: grid,
                               allocation: allocation, scaled: true, settlementCounts: weights.counts)
    }

    /// A CSV of INSEE cell ids, or a GeoJSON layer of polygons or points.
    static func readGrid(_ source: PopulationGridSource) throws -> PopulationGrid {
        let lower = source.path.lowercased()
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw GeoIOError.unreadableFile(path: source.path, reason: "no such file")
        }
        if lower.hasSuffix(".geojson") || lower.hasSuffix(".json") {
            let collection = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: source.path))
            return try PopulationGrid.read(features: collection, populationProperty: source.populationColumn, source: source.path)
        }
        return try PopulationGrid.read(csv: source.path, idColumn: source.idColumn, populationColumn: source.populationColumn)
    }

    /// Weighted lon/lat points summed into the 200 m cells of EPSG:3035 that hold them.
    static func weightGrid(_ points: [WeightedPoint], source: String) throws -> PopulationGrid {
        var projected = points.map(\.position)
        try ThreadTransformers.with(from: .wgs84, to: .epsg(3035)) { try $0.transform(&projected) }
        let size = Double(weightCellMetres)
        var cellOf: [Int64: Int] = [:]
        var columns: [Int32] = [], rows: [Int32] = [], weights: [Double] = []
        for (point, weighted) in zip(projected, points) where weighted.weight > 0 && point.x.isFinite && point.y.isFinite {
            let column = Int32((point.x / size).rounded(.down)), row = Int32((point.y / size).rounded(.down))
            let key = Int64(column) << 32 | Int64(UInt32(bitPattern: row))
            if let cell = cellOf[key] {
                weights[cell] += weighted.weight
            } else {
                cellOf[key] = columns.count
                columns.append(column); rows.append(row); weights.append(weighted.weight)
            }
        }
        let cells = try SquareCells(epsg: 3035, size: weightCellMetres, columns: columns, rows: rows)
        return PopulationGrid(source: source, units: .squares(cells), populations: weights)
    }
}
