/// How many sites may be opened: a number of sites (MCLP) or a budget over candidate costs.
enum SiteLimit {
    case count(Int)
    case budget(Double, costs: [Double])
}

/// Lagrangian relaxation of the MCLP (Galvão & ReVelle 1996), solved by subgradient descent.
///
/// Relaxing "unit u counts only if a chosen site covers it" with multipliers λ_u ≥ 0 gives
///   L(λ) = Σ_u max(0, w_u − λ_u) + max { Σ_j c_j x_j : x within the site limit },  c_j = Σ_{u ∈ cov(j)} λ_u,
/// an upper bound on the optimum for every λ. With a site count the inner maximum is the sum of
/// the p largest c_j (at best this reaches the LP-relaxation bound); with a budget it is bounded by
/// the fractional knapsack (Dantzig), which keeps L(λ) a valid upper bound.
/// Starting from λ = w (where L is the plain top-p / knapsack bound), steps follow
/// Held–Wolfe–Crowder: t = θ (L − best known value) / ‖g‖², θ halved after 20 steps without a
/// better bound. Each iteration's integral choice is also a feasible solution; the best distinct
/// ones are kept as starting points for the interchange search. Deterministic (ties to the lowest index).
struct LagrangianRelaxation {
    struct Outcome {
        /// Smallest L(λ) seen: an upper bound on the weight new sites within the limit can add.
        var upperBound: Double
        /// Best distinct feasible sets met, sorted by their covered weight (descending), sorted indices each.
        var startingSets: [[Int]]
        var iterations: Int
        /// Multipliers that gave `upperBound` (a warm start for a nearby problem).
        var bestMultipliers: [Double]
    }

    static let stepsBeforeHalving = 20
    static let smallestStepScale = 1e-4

    /// - Parameters:
    ///   - knownValue: weight added by the best set known so far (a lower bound on the optimum).
    ///   - decisionValue: if given, stop as soon as the bound falls below it (no set within the
    ///     limit can add that much) or a feasible set adds at least that much.
    ///   - initialMultipliers: warm start (one per demand unit); the default λ = w starts at the top-p bound.
    static func run(coverage: SparseCoverage, limit: SiteLimit, knownValue: Double, maxIterations: Int,
                    keepSets: Int, tolerance: Double, decisionValue: Double? = nil,
                    initialMultipliers: [Double]? = nil) -> Outcome {
        let coverable = 0..<coverage.unitCount  // every unit class is coverable by construction
        let useful = (0..<coverage.candidateCount).filter(coverage.isUseful)
        var multipliers = initialMultipliers ?? coverage.weights
        var bestMultipliers = multipliers
        var siteScores = [Double](repeating: 0, count: coverage.candidateCount)
        var timesCovered = [Double](repeating: 0, count: coverage.unitCount)
        var isCoveredByFeasible = [Bool](repeating: false, count: coverage.unitCount)
        var bestBound = Double.infinity
        var bestValue = knownValue
        var stepScale = 2.0
        var stepsWithoutBetterBound = 0
        var kept: [(value: Double, sites: [Int])] = []
        var iterations = 0

        while iterations < maxIterations, stepScale >= smallestStepScale {
            iterations += 1
            scoreSites(useful, coverage: coverage, multipliers: multipliers, into: &siteScores)
            let choice = relaxedChoice(limit: limit, scores: siteScores, useful: useful)
            var bound = 0.0
            for (site, fraction) in choice.relaxed { bound += fraction * siteScores[site] }
            for unit in coverable { bound += max(0, coverage.weights[unit] - multipliers[unit]) }
            if bound < bestBound { bestMultipliers = multipliers }
            if bound < bestBound - tolerance {
                bestBound = bound
                stepsWithoutBetterBound = 0
            } else {
                bestBound = min(bestBound, bound)
                stepsWithoutBetterBound += 1
                if stepsWithoutBetterBound >= stepsBeforeHalving {
                    stepScale /= 2
                    stepsWithoutBetterBound = 0
                }
            }

            // Value of the integral choice, and how much the relaxed choice covers each unit.
            var value = 0.0
            for site in choice.feasible {
                for position in coverage.unitRange(of: site) {
                    let unit = Int(coverage.units[position])
                    if !isCoveredByFeasible[unit] { value += coverage.weights[unit] }
                    isCoveredByFeasible[unit] = true
                }
            }
            for (site, fraction) in choice.relaxed {
                for position in coverage.unitRange(of: site) { timesCovered[Int(coverage.units[position])] += fraction }
            }
            bestValue = max(bestValue, value)
            keep(choice.feasible.sorted(), value: value, in: &kept, limit: keepSets)

            let isDecided = decisionValue.map { bestBound < $0 - tolerance || bestValue >= $0 - tolerance } ?? false
            var squaredNorm = 0.0
            if bestBound - bestValue > tolerance && !isDecided {
                // Subgradient g_u = (relaxed times covered) − y_u, with y_u = 1 when w_u > λ_u.
                for unit in coverable {
                    let slope = timesCovered[unit] - (coverage.weights[unit] > multipliers[unit] ? 1 : 0)
                    squaredNorm += slope * slope
                }
                if squaredNorm > 0 {
                    let step = stepScale * (bound - bestValue) / squaredNorm
                    for unit in coverable {
                        let slope = timesCovered[unit] - (coverage.weights[unit] > multipliers[unit] ? 1 : 0)
                        multipliers[unit] = max(0, multipliers[unit] - step * slope)
                    }
                }
            }
            for site in choice.feasible {
                for position in coverage.unitRange(of: site) { isCoveredByFeasible[Int(coverage.units[position])] = false }
            }
            for (site, _) in choice.relaxed {
                for position in coverage.unitRange(of: site) { timesCovered[Int(coverage.units[position])] = 0 }
            }
            if bestBound - bestValue <= tolerance || isDecided || squaredNorm == 0 { break }
        }
        return Outcome(upperBound: bestBound, startingSets: kept.map(\.sites), iterations: iterations,
                       bestMultipliers: bestMultipliers)
    }

    /// The inner maximisation: `relaxed` (site, fraction) pairs attain its value; `feasible` is an
    /// integral choice within the limit.
    private static func relaxedChoice(limit: SiteLimit, scores: [Double], useful: [Int])
        -> (relaxed: [(Int, Double)], feasible: [Int])
    {
        switch limit {
        case .count(let siteCount):
            let chosen = TopScores.indices(of: scores, among: useful, count: siteCount)
            return (chosen.map { ($0, 1.0) }, chosen)
        case .budget(let budget, let costs):
            // Dantzig's fractional knapsack by score per cost (free sites first); the feasible choice
            // keeps the whole items and then any later item that still fits.
            var queue = CostEffectivenessQueue(values: scores, costs: costs, among: useful, budget: .infinity)
            var relaxed: [(Int, Double)] = []
            var feasible: [Int] = []
            var relaxedBudget = budget
            var feasibleBudget = budget
            while relaxedBudget > 0 || feasibleBudget >= queue.smallestCost, let site = queue.popBest() {
                let cost = costs[site]
                if relaxedBudget > 0 || cost == 0 {
                    let fraction = cost <= relaxedBudget ? 1 : relaxedBudget / cost
                    relaxed.append((site, fraction))
                    relaxedBudget -= fraction * cost
                    if fraction < 1 { relaxedBudget = 0 }
                }
                if cost <= feasibleBudget {
                    feasible.append(site)
                    feasibleBudget -= cost
                }
            }
            return (relaxed, feasible)
        }
    }

    /// c_j = Σ_{u ∈ cov(j)} λ_u for every useful site: the hot loop, on raw buffers (indices come
    /// from `SparseCoverage`, valid by construction).
    private static func scoreSites(_ sites: [Int], coverage: SparseCoverage, multipliers: [Double],
                                   into scores: inout [Double]) {
        coverage.unitStart.withUnsafeBufferPointer { starts in
            coverage.units.withUnsafeBufferPointer { units in
                multipliers.withUnsafeBufferPointer { lambda in
                    scores.withUnsafeMutableBufferPointer { output in
                        for site in sites {
                            var score = 0.0
                            for position in starts[site]..<starts[site + 1] { score += lambda[Int(units[position])] }
                            output[site] = score
                        }
                    }
                }
            }
        }
    }

    /// Keeps the `limit` best distinct sets, best first; equal values keep the earlier set first.
    private static func keep(_ sites: [Int], value: Double, in kept: inout [(value: Double, sites: [Int])], limit: Int) {
        guard limit > 0, !kept.contains(where: { $0.sites == sites }) else { return }
        let position = kept.firstIndex { $0.value < value } ?? kept.count
        guard position < limit else { return }
        kept.insert((value, sites), at: position)
        if kept.count > limit { kept.removeLast() }
    }
}
