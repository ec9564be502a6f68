extension MaximalCoveringProblem {
    /// Chooses `p` new sites maximising the weight newly within reach, existing lieux fixed:
    /// lazy greedy, then interchange until no swap improves (or `options.maxPasses` is hit),
    /// with an upper bound on the optimum. Deterministic: ties go to the lowest candidate index.
    /// Fewer than `p` sites are returned when every coverable demand unit is already covered.
    /// - Throws: `SitingError.invalidSiteCount` if `p` is negative.
    public func solveMCLP(p: Int, options: SwapSearchOptions = .init()) throws -> MaximalCoveringSolution {
        guard p >= 0 else { throw SitingError.invalidSiteCount(requested: p) }
        let reachableNewWeight = sparse.reachableWeight()
        var state = CoverageState(coverage: sparse)
        var selector = LazyGreedySelector(pool: 0..<candidateCount, state: state)
        var gains = MarginalGainTable(state: state)
        var boundByCount = [Double](repeating: reachableNewWeight, count: p + 1)

        func tightenBounds(addedWeight: Double, gainSums: [Double]) {
            for count in 0...p {
                let bound = addedWeight + gainSums[min(count, gainSums.count - 1)]
                boundByCount[count] = min(boundByCount[count], bound)
            }
        }

        var picks: [(candidate: Int, gain: Double)] = []
        var greedyAddedWeight = 0.0
        tightenBounds(addedWeight: 0, gainSums: gains.topGainPrefixSums(limit: p))
        while picks.count < p, let pick = selector.next(state: state) {
            gains.recordAddition(of: pick.candidate, before: state)
            state.add(pick.candidate)
            greedyAddedWeight += pick.gain
            picks.append(pick)
            tightenBounds(addedWeight: greedyAddedWeight, gainSums: gains.topGainPrefixSums(limit: p))
        }
        let isExhausted = picks.count < p

        var swapOutcome = SwapImprovement.Outcome()
        if !isExhausted && p > 0 {
            swapOutcome = SwapImprovement.improve(&state, tolerance: weightTolerance, maxPasses: options.maxPasses)
            let finalAdded = state.coveredWeight()
            let finalGains = MarginalGainTable(state: state).topGainPrefixSums(limit: p)
            boundByCount[p] = min(boundByCount[p], finalAdded + finalGains[finalGains.count - 1])
        }

        let finalSites = orderedGreedily(state.selectedSites)
        let finalCovered = existingCoveredWeight + state.coveredWeight()
        let curve = coverageCurve(picks: picks, boundByCount: boundByCount)
        let upperBound = max(finalCovered, existingCoveredWeight + boundByCount[min(p, boundByCount.count - 1)])
        return MaximalCoveringSolution(
            requestedSiteCount: p,
            sites: finalSites,
            curve: curve,
            swaps: swapOutcome.moves,
            swapPasses: swapOutcome.passes,
            swapStoppedAtPassLimit: swapOutcome.stoppedAtPassLimit,
            isCoverageExhausted: isExhausted,
            totalWeight: totalWeight,
            existingCoveredWeight: existingCoveredWeight,
            greedyCoveredWeight: existingCoveredWeight + greedyAddedWeight,
            coveredWeight: finalCovered,
            coveredShare: share(ofWeight: finalCovered),
            maximumReachableWeight: existingCoveredWeight + reachableNewWeight,
            upperBoundWeight: upperBound,
            upperBoundShare: share(ofWeight: upperBound))
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
        // Sites that add nothing (possible only with zero-gain members) keep index order at the end.
        let listed = Set(ordered.map(\.candidateIndex))
        for site in sites.sorted() where !listed.contains(site) {
            ordered.append(SelectedSite(candidateIndex: site, marginalWeight: 0,
                                        coveredWeight: covered, coveredShare: share(ofWeight: covered)))
        }
        return ordered
    }

    private func coverageCurve(picks: [(candidate: Int, gain: Double)], boundByCount: [Double]) -> [CoverageCurvePoint] {
        var covered = existingCoveredWeight
        func point(_ count: Int, _ candidate: Int?, _ gain: Double) -> CoverageCurvePoint {
            let bound = max(covered, existingCoveredWeight + boundByCount[count])
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
