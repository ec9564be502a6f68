import Accessibility
import Foundation
import GeoCore

/// Parameters of `maillage access`; every one is written to the outputs.
public struct AccessParameters: Sendable {
    public var method: CatchmentMethod
    public var cost: AccessCost
    /// Multiplier of the index: 100,000 gives "per 100,000 inhabitants".
    public var scale: Double
    /// Lieu attribute holding each lieu's capacity; nil: every lieu counts 1.
    public var capacityColumn: String?

    public init(method: CatchmentMethod, cost: AccessCost, scale: Double = 100_000, capacityColumn: String? = nil) {
        self.method = method; self.cost = cost; self.scale = scale; self.capacityColumn = capacityColumn
    }
}

/// A floating-catchment run over communes: demand, supply, pairs and the per-commune values.
public struct AccessResult: Sendable {
    public let parameters: AccessParameters
    public let demand: AccessDemand
    public let supply: AccessSupply
    public let pairs: AccessPairs
    public let catchment: FloatingCatchmentResult
    /// Per commune of the run: the index (population-weighted mean over its demand points; with communes as
    /// demand, its point's value), the part of it brought by each E2SFCA step, and the supply points in reach.
    public let communeIndex: [Double]
    public let communeIndexByStep: [[Double]]
    public let communeSupplyInReach: [Int]
    /// Per commune: its demand points (1 with communes as demand; its units, or 1 without any, with a population model).
    public let communeDemandPoints: [Int]
    /// Communes (indices into the run's list) that are reported; every commune competes.
    public let reported: [Int]
    /// Per supply point: whether a reported commune reaches it.
    public let supplyReachesReported: [Bool]
}

public enum AccessComputation {
    /// Every commune given competes (demand), every supply point within reach counts; `reported` only
    /// chooses the communes whose values are shown.
    public static func run(demand: AccessDemand, communeCount: Int, supply: AccessSupply, parameters: AccessParameters,
                           reported: [Int], progress: (String) -> Void = { _ in }) throws -> AccessResult {
        try parameters.method.validate()
        progress(parameters.cost.unit == "km" ? "pairs within \(parameters.method.catchment) km" : "road times within \(parameters.method.catchment) min")
        let pairs = try AccessPairs.build(demand: demand, supply: supply, cost: parameters.cost, catchment: parameters.method.catchment)
        progress("floating catchment")
        let result = try FloatingCatchment.compute(method: parameters.method, populations: demand.populations,
                                                   capacities: supply.capacities, pairs: pairs.pairs, scale: parameters.scale)
        // Per commune: population-weighted mean over its points (plain mean when they hold nobody).
        var weight = [Double](repeating: 0, count: communeCount), count = [Int](repeating: 0, count: communeCount)
        for (point, commune) in demand.communeOfPoint.enumerated() {
            weight[commune] += demand.populations[point]; count[commune] += 1
        }
        func perCommune(_ values: [Double]) -> [Double] {
            var sums = [Double](repeating: 0, count: communeCount)
            for (point, commune) in demand.communeOfPoint.enumerated() {
                sums[commune] += weight[commune] > 0 ? values[point] * demand.populations[point] / weight[commune]
                                                     : values[point] / Double(count[commune])
            }
            return sums
        }
        let singlePoint = demand.communeOfPoint == Array(0..<communeCount)
        let index = singlePoint ? result.accessibility : perCommune(result.accessibility)
        let byStep = singlePoint ? result.accessibilityByStep : result.accessibilityByStep.map(perCommune)
        var inReach = [Set<Int32>](repeating: [], count: communeCount)
        var reachesReported = [Bool](repeating: false, count: supply.capacities.count)
        let isReported = Set(reported)
        let catchment = parameters.method.catchment
        let pairList = pairs.pairs
        for k in 0..<pairList.count where pairList.costs[k] <= catchment {
            let commune = demand.communeOfPoint[Int(pairList.demandIndices[k])]
            inReach[commune].insert(pairList.supplyIndices[k])
            if isReported.contains(commune) { reachesReported[Int(pairList.supplyIndices[k])] = true }
        }
        return AccessResult(parameters: parameters, demand: demand, supply: supply, pairs: pairs, catchment: result,
                            communeIndex: index, communeIndexByStep: byStep, communeSupplyInReach: inReach.map(\.count), communeDemandPoints: count,
                            reported: reported, supplyReachesReported: reachesReported)
    }
}
