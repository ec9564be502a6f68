import GeoCore
import GeosGeometry
import Projection

/// The people of one unit (grid cell, polygon or point) inside one commune, or a uniform-density piece.
public struct PopulationPiece: Sendable, Equatable {
    // 32-bit indices keep millions of pieces compact.
    private let communeIndex: Int32
    private let cellIndex: Int32
    /// Index of the commune in the caller's list.
    public var commune: Int { Int(communeIndex) }
    /// Index of the unit in the grid; nil for a uniform-density (fallback) piece.
    public var cell: Int? { cellIndex < 0 ? nil : Int(cellIndex) }
    /// People of the piece: the grid's, scaled to the commune's legal population when one is given.
    public let population: Double
    /// People of the piece as the grid counts them (0 for fallback pieces).
    public let gridPopulation: Double
    /// Area of the unit inside the commune, m² in the working CRS (0 for point units).
    public let areaSquareMetres: Double
    /// Where the piece is measured from: the cell's centre (a polygon's centroid, a point itself),
    /// WGS84 longitude/latitude.
    public let centre: XY

    public init(commune: Int, cell: Int?, population: Double, gridPopulation: Double, areaSquareMetres: Double, centre: XY) {
        communeIndex = Int32(commune)
        cellIndex = cell.map { Int32($0) } ?? -1
        self.population = population
        self.gridPopulation = gridPopulation
        self.areaSquareMetres = areaSquareMetres
        self.centre = centre
    }
}

/// What the grid says of one commune.
public struct CommuneGridPopulation: Sendable, Equatable {
    /// People of the commune's pieces as the grid counts them.
    public let gridPopulation: Double
    /// People after scaling to the legal population (the grid's when no legal population is given).
    public let population: Double
    /// Centre of the commune's most populated cell (WGS84), nil when no piece holds people: the
    /// natural representative point when a grid is given.
    public let mainCentre: XY?
    /// Whether the commune has legal population but no populated cell, so uniform density was used.
    public let usesFallback: Bool
    /// Positions of its pieces in `PopulationAllocation.pieces`.
    public let pieces: Range<Int>
}

/// A population grid shared among communes.
///
/// Method: the communes are projected to the grid's CRS (square cells) or to a metric working CRS
/// (feature layers) and repaired when invalid (GEOS make-valid, "structure"); each is cut by the cells
/// (exact areas by strip clipping, only over populated rows and columns). A cell's people are shared
/// among the communes in proportion to its piece areas, normalised by the sum of its pieces over the
/// communes given, so a cell half in the sea keeps all its people on land. Cells touching no commune
/// are dropped (counted). With legal populations, each commune's pieces are scaled to add up to its
/// legal figure; a commune with legal population but no populated piece is cut by the grid's own
/// cells (200 m for feature layers) and its people spread by area over the pieces, each measured from
/// its cell's centre. Point units go whole to the first commune (input order) that contains or touches them.
public struct PopulationAllocation: Sendable {
    /// Pieces sorted by commune, then cell (fallback pieces last, by row then column).
    public let pieces: [PopulationPiece]
    /// One entry per commune, in the caller's order.
    public let communes: [CommuneGridPopulation]
    /// Units touching no commune, ascending, and their people.
    public let droppedCells: [Int]
    public let droppedPopulation: Double
    /// Communes spread at uniform density (legal population > 0, no populated piece), ascending.
    public let fallbackCommunes: [Int]
    /// The CRS the areas were measured in.
    public let workingCRS: CRS

    public var droppedCellCount: Int { droppedCells.count }

    /// Shares the grid among `communes` (WGS84 lon/lat polygons); `legalPopulation` (one per commune,
    /// nil = the grid's own counts) scales each commune's pieces.
    /// - Parameter workingCRS: metric CRS for feature layers (default: the territory CRS of the
    ///   first commune's first coordinate); square grids are always cut in their own CRS.
    public static func allocate(grid: PopulationGrid, communes: [Shape], legalPopulation: [Double]?,
                                workingCRS: CRS? = nil) throws -> PopulationAllocation {
        if let legalPopulation {
            precondition(legalPopulation.count == communes.count, "one legal population per commune is needed")
        }
        let crs: CRS
        if let cells = grid.squareCells {
            crs = cells.crs
        } else if let workingCRS {
            crs = workingCRS
        } else {
            let first = communes.lazy.compactMap { $0.allCoordinates.first }.first ?? XY(2, 46)
            crs = TerritoryCRS.forLonLat(longitude: first.x, latitude: first.y)
        }
        let layer = try UnitLayer(grid: grid, crs: crs)
        let results: [Result<CommuneCut, any Error>] = ParallelMap.mapIndices(communes.count, chunk: 8) { commune in
            Result { try layer.cut(communes[commune], legalPopulation: legalPopulation?[commune]) }
        }
        let cuts = try results.map { try $0.get() }
        return try assemble(cuts: cuts, communes: communes, layer: layer, legalPopulation: legalPopulation)
    }

    static func assemble(cuts: [CommuneCut], communes: [Shape], layer: UnitLayer,
                         legalPopulation: [Double]?) throws -> PopulationAllocation {
        let grid = layer.grid
        let unitCount = grid.count
        // Each unit's weight: the sum of its piece areas (squares, polygons), or its first commune (points).
        var weightSum = [Double](repeating: 0, count: unitCount)
        var firstCommune = [Int32](repeating: -1, count: layer.isPoints ? unitCount : 0)
        for (commune, cut) in cuts.enumerated() {
            for (cell, area) in zip(cut.cells, cut.areas) {
                if layer.isPoints {
                    if firstCommune[Int(cell)] < 0 { firstCommune[Int(cell)] = Int32(commune); weightSum[Int(cell)] = 1 }
                } else {
                    weightSum[Int(cell)] += area
                }
            }
        }
        var droppedCells: [Int] = [], droppedPopulation = 0.0
        for unit in 0..<unitCount where !(weightSum[unit] > 0) {
            droppedCells.append(unit)
            droppedPopulation += grid.populations[unit]
        }
        let centres = try layer.lonLatCentres(used: weightSum)

        var pieces: [PopulationPiece] = []
        pieces.reserveCapacity(cuts.reduce(0) { $0 + $1.cells.count + $1.fallback.count })
        var summaries: [CommuneGridPopulation] = []
        summaries.reserveCapacity(cuts.count)
        var fallbackCommunes: [Int] = []
        for (commune, cut) in cuts.enumerated() {
            var raw: [(cell: Int, area: Double, people: Double)] = []
            raw.reserveCapacity(cut.cells.count)
            for (cell, area) in zip(cut.cells, cut.areas) {
                let unit = Int(cell)
                if layer.isPoints {
                    guard firstCommune[unit] == Int32(commune) else { continue }
                    raw.append((unit, 0, grid.populations[unit]))
                } else {
                    raw.append((unit, area, grid.populations[unit] * (area / weightSum[unit])))
                }
            }
            raw.sort { $0.cell < $1.cell }
            let gridPopulation = raw.reduce(0) { $0 + $1.people }
            let legal = legalPopulation?[commune]
            let factor = legal.map { gridPopulation > 0 ? $0 / gridPopulation : 0 } ?? 1
            let start = pieces.count
            var main: (people: Double, centre: XY)?
            for piece in raw {
                pieces.append(PopulationPiece(commune: commune, cell: piece.cell, population: piece.people * factor,
                                              gridPopulation: piece.people, areaSquareMetres: piece.area,
                                              centre: centres[piece.cell]))
                if piece.people > (main?.people ?? 0) { main = (piece.people, centres[piece.cell]) }
            }
            // A commune with legal people but none in its units: uniform density. Its pieces were cut
            // with the commune when its units held nobody; a point taken by an earlier commune is caught here.
            let usesFallback = (legal ?? 0) > 0 && !(gridPopulation > 0)
            if usesFallback, let legal {
                fallbackCommunes.append(commune)
                let uniform = cut.fallbackIsCut ? cut : try layer.fallbackCut(communes[commune])
                for piece in uniform.fallback {
                    let people = legal * piece.area / uniform.area
                    pieces.append(PopulationPiece(commune: commune, cell: nil, population: people, gridPopulation: 0,
                                                  areaSquareMetres: piece.area, centre: piece.centre))
                    if people > (main?.people ?? 0) { main = (people, piece.centre) }
                }
            }
            let population = usesFallback ? (legal ?? 0) : gridPopulation * factor
            summaries.append(CommuneGridPopulation(gridPopulation: gridPopulation, population: population,
                                                   mainCentre: main?.centre, usesFallback: usesFallback,
                                                   pieces: start..<pieces.count))
        }
        return PopulationAllocation(pieces: pieces, communes: summaries, droppedCells: droppedCells,
                                    droppedPopulation: droppedPopulation, fallbackCommunes: fallbackCommunes,
                                    workingCRS: layer.crs)
    }
}

/// One commune cut by the units: (unit, area) pairs, and its uniform-density pieces when it may need them.
struct CommuneCut: Sendable {
    var cells: [Int32] = []
    var areas: [Double] = []
    /// Pieces of the commune cut by the fallback grid (only for a commune with legal population and no
    /// populated unit), with the commune's area.
    var fallback: [(area: Double, centre: XY)] = []
    var fallbackIsCut = false
    var area = 0.0
}
