import Foundation
import GeoCore
import Projection

/// How a demand point was placed.
public enum DemandPlacement: String, Sendable {
    /// The point given for the commune (`--commune-points`).
    case givenPoint = "given_point"
    /// GEOS point-on-surface of the projected commune, as the coverage analysis places communes.
    case pointOnSurface = "point_on_surface"
}

/// The demand of a floating-catchment run: weighted points in a metric CRS, each belonging to one commune.
/// Communes give one point each; a population model (grid cells) can give several points per commune,
/// the per-commune index then being the population-weighted mean of its points' indices.
public struct AccessDemand: Sendable {
    /// Points in the metric CRS of their zone.
    public var points: [XY]
    public var populations: [Double]
    /// Index of each point's commune in the run's commune list.
    public var communeOfPoint: [Int]
    /// Points per metric CRS zone (positions into `points`), in first-seen order.
    public var zones: [(crs: CRS, points: [Int])]
    /// Per commune: how its point was placed (communes as demand only), and the point in lon/lat.
    public var placements: [DemandPlacement]
    public var lonLatOfCommunePoint: [XY]

    /// One point per commune: the given point when the table has the commune's code, otherwise the GEOS
    /// point-on-surface of the projected (and repaired) commune, exactly as `ProjectedTerritory` computes it.
    public static func communes(_ communes: [CommuneInput], populations: [Double],
                                givenPoints: [String: XY]) throws -> AccessDemand {
        precondition(communes.count == populations.count)
        var lonLat = [XY](repeating: XY(0, 0), count: communes.count)
        var metric = [XY](repeating: XY(0, 0), count: communes.count)
        var placements = [DemandPlacement](repeating: .givenPoint, count: communes.count)
        var zoneOf: [CRS] = []
        zoneOf.reserveCapacity(communes.count)
        var withoutPoint: [Int] = []
        for (index, commune) in communes.enumerated() {
            zoneOf.append(TerritoryCRS.forDepartement(commune.departement) ?? ProjectedTerritory.zoneCRS(of: commune.lonLat))
            if let point = givenPoints[commune.code] { lonLat[index] = point } else { withoutPoint.append(index) }
        }
        // Point-on-surface of the communes without a given point, with the coverage analysis's own preparation.
        if !withoutPoint.isEmpty {
            let territories = try ProjectedTerritory.prepare(communes: withoutPoint.map { communes[$0] }, lieux: [])
            for territory in territories {
                var back = territory.representativePoints
                try ThreadTransformers.with(from: territory.crs, to: .wgs84) { try $0.transform(&back) }
                for (position, subsetIndex) in territory.communeIndices.enumerated() {
                    let index = withoutPoint[subsetIndex]
                    metric[index] = territory.representativePoints[position]
                    lonLat[index] = back[position]
                    placements[index] = .pointOnSurface
                }
            }
        }
        var zones: [(crs: CRS, points: [Int])] = []
        var zoneIndex: [CRS: Int] = [:]
        for (index, crs) in zoneOf.enumerated() {
            if zoneIndex[crs] == nil { zoneIndex[crs] = zones.count; zones.append((crs, [])) }
            zones[zoneIndex[crs]!].points.append(index)
        }
        for zone in zones {
            let given = zone.points.filter { placements[$0] == .givenPoint }
            var projected = given.map { lonLat[$0] }
            try ThreadTransformers.with(from: .wgs84, to: zone.crs) { try $0.transform(&projected) }
            for (position, index) in given.enumerated() { metric[index] = projected[position] }
        }
        return AccessDemand(points: metric, populations: populations, communeOfPoint: Array(communes.indices), zones: zones,
                            placements: placements, lonLatOfCommunePoint: lonLat)
    }
}
