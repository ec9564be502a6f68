extension MaximalCoveringProblem {
    /// Chooses new sites whose total cost is at most `budget`, maximising the weight newly within reach
    /// (existing lieux fixed). Needs `candidateCosts`.
    ///
    /// 1. Cost-effectiveness lazy greedy (gain per cost, free sites first, sites over the remaining
    ///    budget skipped) and the best single affordable site; the better one is kept
    ///    (Khuller, Moss & Naor 1999).
    /// 2. Budget-feasible interchange and additions from both starts.
    /// 3. Lagrangian relaxation with a knapsack inner problem: an upper bound, and further starts.
    /// Deterministic (ties to the lowest index).
    /// - Throws: `SitingError.missingCandidateCosts` or `.invalidBudget`.
    public func solveBudgetedMCLP(budget: Double, options: SolverOptions = .init()) throws -> BudgetedCoveringSolution {
        guard let costs = candidateCosts else { throw SitingError.missingCandidateCosts }
        guard budget.isFinite, budget >= 0 else { throw SitingError.invalidBudget(budget: budget) }
        let tolerance = weightTolerance
        let reachableNewWeight = sparse.reachableWeight()

        // Cost-effectiveness greedy, with the submodular knapsack bound on scheduled prefixes.
        var greedyState = CoverageState(coverage: sparse)
        var selector = LazyGreedySelector(pool: 0..<candidateCount, state: greedyState, costs: costs)
        var gains = MarginalGainTable(state: greedyState)
        var submodularBound = min(reachableNewWeight, gains.fractionalKnapsack(costs: costs, budget: budget))
        var spent = 0.0
        var added = 0.0
        while let pick = selector.next(state: greedyState, remainingBudget: budget - spent) {
            gains.recordAddition(of: pick.candidate, before: greedyState)
            greedyState.add(pick.candidate)
            spent += costs[pick.candidate]
            added += pick.gain
            let steps = greedyState.selectedCount
            if steps < 64 || steps % 64 == 0 {
                submodularBound = min(submodularBound, added + gains.fractionalKnapsack(costs: costs, budget: budget))
            }
        }
        submodularBound = min(submodularBound, added + gains.fractionalKnapsack(costs: costs, budget: budget))

        // Best single affordable site (gains with nothing chosen yet).
        let emptyState = CoverageState(coverage: sparse)
        var bestSingle: (candidate: Int, gain: Double)?
        for candidate in 0..<candidateCount where sparse.isUseful(candidate) && costs[candidate] <= budget {
            let gain = emptyState.gain(of: candidate)
            if gain > (bestSingle?.gain ?? 0) { bestSingle = (candidate, gain) }
        }
        var starts: [CoverageState] = [greedyState]
        if let bestSingle, !greedyState.isSelected[bestSingle.candidate] {
            starts.append(CoverageState(coverage: sparse, selecting: [bestSingle.candidate]))
        }
        let greedyAdded = max(added, bestSingle?.gain ?? 0)

        var best = starts[0]
        var bestAdded = best.coveredWeight()
        func improveAndKeep(_ start: CoverageState) {
            var state = start
            _ = BudgetedSwapImprovement.improve(
                &state, costs: costs, budget: budget, tolerance: tolerance, maxPasses: options.maxSwapPasses)
            let value = state.coveredWeight()
            if value > bestAdded + tolerance {
                best = state
                bestAdded = value
            }
        }
        for start in starts { improveAndKeep(start) }

        var upperBound = submodularBound
        var iterations = 0
        if options.lagrangianIterations > 0 && bestAdded < reachableNewWeight - tolerance {
            let relaxation = LagrangianRelaxation.run(
                coverage: sparse, limit: .budget(budget, costs: costs), knownValue: bestAdded,
                maxIterations: options.lagrangianIterations, keepSets: options.lagrangianStarts, tolerance: tolerance)
            upperBound = min(upperBound, relaxation.upperBound)
            iterations = relaxation.iterations
            for start in relaxation.startingSets { improveAndKeep(CoverageState(coverage: sparse, selecting: start)) }
        }

        let sites = best.selectedSites
        let covered = existingCoveredWeight + best.coveredWeight()
        let bound = max(covered, existingCoveredWeight + upperBound)
        return BudgetedCoveringSolution(
            budget: budget,
            sites: orderedGreedily(sites),
            spentCost: sites.reduce(0) { $0 + costs[$1] },
            greedyCoveredWeight: existingCoveredWeight + greedyAdded,
            coveredWeight: covered,
            coveredShare: share(ofWeight: covered),
            totalWeight: totalWeight,
            existingCoveredWeight: existingCoveredWeight,
            upperBoundWeight: bound,
            upperBoundShare: share(ofWeight: bound),
            lagrangianIterations: iterations)
    }
}

extension MarginalGainTable {
    /// Dantzig's fractional knapsack over the current marginal gains: an upper bound on what any
    /// set of sites costing at most `budget` can add (sites costing more than the budget are left out).
    func fractionalKnapsack(costs: [Double], budget: Double) -> Double {
        var queue = CostEffectivenessQueue(values: gains, costs: costs, among: gains.indices, budget: budget)
        var remaining = budget
        var total = 0.0
        while let item = queue.popBest() {
            let cost = costs[item]
            if cost <= remaining {
                total += gains[item]
                remaining -= cost
            } else {
                total += gains[item] * remaining / cost
                break
            }
        }
        return total
    }
}
