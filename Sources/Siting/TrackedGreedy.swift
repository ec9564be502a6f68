/// Lazy greedy from no new site that keeps every candidate's marginal gain up to date for the
/// submodular bounds: the first step of the maximal-covering and target-cover solvers.
struct TrackedGreedy {
    private(set) var state: CoverageState
    private(set) var gains: MarginalGainTable
    private(set) var picks: [(candidate: Int, gain: Double)] = []
    /// Sum of the picks' gains, in pick order.
    private(set) var addedWeight = 0.0
    private var selector: LazyGreedySelector

    init(coverage: SparseCoverage) {
        state = CoverageState(coverage: coverage)
        selector = LazyGreedySelector(pool: 0..<coverage.candidateCount, state: state)
        gains = MarginalGainTable(state: state)
    }

    /// Adds the next greedy pick (ties to the lowest index); false when no candidate gains anything.
    mutating func pickNext() -> Bool {
        guard let pick = selector.next(state: state) else { return false }
        gains.recordAddition(of: pick.candidate, before: state)
        state.add(pick.candidate)
        addedWeight += pick.gain
        picks.append(pick)
        return true
    }
}
