import Accessibility
import Foundation
import GeoCore
import Projection

/// How a pair's cost is measured.
public enum AccessCost: Sendable {
    /// Straight-line distance in km in the zone's metric CRS (Lambert-93 in metropolitan France).
    case straightLine
    /// Travel time in minutes by car on a road network (the coverage analysis's road model).
    case road(RoadSettings)

    public var unit: String {
        switch self {
        case .straightLine: "km"
        case .road: "min"
        }
    }
}

/// The reachable pairs of a run, and what the road network reported.
public struct AccessPairs: Sendable {
    public let pairs: ReachablePairs
    public let roadReports: [AccessRoadReport]

    /// Every (demand point, supply point) pair whose cost is at most `catchment` (km or minutes; bound
    /// inclusive), within each CRS zone: supply points belong to the zone of their lon/lat.
    /// Straight line: a packed R-tree over the supply points, queried with the catchment's box around each
    /// demand point, cost = √(dx² + dy²) / 1000. Road: one bounded Dijkstra per supply point.
    public static func build(demand: AccessDemand, supply: AccessSupply, cost: AccessCost, catchment: Double) throws -> AccessPairs {
        let supplyZones = supply.lonLat.map { TerritoryCRS.forLonLat(longitude: $0.x, latitude: $0.y) }
        let load: RoadNetworkLoad? = try {
            if case .road(let settings) = cost { return try RoadNetworkLoad(settings: settings) }
            return nil
        }()
        var pairs = ReachablePairs()
        var reports: [AccessRoadReport] = []
        for zone in demand.zones {
            let supplyIndices = supply.lonLat.indices.filter { supplyZones[$0] == zone.crs }
            guard !supplyIndices.isEmpty else { continue }
            var supplyPoints = supplyIndices.map { supply.lonLat[$0] }
            try ThreadTransformers.with(from: .wgs84, to: zone.crs) { try $0.transform(&supplyPoints) }
            let origins = zone.points.map { demand.points[$0] }
            if let load {
                let (times, kept, report) = try load.accessPairs(crs: zone.crs, origins: origins, supply: supplyPoints,
                                                                 limitSeconds: catchment * 60)
                if let times {
                    pairs.reserveCapacity(pairs.count + times.count)
                    for k in 0..<times.count {
                        pairs.append(demand: zone.points[Int(times.origins[k])], supply: supplyIndices[kept[Int(times.lieux[k])]],
                                     cost: times.seconds[k] / 60)
                    }
                }
                reports.append(AccessRoadReport(
                    crs: report.crs, graph: report.graph, components: report.components,
                    farDemandPoints: report.farDemandPoints.map { (zone.points[$0.point], $0.metres) },
                    supplyOutsideNetwork: report.supplyOutsideNetwork.map { supplyIndices[$0] }))
            } else {
                let found = straightLinePairs(origins: origins, supply: supplyPoints, catchmentKm: catchment)
                for (position, list) in found.enumerated() {
                    for pair in list { pairs.append(demand: zone.points[position], supply: supplyIndices[Int(pair.supply)], cost: pair.km) }
                }
            }
        }
        return AccessPairs(pairs: pairs, roadReports: reports)
    }

    /// Per origin, the supply points within `catchmentKm` (sorted by supply position) and their distance in km.
    static func straightLinePairs(origins: [XY], supply: [XY], catchmentKm: Double) -> [[(supply: Int32, km: Double)]] {
        let index = SpatialIndex(envelopes: supply.map { Envelope(point: $0) })
        let radius = catchmentKm * 1000
        return ParallelMap.mapIndices(origins.count, chunk: 256) { position in
            let p = origins[position]
            var found: [(supply: Int32, km: Double)] = []
            index.query(Envelope(minX: p.x - radius, minY: p.y - radius, maxX: p.x + radius, maxY: p.y + radius)) { j in
                let dx = p.x - supply[j].x, dy = p.y - supply[j].y
                let km = (dx * dx + dy * dy).squareRoot() / 1000
                if km <= catchmentKm { found.append((Int32(j), km)) }
            }
            found.sort { $0.supply < $1.supply }
            return found
        }
    }
}
