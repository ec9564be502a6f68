extension MaximalCoveringProblem {
    /// Chooses `p` new sites maximising the weight newly within reach, existing lieux fixed.
    ///
    /// 1. Lazy greedy (ties to the lowest index), recording the coverage curve and submodular bounds.
    /// 2. Interchange from the greedy picks until no swap improves.
    /// 3. Lagrangian relaxation: a tighter upper bound, and its best distinct sets as further starts,
    ///    each improved by interchange; the best set over all starts is returned.
    /// Deterministic. Fewer than `p` sites are returned when every coverable unit is already covered.
    /// - Throws: `SitingError.invalidSiteCount` if `p` is negative.
    public func solveMCLP(p: Int, options: SolverOptions = .init()) throws -> MaximalCoveringSolution {
        guard p >= 0 else { throw SitingError.invalidSiteCount(requested: p) }
        let reachableNewWeight = sparse.reachableWeight()
        let greedy = greedyWithSubmodularBounds(p: p, reachableNewWeight: reachableNewWeight)
        var boundByCount = greedy.boundByCount
        var state = greedy.state
        let isExhausted = greedy.picks.count < p
        let greedyAddedWeight = greedy.picks.reduce(0) { $0 + $1.gain }

        var swapOutcome = SwapImprovement.Outcome()
        var bestAdded = state.coveredWeight()
        var origin = SolutionOrigin.greedyThenSwaps
        var lagrangian: LagrangianRelaxation.Outcome?
        if !isExhausted && p > 0 {
            swapOutcome = SwapImprovement.improve(&state, tolerance: weightTolerance, maxPasses: options.maxSwapPasses)
            bestAdded = state.coveredWeight()
            let finalGains = MarginalGainTable(state: state).topGainPrefixSums(limit: p)
            boundByCount[p] = min(boundByCount[p], bestAdded + finalGains[finalGains.count - 1])
        }
        let submodularBound = boundByCount[min(p, boundByCount.count - 1)]
        let greedySwapAdded = bestAdded
        var stoppedAtPassLimit = swapOutcome.stoppedAtPassLimit

        if !isExhausted && p > 0 && options.lagrangianIterations > 0 {
            let relaxation = LagrangianRelaxation.run(
                coverage: sparse, limit: .count(p), knownValue: bestAdded, maxIterations: options.lagrangianIterations,
                keepSets: options.lagrangianStarts, tolerance: weightTolerance)
            lagrangian = relaxation
            boundByCount[p] = min(boundByCount[p], relaxation.upperBound)
            for (rank, start) in relaxation.startingSets.enumerated() {
                var candidateState = CoverageState(coverage: sparse, selecting: start)
                let outcome = SwapImprovement.improve(
                    &candidateState, tolerance: weightTolerance, maxPasses: options.maxSwapPasses)
                stoppedAtPassLimit = stoppedAtPassLimit || outcome.stoppedAtPassLimit
                let added = candidateState.coveredWeight()
                if added > bestAdded + weightTolerance {
                    bestAdded = added
                    state = candidateState
                    origin = .lagrangianSetThenSwaps(rank: rank)
                }
            }
        }

        let finalCovered = existingCoveredWeight + state.coveredWeight()
        let upperBound = max(finalCovered, existingCoveredWeight + boundByCount[min(p, boundByCount.count - 1)])
        return MaximalCoveringSolution(
            requestedSiteCount: p,
            sites: orderedGreedily(state.selectedSites),
            curve: coverageCurve(picks: greedy.picks, boundByCount: boundByCount),
            origin: origin,
            greedySwaps: swapOutcome.moves,
            swapStoppedAtPassLimit: stoppedAtPassLimit,
            lagrangianIterations: lagrangian?.iterations ?? 0,
            isCoverageExhausted: isExhausted,
            totalWeight: totalWeight,
            existingCoveredWeight: existingCoveredWeight,
            greedyCoveredWeight: existingCoveredWeight + greedyAddedWeight,
            greedySwapCoveredWeight: existingCoveredWeight + greedySwapAdded,
            coveredWeight: finalCovered,
            coveredShare: share(ofWeight: finalCovered),
            maximumReachableWeight: existingCoveredWeight + reachableNewWeight,
            lagrangianUpperBoundWeight: lagrangian.map { existingCoveredWeight + max(0, $0.upperBound) },
            submodularUpperBoundWeight: existingCoveredWeight + submodularBound,
            upperBoundWeight: upperBound,
            upperBoundShare: share(ofWeight: upperBound))
    }

    /// Greedy picks up to `p`, with the submodular bound on the best k-site value for k = 0 … p,
    /// minimised over the greedy prefixes and capped by the reachable weight (new weight only).
    private func greedyWithSubmodularBounds(p: Int, reachableNewWeight: Double)
        -> (state: CoverageState, picks: [(candidate: Int, gain: Double)], boundByCount: [Double])
    {
        var greedy = TrackedGreedy(coverage: sparse)
        var boundByCount = [Double](repeating: reachableNewWeight, count: p + 1)
        func tightenBounds() {
            let gainSums = greedy.gains.topGainPrefixSums(limit: p)
            for count in 0...p {
                boundByCount[count] = min(boundByCount[count],
                                          greedy.addedWeight + gainSums[min(count, gainSums.count - 1)])
            }
        }
        tightenBounds()
        while greedy.picks.count < p, greedy.pickNext() { tightenBounds() }
        return (greedy.state, greedy.picks, boundByCount)
    }

    /// Lists `sites` in greedy order within the set, each with what it adds given those before it.
    func orderedGreedily(_ sites: [Int]) -> [SelectedSite] {
        var state = CoverageState(coverage: sparse)
        var selector = LazyGreedySelector(pool: sites, state: state)
        var ordered: [SelectedSite] = []
        var covered = existingCoveredWeight
        while let pick = selector.next(state: state) {
            state.add(pick.candidate)
            covered += pick.gain
            ordered.append(SelectedSite(candidateIndex: pick.candidate, marginalWeight: pick.gain,
                                        coveredWeight: covered, coveredShare: share(ofWeight: covered)))
        }
        // Sites adding nothing given the others (possible only for redundant members) come last, by index.
        let listed = Set(ordered.map(\.candidateIndex))
        for site in sites.sorted() where !listed.contains(site) {
            ordered.append(SelectedSite(candidateIndex: site, marginalWeight: 0,
                                        coveredWeight: covered, coveredShare: share(ofWeight: covered)))
        }
        return ordered
    }

    private func coverageCurve(picks: [(candidate: Int, gain: Double)], boundByCount: [Double]) -> [CoverageCurvePoint] {
        // OPT_k ≤ OPT_(k+1), so a bound for k + 1 sites also bounds k sites: take suffix minima.
        var boundByCount = boundByCount
        for count in boundByCount.indices.reversed().dropFirst() {
            boundByCount[count] = min(boundByCount[count], boundByCount[count + 1])
        }
        return curveOfGreedyPicks(picks) { count, covered in
            max(covered, existingCoveredWeight + boundByCount[count])
        }
    }

    /// The coverage after each greedy pick (point k after k picks, from the existing coverage),
    /// each with the upper bound `upperBound(k, coveredWeight)`.
    func curveOfGreedyPicks(_ picks: [(candidate: Int, gain: Double)],
                            upperBound: (_ siteCount: Int, _ coveredWeight: Double) -> Double) -> [CoverageCurvePoint] {
        var covered = existingCoveredWeight
        func point(_ count: Int, _ candidate: Int?, _ gain: Double) -> CoverageCurvePoint {
            let bound = upperBound(count, covered)
            return CoverageCurvePoint(siteCount: count, candidateIndex: candidate, marginalWeight: gain,
                                      coveredWeight: covered, coveredShare: share(ofWeight: covered),
                                      upperBoundWeight: bound, upperBoundShare: share(ofWeight: bound))
        }
        var curve = [point(0, nil, 0)]
        for (index, pick) in picks.enumerated() {
            covered += pick.gain
            curve.append(point(index + 1, pick.candidate, pick.gain))
        }
        return curve
    }
}
