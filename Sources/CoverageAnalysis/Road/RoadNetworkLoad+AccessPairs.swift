import Foundation
import GeoCore
import Projection
import RoadNetwork

/// What the road network gave an accessibility run in one CRS zone.
public struct AccessRoadReport: Sendable {
    public let crs: CRS
    public let graph: RoadGraphReport
    public let components: ComponentFilterReport
    /// Demand points (positions in the run's demand) farther than the warning distance from any road.
    public let farDemandPoints: [(point: Int, metres: Double)]
    /// Supply points (positions in the run's supply) beyond the network's extent, left out.
    public let supplyOutsideNetwork: [Int]
}

extension RoadNetworkLoad {
    /// Every (demand point, supply point, seconds) pair within `limitSeconds` by car in one CRS zone: the same
    /// graph, snapping, off-road legs and component filter as the coverage analysis's road mode, then one
    /// bounded Dijkstra per supply point (`RoadAccessModel.originLieuPairs`). Returned positions are local
    /// to the given arrays; no times when no supply point or no origin is in the zone.
    func accessPairs(crs: CRS, origins: [XY], supply: [XY], limitSeconds: Double)
        throws -> (times: OriginLieuTimes?, supplyKept: [Int], report: AccessRoadReport) {
        let (graph, graphReport, _, kept) = try roadGraph(in: crs, keepingPointsNear: supply)
        let outside = Set(supply.indices).subtracting(kept).sorted()
        guard !kept.isEmpty, !origins.isEmpty else {
            return (nil, [], AccessRoadReport(crs: crs, graph: graphReport, components: ComponentFilterReport(),
                                                             farDemandPoints: [], supplyOutsideNetwork: outside))
        }
        let model = try RoadAccessModel(
            graph: graph, lieux: kept.map { supply[$0] }, origins: origins,
            parameters: RoadAccessParameters(offRoadSpeedKmh: settings.offRoadSpeedKmh,
                                             farFromRoadWarningMetres: settings.farFromRoadMetres))
        let times = model.originLieuPairs(limitSeconds: limitSeconds)
        let report = AccessRoadReport(
            crs: crs, graph: graphReport, components: model.componentReport,
            farDemandPoints: model.farPoints.filter { $0.kind == .origin }.map { ($0.index, $0.distanceMetres) },
            supplyOutsideNetwork: outside)
        return (times, kept, report)
    }
}
