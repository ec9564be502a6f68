/// Answer to "which `requestedSiteCount` new sites cover the most weight?" (MCLP).
/// All weights include the weight already covered by existing lieux; shares are of the total weight.
public struct MaximalCoveringSolution: Sendable, Equatable {
    public let requestedSiteCount: Int
    /// The chosen sites, listed in greedy order within the chosen set (each adds the most given
    /// those before it), so their `marginalWeight`s sum to `addedWeight`.
    public let sites: [SelectedSite]
    /// Coverage versus number of added sites, k = 0 … number of greedy picks, following the greedy
    /// order (before swaps), so its last row may be below `coveredWeight`. Upper bounds per row are
    /// submodular bounds (the last row also uses the Lagrangian bound).
    public let curve: [CoverageCurvePoint]
    /// Which start produced `sites`.
    public let origin: SolutionOrigin
    /// Swaps applied to the greedy picks, in order (whatever start won).
    public let greedySwaps: [SwapMove]
    /// True if a swap search stopped at its pass limit while still improving.
    public let swapStoppedAtPassLimit: Bool
    /// Subgradient iterations run (0 if the Lagrangian relaxation was skipped).
    public let lagrangianIterations: Int
    /// True if fewer sites than requested were chosen because every coverable unit is covered.
    public let isCoverageExhausted: Bool

    public let totalWeight: Double
    public let existingCoveredWeight: Double
    /// Covered weight after greedy alone, and after greedy then swaps.
    public let greedyCoveredWeight: Double
    public let greedySwapCoveredWeight: Double
    /// Covered weight of the returned `sites` (best over all starts).
    public let coveredWeight: Double
    public let coveredShare: Double
    /// Weight covered if every allowed candidate were opened.
    public let maximumReachableWeight: Double
    /// Lagrangian upper bound on the optimum (nil if not run).
    public let lagrangianUpperBoundWeight: Double?
    /// Submodular upper bound on the optimum: min over greedy prefixes and the final set S of
    /// f(S) + the p largest marginal gains w.r.t. S.
    public let submodularUpperBoundWeight: Double
    /// The optimum lies in [`coveredWeight`, `upperBoundWeight`]: the smaller of the two bounds,
    /// capped by `maximumReachableWeight`.
    public let upperBoundWeight: Double
    public let upperBoundShare: Double

    /// Weight the new sites add to the existing coverage.
    public var addedWeight: Double { coveredWeight - existingCoveredWeight }
    /// Largest possible shortfall from the optimum, in share points of the total weight.
    public var optimalityGapShare: Double { max(0, upperBoundShare - coveredShare) }
    /// Largest possible shortfall from the optimum, relative to the weight the new sites add (0 … 1).
    public var optimalityGapOfAddedWeight: Double {
        let bound = upperBoundWeight - existingCoveredWeight
        return bound > 0 ? max(0, (bound - addedWeight) / bound) : 0
    }
}
