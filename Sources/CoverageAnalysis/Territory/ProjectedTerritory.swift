import Foundation
import GeosGeometry
import Projection
import GeoCore

/// The communes of one metric CRS (metropolitan France, or one overseas département), projected,
/// repaired and ready to measure, with the lieux of the same zone.
public struct ProjectedTerritory: Sendable {
    public let crs: CRS
    /// Indices of the communes in the analysis's commune list.
    public let communeIndices: [Int]
    /// Metric, valid geometries.
    public let geometries: [Geometry]
    /// Projected exterior/interior ring vertices of each commune (for quick distance bounds).
    public let vertices: [[XY]]
    public let areasSquareMetres: [Double]
    /// Point-on-surface of each commune (GEOS), in metres.
    public let representativePoints: [XY]
    public let envelopes: [Envelope]
    /// Communes whose geometry was invalid and repaired: (position in this territory, GEOS reason).
    public let repairs: [(position: Int, reason: String)]
    /// Indices of the lieux in this CRS zone, and their projected positions.
    public let lieuIndices: [Int]
    public let lieuPoints: [XY]
    /// How many lieux of the input stand at each lieu point: 1, unless `mergingCoincidentLieux()`
    /// merged several into the first of them.
    public let lieuCounts: [Int]
    public let envelope: Envelope

    /// Splits communes by CRS zone, then projects, validates and repairs each commune in parallel.
    public static func prepare(communes: [CommuneInput], lieux: [Lieu]) throws -> [ProjectedTerritory] {
        var byCRS: [CRS: [Int]] = [:]
        var order: [CRS] = []
        for (index, commune) in communes.enumerated() {
            let crs = TerritoryCRS.forDepartement(commune.departement) ?? zoneCRS(of: commune.lonLat)
            if byCRS[crs] == nil { order.append(crs) }
            byCRS[crs, default: []].append(index)
        }
        let lieuZones = lieux.map { TerritoryCRS.forLonLat(longitude: $0.lonLat.x, latitude: $0.lonLat.y) }
        return try order.map { crs in
            let lieuIndices = lieux.indices.filter { lieuZones[$0] == crs }
            return try prepare(crs: crs, communeIndices: byCRS[crs]!, communes: communes,
                               lieuIndices: lieuIndices, lieux: lieux)
        }
    }

    static func zoneCRS(of shape: Shape) -> CRS {
        let first = shape.allCoordinates.first ?? XY(0, 0)
        return TerritoryCRS.forLonLat(longitude: first.x, latitude: first.y)
    }

    struct PreparedCommune: Sendable {
        let geometry: Geometry
        let vertices: [XY]
        let area: Double
        let point: XY
        let repairReason: String?
    }

    static func prepare(crs: CRS, communeIndices: [Int], communes: [CommuneInput],
                        lieuIndices: [Int], lieux: [Lieu]) throws -> ProjectedTerritory {
        let results: [Result<PreparedCommune, any Error>] = ParallelMap.mapIndices(communeIndices.count, chunk: 32) { position in
            Result {
                let commune = communes[communeIndices[position]]
                return try ThreadTransformers.with(from: .wgs84, to: crs) { transformer in
                    var coordinates = commune.lonLat.allCoordinates
                    try transformer.transform(&coordinates)
                    var next = 0
                    let projected = commune.lonLat.mapCoordinates { _ in defer { next += 1 }; return coordinates[next] }
                    var geometry = try Geometry.make(projected, kind: transformer.targetKind)
                    var reason: String?
                    if try !geometry.isValid {
                        reason = try geometry.validityReason()
                        geometry = try geometry.makeValid()
                    }
                    let point = try geometry.pointOnSurface().pointXY ?? coordinates.first ?? XY(0, 0)
                    return PreparedCommune(geometry: geometry, vertices: coordinates, area: try geometry.area(),
                                           point: point, repairReason: reason)
                }
            }
        }
        let prepared = try results.map { try $0.get() }
        var lieuPoints = lieuIndices.map { lieux[$0].lonLat }
        try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(&lieuPoints) }
        let envelopes = prepared.map(\.geometry.envelope)
        return ProjectedTerritory(
            crs: crs, communeIndices: communeIndices, geometries: prepared.map(\.geometry),
            vertices: prepared.map(\.vertices), areasSquareMetres: prepared.map(\.area),
            representativePoints: prepared.map(\.point), envelopes: envelopes,
            repairs: prepared.enumerated().compactMap { index, commune in commune.repairReason.map { (index, $0) } },
            lieuIndices: lieuIndices, lieuPoints: lieuPoints, lieuCounts: lieuPoints.map { _ in 1 },
            envelope: envelopes.reduce(Envelope.empty) { $0.union($1) })
    }
}

extension ProjectedTerritory {
    /// A territory from geometries already in metres (for callers that project themselves, and tests).
    /// Invalid geometries are repaired as in `prepare`.
    public static func metric(crs: CRS, geometries: [Geometry], lieuPoints: [XY]) throws -> ProjectedTerritory {
        var repaired: [Geometry] = [], repairs: [(position: Int, reason: String)] = []
        for (position, geometry) in geometries.enumerated() {
            if try geometry.isValid {
                repaired.append(geometry)
            } else {
                repairs.append((position, try geometry.validityReason()))
                repaired.append(try geometry.makeValid())
            }
        }
        let envelopes = repaired.map(\.envelope)
        return ProjectedTerritory(
            crs: crs, communeIndices: Array(repaired.indices), geometries: repaired,
            vertices: repaired.map { $0.shape.allCoordinates }, areasSquareMetres: try repaired.map { try $0.area() },
            representativePoints: try repaired.map { try $0.pointOnSurface().pointXY ?? XY(0, 0) }, envelopes: envelopes,
            repairs: repairs, lieuIndices: Array(lieuPoints.indices), lieuPoints: lieuPoints, lieuCounts: lieuPoints.map { _ in 1 },
            envelope: envelopes.reduce(Envelope.empty) { $0.union($1) })
    }
}

extension ProjectedTerritory {
    /// Union of some communes (positions in this territory).
    ///
    /// Commune boundaries normally form an exact coverage (neighbours share identical vertices), which
    /// `CoverageDissolve` unions in linear time. Where they do not (a repaired commune, a border that
    /// differs between two files), GEOS takes over: the communes are split into spatially compact
    /// groups so that only the groups holding such a spot pay for a GEOS union.
    public func union(of positions: [Int]) throws -> Geometry {
        let parts = positions.map { geometries[$0] }
        if parts.count == 1 { return parts[0] }
        let kind = parts[0].kind
        let groupSize = 1_000
        guard parts.count > 2 * groupSize else {
            return try Geometry.dissolvingCoverage(parts, kind: kind) ?? Self.geosUnion(parts)
        }
        let order = SpatialIndex(envelopes: parts.map(\.envelope)).leafOrder
        let groups = stride(from: 0, to: order.count, by: groupSize).map { Array(order[$0..<min($0 + groupSize, order.count)]) }
        let unions: [Result<(geometry: Geometry, exact: Bool), any Error>] = ParallelMap.map(groups) { group in
            Result {
                let members = group.map { parts[$0] }
                if let union = try Geometry.dissolvingCoverage(members, kind: kind) { return (union, true) }
                return (try Self.geosUnion(members), false)
            }
        }
        let groupUnions = try unions.map { try $0.get() }
        // Group results share the communes' border vertices only when every group dissolved exactly.
        if groupUnions.allSatisfy(\.exact), let union = try Geometry.dissolvingCoverage(groupUnions.map(\.geometry), kind: kind) {
            return union
        }
        return try Self.geosUnion(groupUnions.map(\.geometry))
    }

    /// GEOS coverage union when its result is valid, otherwise a general union.
    static func geosUnion(_ parts: [Geometry]) throws -> Geometry {
        if let union = try? Geometry.coverageUnion(of: parts), (try? union.isValid) == true { return union }
        return try Geometry.unaryUnion(of: parts)
    }
}

extension ProjectedTerritory {
    /// The same communes with other lieux (indices into the caller's lieu list, metric points, and
    /// how many lieux stand at each point: one each unless given).
    public func withLieux(indices: [Int], points: [XY], counts: [Int]? = nil) -> ProjectedTerritory {
        ProjectedTerritory(crs: crs, communeIndices: communeIndices, geometries: geometries, vertices: vertices,
                           areasSquareMetres: areasSquareMetres, representativePoints: representativePoints, envelopes: envelopes,
                           repairs: repairs, lieuIndices: indices, lieuPoints: points, lieuCounts: counts ?? points.map { _ in 1 },
                           envelope: envelope)
    }

    /// The same territory with only some of its lieux (positions in `lieuIndices`).
    public func keepingLieux(_ positions: [Int]) -> ProjectedTerritory {
        withLieux(indices: positions.map { lieuIndices[$0] }, points: positions.map { lieuPoints[$0] },
                  counts: positions.map { lieuCounts[$0] })
    }

    /// The same territory with the lieux that stand at one point merged into the first of them (the
    /// lowest index), which counts them all (`lieuCounts`): discs, Voronoi cells, isochrones and
    /// coverage are then built once per point, whatever the number of duplicates.
    public func mergingCoincidentLieux() -> (territory: ProjectedTerritory, merged: CoincidentLieux) {
        let groups = CoincidentPoints.groups(lieuPoints)
        guard groups.count < lieuPoints.count else { return (self, CoincidentLieux(others: [:])) }
        let territory = withLieux(indices: groups.map { lieuIndices[$0[0]] }, points: groups.map { lieuPoints[$0[0]] },
                                  counts: groups.map { $0.reduce(0) { $0 + lieuCounts[$1] } })
        let others = groups.filter { $0.count > 1 }.map { (lieuIndices[$0[0]], $0.dropFirst().map { lieuIndices[$0] }) }
        return (territory, CoincidentLieux(others: Dictionary(uniqueKeysWithValues: others)))
    }
}

/// Lieux merged by `ProjectedTerritory.mergingCoincidentLieux()`: for the lieu kept at a point
/// (index into the caller's lieu list), the other lieux at the same point, ascending.
public struct CoincidentLieux: Sendable {
    public let others: [Int: [Int]]

    /// The lieu and those merged into it, ascending.
    public func all(_ lieu: Int) -> [Int] { [lieu] + (others[lieu] ?? []) }
}
