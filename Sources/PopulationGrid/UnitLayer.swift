import GeoCore
import GeosGeometry
import Projection

/// The grid's units ready to cut communes with, in the working CRS: square cells as they are,
/// polygons and points projected once and indexed.
struct UnitLayer: Sendable {
    enum Kind: Sendable {
        case squares(SquareCells)
        /// Projected, valid polygons, their areas, centroids (WGS84) and an index of their envelopes.
        case polygons(geometries: [Geometry], areas: [Double], centroids: [XY], index: SpatialIndex)
        /// Projected points and an index of them.
        case points(projected: [XY], index: SpatialIndex)
    }

    let grid: PopulationGrid
    let crs: CRS
    let kind: Kind
    /// Side of the grid of uniform-density pieces: the grid's own cells, 200 m for feature layers.
    let fallbackCellSize: Double
    /// Pieces smaller than this (m²) are clipping noise along a cell edge.
    static let minimumPieceArea = 1e-6

    var isPoints: Bool { if case .points = kind { true } else { false } }

    init(grid: PopulationGrid, crs: CRS) throws {
        self.grid = grid
        self.crs = crs
        switch grid.units {
        case .squares(let cells):
            kind = .squares(cells)
            fallbackCellSize = Double(cells.size)
        case .points(let lonLat):
            var projected = lonLat
            try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(&projected) }
            kind = .points(projected: projected, index: SpatialIndex(envelopes: projected.map { Envelope(point: $0) }))
            fallbackCellSize = 200
        case .polygons(let shapes):
            let prepared: [Result<(Geometry, Double, XY), any Error>] = ParallelMap.mapIndices(shapes.count, chunk: 64) { unit in
                Result {
                    let geometry = try Self.projectedPolygons(shapes[unit], to: crs).geometry
                    let centroid = try geometry.centroid().pointXY ?? XY(0, 0)
                    let lonLat = try ThreadTransformers.with(from: crs, to: .wgs84) { try $0.transform(centroid) }
                    return (geometry, try geometry.area(), geometry.isEmpty ? (shapes[unit].allCoordinates.first ?? lonLat) : lonLat)
                }
            }
            let units = try prepared.map { try $0.get() }
            kind = .polygons(geometries: units.map(\.0), areas: units.map(\.1), centroids: units.map(\.2),
                             index: SpatialIndex(envelopes: units.map { $0.0.isEmpty ? .empty : $0.0.envelope }))
            fallbackCellSize = 200
        }
    }

    /// A WGS84 shape's polygonal part projected to `crs`, repaired when invalid: its GEOS geometry and rings.
    static func projectedPolygons(_ shape: Shape, to crs: CRS) throws -> (geometry: Geometry, polygons: [[[XY]]]) {
        let projected = try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(shape) }
        var polygons = projected.polygons
        var geometry = try Geometry.multiPolygon(polygons)
        if try !geometry.isValid {
            geometry = try geometry.makeValid()
            polygons = geometry.shape.polygons
            geometry = try Geometry.multiPolygon(polygons)
        }
        return (geometry, polygons)
    }

    /// The commune's pieces in the units, and its uniform-density pieces when it has legal people
    /// and no unit with people.
    func cut(_ commune: Shape, legalPopulation: Double?) throws -> CommuneCut {
        let (geometry, polygons) = try Self.projectedPolygons(commune, to: crs)
        var cut = CommuneCut()
        guard !polygons.isEmpty else { return cut }
        switch kind {
        case .squares(let cells):
            (cut.cells, cut.areas) = SparseGridClip.pieces(of: polygons, cells: cells, minimumArea: Self.minimumPieceArea)
        case let .polygons(geometries, areas, _, index):
            let prepared = PreparedGeometry(geometry)
            for unit in index.query(geometry.envelope) {
                let area: Double
                if try prepared.contains(geometries[unit]) {
                    area = areas[unit]
                } else if try prepared.intersects(geometries[unit]) {
                    area = try geometry.intersection(geometries[unit]).area()
                } else {
                    continue
                }
                if area > Self.minimumPieceArea { cut.cells.append(Int32(unit)); cut.areas.append(area) }
            }
        case let .points(projected, index):
            let prepared = PreparedGeometry(geometry)
            for unit in index.query(geometry.envelope) where try prepared.intersects(projected[unit]) {
                cut.cells.append(Int32(unit)); cut.areas.append(0)
            }
        }
        if let legalPopulation, legalPopulation > 0, !cut.cells.contains(where: { grid.populations[Int($0)] > 0 }) {
            try addFallback(to: &cut, geometry: geometry, polygons: polygons)
        }
        return cut
    }

    /// Uniform-density pieces of a commune alone.
    func fallbackCut(_ commune: Shape) throws -> CommuneCut {
        let (geometry, polygons) = try Self.projectedPolygons(commune, to: crs)
        var cut = CommuneCut()
        if !polygons.isEmpty { try addFallback(to: &cut, geometry: geometry, polygons: polygons) }
        cut.fallbackIsCut = true
        return cut
    }

    private func addFallback(to cut: inout CommuneCut, geometry: Geometry, polygons: [[[XY]]]) throws {
        let size = fallbackCellSize
        let box = geometry.envelope
        let columns = Int((box.minX / size).rounded(.down))...Int((box.maxX / size).rounded(.down))
        let rows = Int((box.minY / size).rounded(.down))...Int((box.maxY / size).rounded(.down))
        let pieces = GridClip.pieces(of: .multiPolygon(polygons), cell: size, columns: columns, rows: rows,
                                     minimumArea: Self.minimumPieceArea)
        var centres = pieces.map { XY((Double($0.column) + 0.5) * size, (Double($0.row) + 0.5) * size) }
        try ThreadTransformers.with(from: crs, to: .wgs84) { try $0.transform(&centres) }
        cut.fallback = zip(pieces, centres).map { ($0.areaSquareMetres, $1) }
        cut.area = try geometry.area()
        cut.fallbackIsCut = true
    }

    /// WGS84 centre of every unit with a piece (`used[unit] > 0`); other entries are (0, 0).
    func lonLatCentres(used: [Double]) throws -> [XY] {
        switch kind {
        case .points:
            guard case .points(let lonLat) = grid.units else { return [] }
            return lonLat
        case let .polygons(_, _, centroids, _):
            return centroids
        case .squares(let cells):
            let usedCells = used.indices.filter { used[$0] > 0 }
            let chunk = 32_768
            let starts = Array(stride(from: 0, to: usedCells.count, by: chunk))
            let projected: [Result<[XY], any Error>] = ParallelMap.map(starts) { start in
                Result {
                    var points = usedCells[start..<min(start + chunk, usedCells.count)].map { cells.centre(of: $0) }
                    try ThreadTransformers.with(from: cells.crs, to: .wgs84) { try $0.transform(&points) }
                    return points
                }
            }
            var centres = [XY](repeating: XY(0, 0), count: grid.count)
            for (start, result) in zip(starts, projected) {
                for (offset, point) in try result.get().enumerated() { centres[usedCells[start + offset]] = point }
            }
            return centres
        }
    }
}
