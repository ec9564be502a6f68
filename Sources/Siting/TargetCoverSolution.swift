/// Answer to "how few new sites bring the covered share to `targetShare`?" (LSCP-style).
public struct TargetCoverSolution: Sendable, Equatable {
    public let targetShare: Double
    public let isTargetReached: Bool
    /// The chosen sites, in greedy order within the set. When the target is unreachable these are the
    /// greedy sites that reach `maximumReachableShare`.
    public let sites: [SelectedSite]
    /// Sites plain greedy needed (before reduction and the Lagrangian-guided search).
    public let greedySiteCount: Int
    /// Greedy picks until the target (or the maximum) was reached: k = 0 … `greedySiteCount`.
    /// Upper bounds on these rows are left at the maximum reachable weight (not computed here).
    public let greedyCurve: [CoverageCurvePoint]

    public let totalWeight: Double
    public let existingCoveredWeight: Double
    public let coveredWeight: Double
    public let coveredShare: Double
    /// Share covered if every allowed candidate were opened, existing lieux included.
    public let maximumReachableWeight: Double
    public let maximumReachableShare: Double
    /// Demand units with positive weight that no existing lieu and no allowed candidate covers,
    /// by ascending index: the reason a high target cannot be reached.
    public let uncoverableDemand: [UncoverableDemandUnit]
    /// LOWER BOUND on the number of new sites any solution needs to reach the target: the larger of
    /// (a) for greedy prefixes S, the fewest largest marginal gains w.r.t. S adding up to the missing
    /// weight, and (b) one more than the largest count k whose Lagrangian MCLP bound proved that
    /// k sites cannot reach the target. Nil when the target is unreachable.
    public let siteCountLowerBound: Int?

    /// True when the number of sites equals the lower bound, so no solution uses fewer.
    public var isProvenMinimal: Bool { isTargetReached && siteCountLowerBound == sites.count }
}
