/// One new site in a solution, with what it adds given the sites listed before it.
public struct SelectedSite: Sendable, Equatable {
    public let candidateIndex: Int
    /// Weight newly covered by this site, given the existing lieux and the sites listed before it.
    public let marginalWeight: Double
    /// Total covered weight (existing lieux included) once this site is added.
    public let coveredWeight: Double
    /// `coveredWeight` as a share of the total weight, in [0, 1].
    public let coveredShare: Double
}

/// One row of the coverage curve: what the first `siteCount` greedy picks reach, and the most any
/// `siteCount` new sites could reach (submodular upper bound).
public struct CoverageCurvePoint: Sendable, Equatable {
    public let siteCount: Int
    /// The site added at this step (nil for the starting row, `siteCount == 0`).
    public let candidateIndex: Int?
    public let marginalWeight: Double
    public let coveredWeight: Double
    public let coveredShare: Double
    /// Upper bound on the covered weight of the best possible choice of `siteCount` new sites.
    public let upperBoundWeight: Double
    public let upperBoundShare: Double
}

/// A swap applied by the interchange search.
public struct SwapMove: Sendable, Equatable {
    public let addedCandidate: Int
    public let removedCandidate: Int
    /// Covered weight gained by the swap.
    public let gainWeight: Double
}

/// A demand unit that neither an existing lieu nor any allowed candidate covers.
public struct UncoverableDemandUnit: Sendable, Equatable {
    public let demandIndex: Int
    public let weight: Double
}

/// Search effort settings. Defaults suit instances up to tens of thousands of candidates.
public struct SolverOptions: Sendable, Equatable {
    /// Most passes of the interchange (swap) search per starting set; each improving pass triggers another.
    public var maxSwapPasses: Int
    /// Most subgradient iterations of each Lagrangian relaxation run. 0 disables it everywhere:
    /// MCLP and budget become greedy + swaps with the submodular bound only, and target cover skips
    /// the bisection (greedy + reduction, cheap lower bound). Fastest, but bounds are much looser.
    public var lagrangianIterations: Int
    /// How many of the best distinct Lagrangian sets are improved by swaps as extra starting points.
    public var lagrangianStarts: Int

    public init(maxSwapPasses: Int = 50, lagrangianIterations: Int = 300, lagrangianStarts: Int = 5) {
        self.maxSwapPasses = maxSwapPasses
        self.lagrangianIterations = lagrangianIterations
        self.lagrangianStarts = lagrangianStarts
    }

    /// Greedy + swaps only, with the cheap submodular bounds: fastest, answers slightly weaker, bounds loose.
    public static let greedyAndSwapsOnly = SolverOptions(lagrangianIterations: 0)
}

/// Which starting set led to the returned sites.
public enum SolutionOrigin: Sendable, Equatable {
    /// Greedy picks improved by swaps.
    case greedyThenSwaps
    /// The `rank`-th best (0-based) set met by the Lagrangian relaxation, improved by swaps.
    case lagrangianSetThenSwaps(rank: Int)
}
