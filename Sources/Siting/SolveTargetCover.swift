extension MaximalCoveringProblem {
    /// Finds few new sites that bring the covered share of the TOTAL weight (existing coverage
    /// counted) to at least `targetShare`:
    /// 1. lazy greedy until the target is met (this also yields a cheap lower bound on the count);
    /// 2. drop one site at a time, re-optimising the smaller set by interchange, while the target holds;
    /// 3. if `options.lagrangianIterations > 0`, bisect between the lower bound and the current count:
    ///    for each tried count k, greedy + swaps, then the Lagrangian relaxation of the k-site MCLP,
    ///    which either proves k sites cannot reach the target (raising the lower bound) or supplies
    ///    sets that, after swaps, reach it with k sites.
    /// If the target is unreachable, returns the greedy sites reaching the maximum share and the
    /// demand units nothing covers. Deterministic.
    /// - Throws: `SitingError.invalidTargetShare` unless 0 < `targetShare` ≤ 1.
    public func solveTargetCover(targetShare: Double, options: SolverOptions = .init()) throws
        -> TargetCoverSolution
    {
        guard targetShare.isFinite, targetShare > 0, targetShare <= 1 else {
            throw SitingError.invalidTargetShare(targetShare: targetShare)
        }
        let tolerance = weightTolerance
        let reachableNewWeight = sparse.reachableWeight()
        let maximumReachable = existingCoveredWeight + reachableNewWeight
        let neededNewWeight = max(0, targetShare * totalWeight - existingCoveredWeight)
        let isReachable = neededNewWeight <= reachableNewWeight + tolerance

        // Greedy until the target (or, if unreachable, everything coverable) is covered.
        var greedy = TrackedGreedy(coverage: sparse)
        var lowerBound = 0
        func tightenLowerBound() {
            let missingWeight = neededNewWeight - greedy.addedWeight
            guard isReachable, missingWeight > tolerance else { return }
            let stepsDone = greedy.picks.count
            let isScheduled = stepsDone < 64 || stepsDone % 64 == 0
            guard isScheduled, let more = greedy.gains.fewestSitesToGain(missingWeight, tolerance: tolerance)
            else { return }
            // The same bound holds whatever S is, so it bounds the minimum directly.
            lowerBound = max(lowerBound, more)
        }
        tightenLowerBound()
        while !isReachable || neededNewWeight - greedy.addedWeight > tolerance, greedy.pickNext() {
            tightenLowerBound()
        }
        var state = greedy.state
        let picks = greedy.picks
        let greedyCurve = curveOfGreedyPicks(picks) { _, _ in maximumReachable }

        // Reduction: one site fewer, re-optimised by swaps, while the target still holds.
        func reduce(_ state: inout CoverageState) {
            while state.selectedCount > lowerBound {
                var trial = state
                trial.recomputeExclusiveLosses()
                let weakest = trial.selectedSites.min {
                    let lossA = trial.exclusiveLoss[$0], lossB = trial.exclusiveLoss[$1]
                    return lossA < lossB || (lossA == lossB && $0 < $1)
                }
                guard let weakest else { return }
                trial.remove(weakest)
                if trial.coveredWeight() < neededNewWeight - tolerance, trial.selectedCount > 0 {
                    _ = SwapImprovement.improve(&trial, tolerance: tolerance, maxPasses: options.maxSwapPasses)
                }
                guard trial.coveredWeight() >= neededNewWeight - tolerance else { return }
                state = trial
            }
        }
        if isReachable { reduce(&state) }

        if isReachable && options.lagrangianIterations > 0 {
            var searchLow = lowerBound
            var warmStart: [Double]?
            while searchLow < state.selectedCount {
                let trialCount = searchLow + (state.selectedCount - 1 - searchLow) / 2
                switch attemptTarget(
                    siteCount: trialCount, greedyPicks: picks.map(\.candidate), neededWeight: neededNewWeight,
                    options: options, warmStart: &warmStart)
                {
                case .reached(var reachedState):
                    reduce(&reachedState)
                    state = reachedState
                case .provenImpossible:
                    lowerBound = max(lowerBound, trialCount + 1)
                    searchLow = trialCount + 1
                case .undecided:
                    searchLow = trialCount + 1
                }
            }
        }

        let covered = existingCoveredWeight + state.coveredWeight()
        return TargetCoverSolution(
            targetShare: targetShare,
            isTargetReached: isReachable,
            sites: orderedGreedily(state.selectedSites),
            greedySiteCount: picks.count,
            greedyCurve: greedyCurve,
            totalWeight: totalWeight,
            existingCoveredWeight: existingCoveredWeight,
            coveredWeight: covered,
            coveredShare: share(ofWeight: covered),
            maximumReachableWeight: maximumReachable,
            maximumReachableShare: share(ofWeight: maximumReachable),
            uncoverableDemand: uncoverableDemandUnits(),
            siteCountLowerBound: isReachable ? lowerBound : nil)
    }

    private enum TargetAttempt {
        case reached(CoverageState)
        case provenImpossible
        case undecided
    }

    /// Can `siteCount` sites add `neededWeight`? Greedy prefix, swaps, then Lagrangian bound and starts.
    /// `warmStart` carries Lagrangian multipliers from one attempt to the next.
    private func attemptTarget(siteCount: Int, greedyPicks: [Int], neededWeight: Double, options: SolverOptions,
                               warmStart: inout [Double]?) -> TargetAttempt
    {
        let tolerance = weightTolerance
        func isReached(_ state: CoverageState) -> Bool { state.coveredWeight() >= neededWeight - tolerance }
        var state = CoverageState(coverage: sparse, selecting: greedyPicks.prefix(siteCount))
        if isReached(state) { return .reached(state) }
        guard siteCount > 0 else { return .provenImpossible }
        _ = SwapImprovement.improve(&state, tolerance: tolerance, maxPasses: options.maxSwapPasses)
        if isReached(state) { return .reached(state) }

        let relaxation = LagrangianRelaxation.run(
            coverage: sparse, limit: .count(siteCount), knownValue: state.coveredWeight(),
            maxIterations: options.lagrangianIterations, keepSets: options.lagrangianStarts,
            tolerance: tolerance, decisionValue: neededWeight, initialMultipliers: warmStart)
        warmStart = relaxation.bestMultipliers
        if relaxation.upperBound < neededWeight - tolerance { return .provenImpossible }
        for start in relaxation.startingSets {
            var startState = CoverageState(coverage: sparse, selecting: start)
            if !isReached(startState) {
                _ = SwapImprovement.improve(&startState, tolerance: tolerance, maxPasses: options.maxSwapPasses)
            }
            if isReached(startState) { return .reached(startState) }
        }
        return .undecided
    }

    /// Demand units with positive weight that neither existing lieux nor any allowed candidate cover.
    public func uncoverableDemandUnits() -> [UncoverableDemandUnit] {
        var units: [UncoverableDemandUnit] = []
        for unit in 0..<demandCount where demandWeights[unit] > 0 && !coveredByExisting[unit]
            && !sparse.isCoverableByCandidates[unit]
        {
            units.append(UncoverableDemandUnit(demandIndex: unit, weight: demandWeights[unit]))
        }
        return units
    }
}
