import GeosGeometry
import RoadNetwork
import GeoCore

/// Isochrone polygons from the road segments reached in time: the cells of a square grid whose
/// centre lies within `bufferMetres` of a reached segment, dissolved into polygons by tracing the
/// cells' outer edges. Linear in the number of cells, where a GEOS buffer of tens of thousands of
/// segments is not; the staircase outline is exact on the grid (vertices on multiples of the cell
/// size) and always valid.
struct RasterIsochrone: Sendable {
    let cellMetres: Double
    let bufferMetres: Double

    func polygon(_ segments: [MetricSegment], kind: CoordinateKind) throws -> Geometry? {
        try polygon(cells: cells(segments), kind: kind)
    }

    /// The cells whose centre lies within the buffer distance of a segment.
    func cells(_ segments: [MetricSegment]) -> Set<Cell> {
        var cells = Set<Cell>()
        let c = cellMetres, d = bufferMetres, d2 = bufferMetres * bufferMetres
        for s in segments {
            let minX = Int(((min(s.x0, s.x1) - d) / c).rounded(.down)), maxX = Int(((max(s.x0, s.x1) + d) / c).rounded(.down))
            let minY = Int(((min(s.y0, s.y1) - d) / c).rounded(.down)), maxY = Int(((max(s.y0, s.y1) + d) / c).rounded(.down))
            let dx = s.x1 - s.x0, dy = s.y1 - s.y0, length2 = dx * dx + dy * dy
            for i in minX...maxX {
                let px = (Double(i) + 0.5) * c
                for j in minY...maxY {
                    let py = (Double(j) + 0.5) * c
                    // Squared distance from the cell centre to the segment.
                    let t = length2 > 0 ? max(0, min(1, ((px - s.x0) * dx + (py - s.y0) * dy) / length2)) : 0
                    let ex = s.x0 + t * dx - px, ey = s.y0 + t * dy - py
                    if ex * ex + ey * ey <= d2 { cells.insert(Cell(i: Int32(i), j: Int32(j))) }
                }
            }
        }
        return cells
    }

    /// The cells dissolved into polygons (nil for no cell).
    func polygon(cells: Set<Cell>, kind: CoordinateKind) throws -> Geometry? {
        guard !cells.isEmpty else { return nil }
        let c = cellMetres
        // Outer edges of the cell set, counter-clockwise around each cell (region on the left).
        var boundary = Set<CoverageDissolve.Edge>()
        func corner(_ i: Int32, _ j: Int32) -> XY { XY(Double(i) * c, Double(j) * c) }
        for cell in cells {
            let (i, j) = (cell.i, cell.j)
            if !cells.contains(Cell(i: i, j: j - 1)) { boundary.insert(.init(a: corner(i, j), b: corner(i + 1, j))) }
            if !cells.contains(Cell(i: i + 1, j: j)) { boundary.insert(.init(a: corner(i + 1, j), b: corner(i + 1, j + 1))) }
            if !cells.contains(Cell(i: i, j: j + 1)) { boundary.insert(.init(a: corner(i + 1, j + 1), b: corner(i, j + 1))) }
            if !cells.contains(Cell(i: i - 1, j: j)) { boundary.insert(.init(a: corner(i, j + 1), b: corner(i, j))) }
        }
        return try Geometry.dissolvingCoverage(boundary: boundary, kind: kind)
    }

    struct Cell: Hashable, Sendable { let i: Int32, j: Int32 }

    /// The square of a cell, closed and counter-clockwise.
    func square(_ cell: Cell) -> [XY] {
        let x0 = Double(cell.i) * cellMetres, y0 = Double(cell.j) * cellMetres
        let x1 = Double(cell.i + 1) * cellMetres, y1 = Double(cell.j + 1) * cellMetres
        return [XY(x0, y0), XY(x1, y0), XY(x1, y1), XY(x0, y1), XY(x0, y0)]
    }

    /// Area of the commune in each grid cell it overlaps (exact: cells are convex).
    func cellAreas(of rings: RingSet, envelope: Envelope) -> [(cell: Cell, area: Double)] {
        let c = cellMetres
        var result: [(cell: Cell, area: Double)] = []
        for i in Int32((envelope.minX / c).rounded(.down))...Int32((envelope.maxX / c).rounded(.down)) {
            for j in Int32((envelope.minY / c).rounded(.down))...Int32((envelope.maxY / c).rounded(.down)) {
                let cell = Cell(i: i, j: j)
                let area = rings.areaInside(convex: square(cell))
                if area > 0 { result.append((cell, area)) }
            }
        }
        return result
    }
}
