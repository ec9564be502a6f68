/// Interchange under a budget: for each unchosen candidate j (index order, first improvement), the
/// best of adding j if it fits the unspent budget, or swapping it for a chosen site o when
/// cost(j) − cost(o) fits. Gains use the same delta (and `SwapScan`) as `SwapImprovement`; each chosen site is
/// examined (O(chosen) per candidate), ties go to adding, then to the lowest outgoing index.
enum BudgetedSwapImprovement {
    static func improve(_ state: inout CoverageState, costs: [Double], budget: Double, tolerance: Double,
                        maxPasses: Int) -> SwapImprovement.Outcome {
        var outcome = SwapImprovement.Outcome()
        let coverage = state.coverage
        let costTolerance = 1e-9 * max(1, budget)
        var scan = SwapScan(candidateCount: coverage.candidateCount)

        while outcome.passes < maxPasses {
            outcome.passes += 1
            state.recomputeExclusiveLosses()
            var improvedThisPass = false
            var chosen = state.selectedSites
            var spent = chosen.reduce(0) { $0 + costs[$1] }

            for incoming in 0..<coverage.candidateCount
            where coverage.isUseful(incoming) && !state.isSelected[incoming] && costs[incoming] <= budget + costTolerance {
                let gain = scan.gain(of: incoming, in: state)
                let slack = budget - spent
                var bestDelta = -Double.infinity
                var bestOutgoing: Int?
                if costs[incoming] <= slack + costTolerance {
                    bestDelta = gain
                }
                for outgoing in chosen where costs[incoming] - costs[outgoing] <= slack + costTolerance {
                    let delta = gain - state.exclusiveLoss[outgoing] + scan.overlap[outgoing]
                    if delta > bestDelta {
                        bestDelta = delta
                        bestOutgoing = outgoing
                    }
                }
                scan.clear()

                guard bestDelta > tolerance else { continue }
                if let outgoing = bestOutgoing {
                    state.remove(outgoing)
                    spent -= costs[outgoing]
                    outcome.moves.append(
                        SwapMove(addedCandidate: incoming, removedCandidate: outgoing, gainWeight: bestDelta))
                }
                state.add(incoming)
                spent += costs[incoming]
                chosen = state.selectedSites
                improvedThisPass = true
            }
            if !improvedThisPass { return outcome }
        }
        outcome.stoppedAtPassLimit = true
        return outcome
    }
}
