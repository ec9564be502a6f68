/// Answer to "which `requestedSiteCount` new sites cover the most weight?" (MCLP).
public struct MaximalCoveringSolution: Sendable, Equatable {
    public let requestedSiteCount: Int
    /// The chosen sites after swaps, listed in greedy order within the chosen set (each adds the most
    /// given those before it), so `marginalWeight` sums to the weight the new sites add.
    public let sites: [SelectedSite]
    /// Coverage versus number of added sites, for k = 0 … number of greedy picks, following the
    /// greedy order (before swaps); the last row may be below the final answer, which includes swaps.
    public let curve: [CoverageCurvePoint]
    /// Swaps applied after greedy, in order.
    public let swaps: [SwapMove]
    public let swapPasses: Int
    /// True if the swap search stopped at its pass limit while still improving.
    public let swapStoppedAtPassLimit: Bool
    /// True if fewer sites than requested were chosen because every coverable unit is covered.
    public let isCoverageExhausted: Bool

    public let totalWeight: Double
    public let existingCoveredWeight: Double
    /// Covered weight after greedy only, and after greedy plus swaps (existing coverage included).
    public let greedyCoveredWeight: Double
    public let coveredWeight: Double
    public let coveredShare: Double
    /// Weight covered if every allowed candidate were opened (existing coverage included).
    public let maximumReachableWeight: Double
    /// Upper bound on the optimum with `requestedSiteCount` new sites: the optimum lies in
    /// [`coveredWeight`, `upperBoundWeight`]. Submodular bound minimised over the greedy prefixes
    /// and the final set, capped by `maximumReachableWeight`.
    public let upperBoundWeight: Double
    public let upperBoundShare: Double

    /// Weight the new sites add to the existing coverage.
    public var addedWeight: Double { coveredWeight - existingCoveredWeight }
    /// Largest possible shortfall from the optimum, in share points of the total weight.
    public var optimalityGapShare: Double { max(0, upperBoundShare - coveredShare) }
}
