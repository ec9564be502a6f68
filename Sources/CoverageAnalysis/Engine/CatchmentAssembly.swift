import GeoCore
import GeosGeometry

/// Catchment and service area of each lieu, assembled from the pieces of communes the engine found.
enum CatchmentAssembly {
    /// What a lieu's pieces are cut from: a polygon (disc, isochrone or Voronoi cell) clipped to the
    /// communes it touches, or the union of whole communes.
    enum Outline: Sendable {
        case polygon(Geometry)
        case communes
    }

    /// Catchment and service-area geometry and population of every lieu that reaches the territory.
    ///
    /// Populations add up the area-weighted shares of each commune piece. Geometries are the disc,
    /// isochrone or Voronoi cell clipped to the union of the communes it touches (when the pieces fill
    /// it whole, it is its own clip), or by road the union of the communes the lieu is nearest to.
    static func lieuResults(engine: CoverageEngine, coverage: [CommuneCoverage], populations: [Double],
                            toLonLat: BackProjection) throws -> [LieuResult] {
        let territory = engine.territory
        let count = territory.lieuIndices.count
        var catchmentPieces = [[(piece: LieuPiece, commune: Int)]](repeating: [], count: count)
        var servicePieces = [[(piece: LieuPiece, commune: Int)]](repeating: [], count: count)
        var nearestCount = [Int](repeating: 0, count: count)
        for (position, result) in coverage.enumerated() {
            for piece in result.catchmentPieces { catchmentPieces[piece.lieu].append((piece, position)) }
            for piece in result.servicePieces { servicePieces[piece.lieu].append((piece, position)) }
            if let nearest = result.nearestLieu { nearestCount[nearest] += 1 }
        }
        let (catchments, services, nearestCounts) = (catchmentPieces, servicePieces, nearestCount)
        let relevant = (0..<count).filter { !catchmentPieces[$0].isEmpty || !servicePieces[$0].isEmpty || nearestCount[$0] > 0 }
        let mainPolygons = engine.polygons[engine.mainThreshold]
        // Service areas are Voronoi cells by distance, whole communes (nearest lieu by road) by time.
        let serviceOutline: @Sendable (Int) -> Outline = { lieu in
            switch engine.catchments {
            case .discs(let discs): discs.cells[lieu].map(Outline.polygon) ?? .communes
            case .isochrones: .communes
            }
        }
        let results: [Result<LieuResult, any Error>] = ParallelMap.map(relevant) { lieu in
            Result {
                func assemble(_ pieces: [(piece: LieuPiece, commune: Int)], outline: Outline) throws -> (Shape?, Double, Double) {
                    guard !pieces.isEmpty else { return (nil, 0, 0) }
                    let area = pieces.reduce(0.0) { $0 + $1.piece.areaSquareMetres }
                    let people = pieces.reduce(0.0) {
                        $0 + populations[$1.commune] * $1.piece.areaSquareMetres / max(territory.areasSquareMetres[$1.commune], .leastNormalMagnitude)
                    }
                    let geometry: Geometry
                    switch outline {
                    case .polygon(let whole):
                        geometry = abs(try whole.area() - area) <= 1e-9 * area
                            ? whole : try whole.intersection(try territory.union(of: pieces.map(\.commune)))
                    case .communes:
                        geometry = try territory.union(of: pieces.map(\.commune))
                    }
                    return (try toLonLat(geometry), area, people)
                }
                let catchment = try assemble(catchments[lieu], outline: mainPolygons[lieu].map(Outline.polygon) ?? .communes)
                let service = try assemble(services[lieu], outline: serviceOutline(lieu))
                return LieuResult(lieu: territory.lieuIndices[lieu], catchment: catchment.0, catchmentAreaSquareMetres: catchment.1,
                                  catchmentPopulation: catchment.2, serviceArea: service.0, serviceAreaSquareMetres: service.1,
                                  servicePopulation: service.2, nearestForCommunes: nearestCounts[lieu])
            }
        }
        return try results.map { try $0.get() }
    }
}
