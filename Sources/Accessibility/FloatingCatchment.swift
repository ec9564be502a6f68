/// The sparse list of (demand point, supply point, cost) pairs within reach, as three parallel columns.
/// Order does not matter; a pair whose cost exceeds the method's catchment is ignored (weight 0).
public struct ReachablePairs: Sendable, Equatable {
    public private(set) var demandIndices: [Int32]
    public private(set) var supplyIndices: [Int32]
    public private(set) var costs: [Double]

    public init() {
        demandIndices = []
        supplyIndices = []
        costs = []
    }

    /// Takes three columns of equal length.
    public init(demandIndices: [Int32], supplyIndices: [Int32], costs: [Double]) throws(AccessibilityError) {
        guard demandIndices.count == supplyIndices.count, demandIndices.count == costs.count else {
            throw .mismatchedPairColumns(demand: demandIndices.count, supply: supplyIndices.count, cost: costs.count)
        }
        self.demandIndices = demandIndices
        self.supplyIndices = supplyIndices
        self.costs = costs
    }

    public var count: Int { costs.count }

    public mutating func reserveCapacity(_ capacity: Int) {
        demandIndices.reserveCapacity(capacity)
        supplyIndices.reserveCapacity(capacity)
        costs.reserveCapacity(capacity)
    }

    public mutating func append(demand: Int, supply: Int, cost: Double) {
        demandIndices.append(Int32(demand))
        supplyIndices.append(Int32(supply))
        costs.append(cost)
    }
}

/// What a floating-catchment computation gives, per demand point and per supply point.
public struct FloatingCatchmentResult: Sendable, Equatable {
    public let method: CatchmentMethod
    /// The multiplier applied to the accessibility (100,000: "per 100,000 inhabitants").
    public let scale: Double
    /// A_i × scale per demand point: 0 when no supply point is in reach.
    public let accessibility: [Double]
    /// For `.enhanced` only, `accessibilityByStep[k][i]`: the part of A_i × scale brought by pairs whose cost
    /// falls in step k (Σ_j R_j W_k over those pairs, × scale); the steps add up to `accessibility[i]`
    /// (up to rounding). Empty for the other methods.
    public let accessibilityByStep: [[Double]]
    /// R_j per supply point, in capacity per weighted inhabitant (not scaled): 0 when its catchment holds no population.
    public let supplyToDemandRatios: [Double]
    /// Σ_i P_i W(d_ij) per supply point: the population competing for it.
    public let weightedDemand: [Double]
    /// Number of pairs within the catchment (weight > 0).
    public let pairsWithinCatchment: Int
}

/// The floating-catchment family (2SFCA, E2SFCA, gravity) on numbers: populations, capacities and a sparse
/// list of reachable pairs; no geometry.
///
///     R_j = S_j / Σ_i P_i W(d_ij)      (supply-to-demand ratio of supply point j)
///     A_i = Σ_j R_j W(d_ij)            (accessibility of demand point i), reported × scale
///
/// The weight applies in both steps, as in PySAL `access` (`two_stage_fca` with a `weight_fn`, which its
/// `enhanced_two_stage_fca` calls). Where PySAL leaves undefined values, this core decides:
/// - a demand point with no supply point in reach gets A = 0 (PySAL: NaN, the point is absent from its sums);
/// - a supply point whose catchment holds no population (Σ_i P_i W = 0) gets R = 0 and contributes nothing
///   (PySAL: R = S / 0 = +∞, which then makes A = +∞ for every demand point in its reach);
/// - a demand point with P = 0 still receives its A_i (as in PySAL).
/// Conservation: Σ_i P_i A_i = scale × Σ_j S_j over the supply points with a populated catchment.
public enum FloatingCatchment {
    /// Validates every input, then computes in O(pairs) with flat arrays.
    /// - Parameters:
    ///   - populations: P_i ≥ 0 per demand point.
    ///   - capacities: S_j > 0 per supply point (1 per lieu, or a capacity column; lieux at the same place
    ///     are merged by the caller, adding capacities).
    ///   - pairs: the reachable pairs with their costs ≥ 0.
    ///   - scale: multiplier of A (default 100,000: per 100,000 inhabitants).
    public static func compute(
        method: CatchmentMethod, populations: [Double], capacities: [Double], pairs: ReachablePairs,
        scale: Double = 100_000
    ) throws(AccessibilityError) -> FloatingCatchmentResult {
        try method.validate()
        guard scale.isFinite, scale > 0 else { throw .invalidScale(scale) }
        for (index, population) in populations.enumerated() where !(population.isFinite && population >= 0) {
            throw .invalidPopulation(index: index, value: population)
        }
        for (index, capacity) in capacities.enumerated() where !(capacity.isFinite && capacity > 0) {
            throw .invalidCapacity(index: index, value: capacity)
        }
        let demandCount = populations.count, supplyCount = capacities.count, pairCount = pairs.count
        for pair in 0..<pairCount {
            let demand = Int(pairs.demandIndices[pair]), supply = Int(pairs.supplyIndices[pair])
            guard demand >= 0, demand < demandCount, supply >= 0, supply < supplyCount else {
                throw .pairIndexOutOfRange(pair: pair, demand: demand, supply: supply)
            }
            let cost = pairs.costs[pair]
            guard cost.isFinite, cost >= 0 else { throw .invalidCost(pair: pair, value: cost) }
        }

        // Weight (and, for steps, step index; -1 beyond the catchment) of every pair, computed once.
        let steps = method.steps
        var weights = [Double](repeating: 0, count: pairCount)
        var stepOfPair = [Int32](repeating: -1, count: steps.isEmpty ? 0 : pairCount)
        var pairsWithinCatchment = 0
        for pair in 0..<pairCount {
            let cost = pairs.costs[pair]
            if steps.isEmpty {
                weights[pair] = method.weight(forCost: cost)
            } else if let step = CatchmentMethod.stepIndex(forCost: cost, in: steps) {
                weights[pair] = steps[step].weight
                stepOfPair[pair] = Int32(step)
            }
            if weights[pair] > 0 { pairsWithinCatchment += 1 }
        }

        var weightedDemand = [Double](repeating: 0, count: supplyCount)
        for pair in 0..<pairCount where weights[pair] > 0 {
            weightedDemand[Int(pairs.supplyIndices[pair])] += populations[Int(pairs.demandIndices[pair])] * weights[pair]
        }
        var ratios = [Double](repeating: 0, count: supplyCount)
        for supply in 0..<supplyCount where weightedDemand[supply] > 0 {
            ratios[supply] = capacities[supply] / weightedDemand[supply]
        }

        var accessibility = [Double](repeating: 0, count: demandCount)
        // Step parts in one flat array (step-major) in the hot loop, split at the end.
        var byStepFlat = [Double](repeating: 0, count: steps.count * demandCount)
        for pair in 0..<pairCount where weights[pair] > 0 {
            let demand = Int(pairs.demandIndices[pair])
            let share = ratios[Int(pairs.supplyIndices[pair])] * weights[pair]
            accessibility[demand] += share
            if !steps.isEmpty { byStepFlat[Int(stepOfPair[pair]) * demandCount + demand] += share }
        }
        for demand in 0..<demandCount { accessibility[demand] *= scale }
        let byStep = steps.indices.map { step in
            byStepFlat[(step * demandCount)..<((step + 1) * demandCount)].map { $0 * scale }
        }
        return FloatingCatchmentResult(
            method: method, scale: scale, accessibility: accessibility, accessibilityByStep: byStep,
            supplyToDemandRatios: ratios, weightedDemand: weightedDemand, pairsWithinCatchment: pairsWithinCatchment)
    }
}
