import GeosGeometry

/// White zones: the territory outside every catchment at the main threshold.
enum WhiteZones {
    /// Per-commune pieces, and the dissolved zones (one feature per connected polygon), with
    /// area-weighted population.
    static func build(territory: ProjectedTerritory, coverage: [CommuneCoverage], populations: [Double],
                      toLonLat: BackProjection) throws -> (byCommune: [WhiteZonePiece], dissolved: [WhiteZonePiece]) {
        let positions = coverage.indices.filter { coverage[$0].whitePiece != nil }
        let population: @Sendable (Int, Double) -> Double = { position, area in
            populations[position] * area / max(territory.areasSquareMetres[position], .leastNormalMagnitude)
        }
        let byCommuneResults: [Result<WhiteZonePiece, any Error>] = ParallelMap.map(positions) { position in
            Result {
                let piece = coverage[position].whitePiece!
                let area = try piece.area()
                return WhiteZonePiece(geometry: try toLonLat(piece), areaSquareMetres: area,
                                      population: population(position, area),
                                      commune: territory.communeIndices[position], communeCount: 1)
            }
        }
        let byCommune = try byCommuneResults.map { try $0.get() }
        guard !positions.isEmpty else { return (byCommune, []) }

        // Dissolve: union groups of neighbouring pieces in parallel, then union the groups.
        var groups: [String: [Geometry]] = [:]
        for (offset, position) in positions.enumerated() {
            // Chunks of neighbouring communes: the input order follows the files (département by département).
            groups[String(offset / 256), default: []].append(coverage[position].whitePiece!)
        }
        let groupsToUnion = groups
        let keys = groups.keys.sorted { Int($0)! < Int($1)! }
        let partial: [Result<Geometry, any Error>] = ParallelMap.map(keys) { key in Result { try Geometry.unaryUnion(of: groupsToUnion[key]!) } }
        let union = try Geometry.unaryUnion(of: try partial.map { try $0.get() })
        let polygons = try union.parts().filter { try $0.area() > 0 }

        // Population of each dissolved polygon: each polygon part of each commune piece lies in one of them.
        let index = SpatialIndex(envelopes: polygons.map(\.envelope))
        var people = [Double](repeating: 0, count: polygons.count)
        var communes = [Set<Int>](repeating: [], count: polygons.count)
        for position in positions {
            for part in try coverage[position].whitePiece!.parts() {
                let area = try part.area()
                guard area > 0 else { continue }
                let probe = try part.pointOnSurface()
                for candidate in index.query(probe.envelope) where try polygons[candidate].intersects(probe) {
                    people[candidate] += population(position, area)
                    communes[candidate].insert(position)
                    break
                }
            }
        }
        let (polygonPeople, polygonCommunes) = (people, communes)
        let dissolvedResults: [Result<WhiteZonePiece, any Error>] = ParallelMap.map(Array(polygons.indices)) { i in
            Result {
                WhiteZonePiece(geometry: try toLonLat(polygons[i]), areaSquareMetres: try polygons[i].area(),
                               population: polygonPeople[i], commune: nil, communeCount: polygonCommunes[i].count)
            }
        }
        return (byCommune, try dissolvedResults.map { try $0.get() })
    }
}
