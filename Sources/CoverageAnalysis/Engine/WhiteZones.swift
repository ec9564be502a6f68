import GeosGeometry
import GeoCore

/// White zones: the territory outside every catchment at the main threshold.
enum WhiteZones {
    /// The white zone as (union of the communes it touches) − (union of the catchments), which
    /// equals the union of the per-commune white pieces.
    static func dissolvedWhiteZone(territory: ProjectedTerritory, positions: [Int], catchments: [Geometry?]) throws -> Geometry {
        let communes = try territory.union(of: positions)
        let box = communes.envelope
        let reaching = catchments.compactMap { $0 }.filter { $0.envelope.intersects(box) }
        guard !reaching.isEmpty else { return communes }
        return try communes.difference(try Geometry.unaryUnion(of: reaching))
    }

    static func build(territory: ProjectedTerritory, coverage: [CommuneCoverage], catchments: [Geometry?], populations: [Double],
                      toLonLat: BackProjection, units: TerritoryUnits? = nil,
                      candidateUnits: [Bool]? = nil) throws -> (byCommune: [WhiteZonePiece], dissolved: [WhiteZonePiece]) {
        let positions = coverage.indices.filter { coverage[$0].whitePiece != nil }
        let population: @Sendable (Int, Double) -> Double = { position, area in
            populations[position] * area / max(territory.areasSquareMetres[position], .leastNormalMagnitude)
        }
        let pieceOf: @Sendable (Int) -> Result<WhiteZonePiece, any Error> = { position in
            Result {
                let piece = coverage[position].whitePiece!
                let area = try piece.area()
                var result = WhiteZonePiece(geometry: try toLonLat(piece), areaSquareMetres: area,
                                            population: population(position, area),
                                            commune: territory.communeIndices[position], communeCount: 1)
                if let units {
                    result.modelPopulation = try WhiteZoneUnits.population(in: piece, position: position, units: units,
                                                                           candidates: candidateUnits)
                }
                return result
            }
        }
        let byCommune = try ParallelMap.map(positions, pieceOf).map { try $0.get() }
        guard !positions.isEmpty else { return (byCommune, []) }

        let union = try dissolvedWhiteZone(territory: territory, positions: positions, catchments: catchments)
        let polygons = try union.parts().filter { try $0.area() > 0 }

        // Population of each dissolved polygon: each polygon part of each commune piece lies in one of
        // them; a part whose inner point falls in none (a sliver lost to rounding) goes to the nearest.
        let index = SpatialIndex(envelopes: polygons.map(\.envelope))
        let prepared = polygons.map(PreparedGeometry.init)
        var people = [Double](repeating: 0, count: polygons.count)
        var communes = [Set<Int>](repeating: [], count: polygons.count)
        for position in positions {
            for part in try coverage[position].whitePiece!.parts() {
                let area = try part.area()
                guard area > 0 else { continue }
                let probe = try part.pointOnSurface()
                let point = probe.pointXY ?? XY(0, 0)
                let home = try index.query(probe.envelope).first { try prepared[$0].intersects(probe) }
                    ?? index.nearest(to: point) { try prepared[$0].distance(to: probe) }?.item
                if let home {
                    people[home] += population(position, area)
                    communes[home].insert(position)
                }
            }
        }
        let unitPeople = try units.map { try WhiteZoneUnits.populations(in: polygons, positions: positions, units: $0,
                                                                          candidates: candidateUnits) }
        let (polygonPeople, polygonCommunes) = (people, communes)
        let dissolvedResults: [Result<WhiteZonePiece, any Error>] = ParallelMap.map(Array(polygons.indices)) { i in
            Result {
                var piece = WhiteZonePiece(geometry: try toLonLat(polygons[i]), areaSquareMetres: try polygons[i].area(),
                                           population: polygonPeople[i], commune: nil, communeCount: polygonCommunes[i].count)
                piece.modelPopulation = unitPeople?[i]
                return piece
            }
        }
        return (byCommune, try dissolvedResults.map { try $0.get() })
    }
}
