/// Interchange (Teitz & Bart 1968) on a set of chosen sites: replace one chosen site by one
/// unchosen candidate when that covers more weight, until no swap improves.
///
/// Candidates to bring in are scanned in index order (first improvement); for each one the best
/// site to take out is found exactly in O(size of its coverage list):
/// delta(in j, out o) = gain(j) − exclusiveLoss(o) + weight covered only by o that j also covers.
/// Only sites sharing a solely-covered unit with j have that last term; for the others the best is
/// the site with the smallest exclusive loss. Ties go to the lowest index. Deterministic.
enum SwapImprovement {
    struct Outcome {
        var moves: [SwapMove] = []
        var passes = 0
        /// True when the last allowed pass still improved, so more swaps might exist.
        var stoppedAtPassLimit = false
    }

    static func improve(_ state: inout CoverageState, tolerance: Double, maxPasses: Int) -> Outcome {
        var outcome = Outcome()
        guard state.selectedCount > 0 else { return outcome }
        let coverage = state.coverage
        var scan = SwapScan(candidateCount: coverage.candidateCount)

        while outcome.passes < maxPasses {
            outcome.passes += 1
            state.recomputeExclusiveLosses()
            var sitesByLoss = sortedByExclusiveLoss(state)
            var improvedThisPass = false

            for incoming in 0..<coverage.candidateCount
            where coverage.isUseful(incoming) && !state.isSelected[incoming] {
                let gain = scan.gain(of: incoming, in: state)
                var bestDelta = -Double.infinity
                var bestOutgoing = -1
                func consider(_ outgoing: Int, _ delta: Double) {
                    if delta > bestDelta || (delta == bestDelta && outgoing < bestOutgoing) {
                        bestDelta = delta
                        bestOutgoing = outgoing
                    }
                }
                for outgoing in scan.touched {
                    consider(outgoing, gain - state.exclusiveLoss[outgoing] + scan.overlap[outgoing])
                }
                if let cheapest = sitesByLoss.first(where: { !scan.isTouched[$0] }) {
                    consider(cheapest, gain - state.exclusiveLoss[cheapest])
                }
                scan.clear()

                if bestDelta > tolerance {
                    state.remove(bestOutgoing)
                    state.add(incoming)
                    outcome.moves.append(
                        SwapMove(addedCandidate: incoming, removedCandidate: bestOutgoing, gainWeight: bestDelta))
                    improvedThisPass = true
                    sitesByLoss = sortedByExclusiveLoss(state)
                }
            }
            if !improvedThisPass { return outcome }
        }
        outcome.stoppedAtPassLimit = true
        return outcome
    }

    /// Chosen sites by ascending exclusive loss, then ascending index.
    private static func sortedByExclusiveLoss(_ state: CoverageState) -> [Int] {
        state.selectedSites.sorted {
            let lossA = state.exclusiveLoss[$0], lossB = state.exclusiveLoss[$1]
            return lossA < lossB || (lossA == lossB && $0 < $1)
        }
    }
}

/// What bringing candidate `incoming` in would change before any site goes out, shared by the
/// interchange searches: its gain (weight it newly covers) and, for every chosen site o that alone
/// covers some of its units, `overlap[o]`, the weight of those units (the part of o's exclusive
/// loss that `incoming` would cover again). `touched` lists those sites; `clear()` before the next.
struct SwapScan {
    private(set) var overlap: [Double]
    private(set) var isTouched: [Bool]
    private(set) var touched: [Int] = []

    init(candidateCount: Int) {
        overlap = [Double](repeating: 0, count: candidateCount)
        isTouched = [Bool](repeating: false, count: candidateCount)
    }

    /// Scans `incoming`'s coverage list (in list order, so sums are reproducible); returns its gain.
    mutating func gain(of incoming: Int, in state: CoverageState) -> Double {
        let coverage = state.coverage
        var gain = 0.0
        for position in coverage.unitRange(of: incoming) {
            let unit = Int(coverage.units[position])
            let weight = coverage.weights[unit]
            switch state.coverCount[unit] {
            case 0: gain += weight
            case 1:
                let soleSite = state.covererIndexSum[unit]
                if !isTouched[soleSite] { isTouched[soleSite] = true; touched.append(soleSite) }
                overlap[soleSite] += weight
            default: break
            }
        }
        return gain
    }

    mutating func clear() {
        for site in touched { isTouched[site] = false; overlap[site] = 0 }
        touched.removeAll(keepingCapacity: true)
    }
}
