/// Answer to "which new sites, within a total cost, cover the most weight?" (budgeted MCLP).
/// Weights include the weight already covered by existing lieux; shares are of the total weight.
public struct BudgetedCoveringSolution: Sendable, Equatable {
    public let budget: Double
    /// Chosen sites in greedy order within the set (marginal weights sum to `addedWeight`).
    public let sites: [SelectedSite]
    /// Total cost of `sites` (at most `budget`).
    public let spentCost: Double
    /// Covered weight of the better of the cost-effectiveness greedy and the best single affordable site.
    public let greedyCoveredWeight: Double
    public let coveredWeight: Double
    public let coveredShare: Double
    public let totalWeight: Double
    public let existingCoveredWeight: Double
    /// Upper bound on the optimum within the budget: the smaller of the submodular knapsack bound
    /// (f(S) + fractional knapsack over marginal gains w.r.t. S, over greedy prefixes S) and the
    /// Lagrangian bound (fractional knapsack inner problem).
    public let upperBoundWeight: Double
    public let upperBoundShare: Double
    public let lagrangianIterations: Int

    public var addedWeight: Double { coveredWeight - existingCoveredWeight }
    public var optimalityGapShare: Double { max(0, upperBoundShare - coveredShare) }
}
