import GeoCore
import PopulationGrid
import Projection

/// White-zone pieces left out of a layer for being smaller than the minimum area.
public struct LeftOutPieces: Sendable, Equatable {
    public var count = 0
    public var areaSquareMetres = 0.0
    public var population = 0.0
    public init() {}
}

/// The population model of an analysis and what it measured: each unit's nearest lieu and distance
/// or time (nil units for uniform density), the representative points used, the slivers left out.
public struct PopulationModelResult: Sendable {
    public let kind: PopulationModelKind
    public let units: PopulationUnits?
    /// Per piece of `units`: nearest lieu (index into the lieu list; -1 when none is reachable).
    public let nearestLieu: [Int32]
    /// Per piece of `units`: metres or seconds to the nearest lieu (infinity when none is reachable).
    public let measure: [Double]
    /// The `--commune-points` file, and the codes of the territory it lacks (they keep the default point).
    public let communePointsSource: String?
    public let communePointsMissing: [String]
    public let minWhiteZoneSquareMetres: Double
    public let leftOutByCommune: LeftOutPieces
    public let leftOutDissolved: LeftOutPieces
}

/// A populated cell (piece) beyond the main threshold, for the unserved-cells layer.
public struct UnservedCell: Sendable {
    /// Index of the commune in the analysis's commune list.
    public let commune: Int
    /// The cell's id (INSEE form for square cells), nil for a polygon or point unit.
    public let cellID: String?
    /// Whether the piece spreads a commune without populated cell at uniform density.
    public let fallback: Bool
    public let population: Double
    /// Metres or seconds to the nearest lieu; nil when none is reachable.
    public let nearest: Proximity?
    /// The cell square (or the unit's polygon or point), lon/lat.
    public let geometry: Shape
}

extension PopulationModelResult {
    /// The populated pieces beyond `threshold`, most populated first, with their cells as lon/lat geometry.
    public func unservedCells(beyond threshold: Threshold) throws -> [UnservedCell] {
        guard let units else { return [] }
        let limit = threshold.limit.baseValue
        let kind = threshold.limit
        let pieces = units.pieces
        let beyond = pieces.indices.filter { pieces[$0].population > 0 && !(measure[$0] <= limit) }
        // Most populated first, then by piece: the complemented bit patterns of positive doubles
        // ascend as the values descend.
        let chosen = StableOrder.ascending(keys: beyond.map { ~pieces[$0].population.bitPattern }).map { beyond[Int($0)] }
        let grid = units.grid
        // Chunks of cells, each projected in one PROJ call per direction.
        let chunk = 4_096
        let starts = Array(stride(from: 0, to: chosen.count, by: chunk))
        let parts: [Result<[(Shape, String?)], any Error>] = ParallelMap.map(starts) { start in
            Result {
                let members = chosen[start..<min(start + chunk, chosen.count)]
                switch grid.units {
                case .squares(let cells):
                    let size = Double(cells.size)
                    // Uniform-density pieces: the cell of the grid that holds their centre.
                    var fallbackCentres = members.compactMap { pieces[$0].cell == nil ? pieces[$0].centre : nil }
                    if !fallbackCentres.isEmpty {
                        try ThreadTransformers.with(from: .wgs84, to: cells.crs) { try $0.transform(&fallbackCentres) }
                    }
                    var nextFallback = 0
                    var corners: [(corner: XY, id: String)] = []
                    corners.reserveCapacity(members.count)
                    for index in members {
                        if let cell = pieces[index].cell {
                            corners.append((cells.corner(of: cell), cells.id(of: cell).description))
                        } else {
                            let centre = fallbackCentres[nextFallback]
                            nextFallback += 1
                            let corner = XY((centre.x / size).rounded(.down) * size, (centre.y / size).rounded(.down) * size)
                            corners.append((corner, GridCellID(epsg: cells.epsg, size: cells.size,
                                                               east: Int(corner.x), north: Int(corner.y)).description))
                        }
                    }
                    var rings: [XY] = []
                    rings.reserveCapacity(corners.count * 5)
                    for (corner, _) in corners {
                        rings += [corner, XY(corner.x + size, corner.y), XY(corner.x + size, corner.y + size),
                                  XY(corner.x, corner.y + size), corner]
                    }
                    try ThreadTransformers.with(from: cells.crs, to: .wgs84) { try $0.transform(&rings) }
                    return corners.indices.map { k in (Shape.polygon([Array(rings[5 * k ..< 5 * k + 5])]), corners[k].id) }
                case .polygons(let shapes):
                    return members.map { index in (pieces[index].cell.map { shapes[$0] } ?? .point(pieces[index].centre), nil) }
                case .points:
                    return members.map { index in (Shape.point(pieces[index].centre), nil) }
                }
            }
        }
        var cells: [UnservedCell] = []
        cells.reserveCapacity(chosen.count)
        for (start, part) in zip(starts, parts) {
            for (offset, (geometry, id)) in try part.get().enumerated() {
                let index = chosen[start + offset]
                let piece = pieces[index]
                cells.append(UnservedCell(commune: piece.commune, cellID: id, fallback: piece.cell == nil, population: piece.population,
                                          nearest: measure[index].isFinite ? kind.sameKind(measure[index]) : nil, geometry: geometry))
            }
        }
        return cells
    }
}

/// What the population model was built from, in plain figures for the outputs.
public struct PopulationModelFacts: Sendable {
    public let kind: PopulationModelKind
    /// "population grid", "dasymetric estimate" or "uniform density".
    public let estimate: String
    public let source: String?
    public let scaledToCommunePopulation: Bool
    /// Grid cells (or weighted cells) read, and pieces after cutting them by the communes.
    public let cells: Int
    public let pieces: Int
    /// People of the grid as read (for weighted cells: the total weight, m² of buildings or m of road).
    public let gridTotal: Double
    public let droppedCells: Int
    public let droppedPopulation: Double
    /// Communes with people but no populated cell, spread at uniform density (indices into the commune list).
    public let fallbackCommunes: [Int]
    /// Buildings or residential road segments read from the extract (dasymetric weights).
    public let buildingsRead: Int?
    public let residentialRoadSegmentsRead: Int?
}

extension PopulationModelResult {
    public var facts: PopulationModelFacts {
        guard let units else {
            return PopulationModelFacts(kind: .uniform, estimate: "uniform density", source: nil, scaledToCommunePopulation: true,
                                        cells: 0, pieces: 0, gridTotal: 0, droppedCells: 0, droppedPopulation: 0,
                                        fallbackCommunes: [], buildingsRead: nil, residentialRoadSegmentsRead: nil)
        }
        let counts = units.settlementCounts
        return PopulationModelFacts(
            kind: kind, estimate: units.estimate, source: units.source, scaledToCommunePopulation: units.scaled,
            cells: units.grid.count, pieces: units.pieces.count, gridTotal: units.grid.totalPopulation,
            droppedCells: units.allocation.droppedCellCount, droppedPopulation: units.allocation.droppedPopulation,
            fallbackCommunes: units.allocation.fallbackCommunes,
            buildingsRead: counts.map { $0.buildingWays + $0.buildingNodes }, residentialRoadSegmentsRead: counts?.residentialRoadSegments)
    }
}
