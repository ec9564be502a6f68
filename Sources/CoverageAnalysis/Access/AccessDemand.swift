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
    /// People of each commune (the weights of the per-commune statistics).
    public var communePopulations: [Double]
    /// The population model whose units are the demand; nil: one point per commune.
    public var unitModel: PopulationModelKind? = nil
    /// With units: the communes that have none and are demand points of their own (population 0 as a rule).
    public var communesWithoutUnits: [Int] = []

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
                            placements: placements, lonLatOfCommunePoint: lonLat, communePopulations: populations)
    }

    /// The units of a population model as demand: each piece of a cell in a commune at its cell centre, with its
    /// people, in the metric CRS of its commune's zone. A commune without any unit is one point of its own, placed
    /// as in `communes(_:populations:givenPoints:)`, with its population. The communes' points (for the outputs) are
    /// those same points.
    public static func units(_ units: PopulationUnits, communes: [CommuneInput], populations: [Double],
                             givenPoints: [String: XY]) throws -> AccessDemand {
        let byCommune = try Self.communes(communes, populations: populations, givenPoints: givenPoints)
        var zoneOfCommune = [Int](repeating: 0, count: communes.count)
        for (zone, members) in byCommune.zones.enumerated() { for commune in members.points { zoneOfCommune[commune] = zone } }
        let pieces = units.pieces
        var hasUnit = [Bool](repeating: false, count: communes.count)
        for piece in pieces { hasUnit[piece.commune] = true }
        let without = communes.indices.filter { !hasUnit[$0] }
        var demand = byCommune
        demand.points = []; demand.populations = []; demand.communeOfPoint = []
        demand.points.reserveCapacity(pieces.count + without.count)
        var zonePoints = [[Int]](repeating: [], count: byCommune.zones.count)
        for (position, piece) in pieces.enumerated() {
            demand.points.append(piece.centre)   // lon/lat, projected below
            demand.populations.append(piece.population)
            demand.communeOfPoint.append(piece.commune)
            zonePoints[zoneOfCommune[piece.commune]].append(position)
        }
        for (zone, crs) in byCommune.zones.map(\.crs).enumerated() {
            var projected = zonePoints[zone].map { demand.points[$0] }
            try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(&projected) }
            for (k, position) in zonePoints[zone].enumerated() { demand.points[position] = projected[k] }
        }
        for commune in without {
            zonePoints[zoneOfCommune[commune]].append(demand.points.count)
            demand.points.append(byCommune.points[commune])
            demand.populations.append(populations[commune])
            demand.communeOfPoint.append(commune)
        }
        demand.zones = byCommune.zones.enumerated().map { (crs: $1.crs, points: zonePoints[$0]) }
        demand.unitModel = units.kind
        demand.communesWithoutUnits = without
        return demand
    }
}
