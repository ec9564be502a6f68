import Foundation
import Siting
import TestSupport

/// The Siting core on a seeded synthetic instance shaped like France: 35,000 communes on a
/// 1000 km × 1000 km square, clustered, each commune's point a candidate, coverage radius 10 km,
/// existing lieux fixed, p = 100 new sites, a budget of 250 with costs 1–5, then a 95 % target cover.
/// Checks each answer (recomputed coverage, bounds, budget); returns 1 if a check fails.
///   maillage-bench siting [--communes N] [--p P] [--existing E] [--seed S] [--pieces-per-commune K]
///                         [--lagrangian-iterations I] [--budget B] [--target-swap-passes ...]
enum SitingBench {
    static func run(_ options: BenchOptions) throws -> Int32 {
        let communeCount = options.int("communes", default: 35_000)
        let siteCount = options.int("p", default: 100)
        let existingCount = options.int("existing", default: 2_500)
        // Area-weighted demand: each commune split into pieces (demand units) scattered around its
        // point (about 2 km), each with an equal share of the population.
        let piecesPerCommune = max(1, options.int("pieces-per-commune", default: 1))
        let seed = UInt64(options.int("seed", default: 2026))
        let sideKm = 1000.0
        let radiusKm = 10.0
        let clusterCount = 250
        var rng = SeededGenerator(seed: seed)
        var failures: [String] = []
        func check(_ condition: Bool, _ message: String) { if !condition { failures.append(message) } }

        // Points: 95 % around cluster centres (spread 4–14 km), 5 % uniform.
        let clock = ContinuousClock()
        let generationStart = clock.now
        let centres = (0..<clusterCount).map { _ in
            (x: Double.random(in: 0..<sideKm, using: &rng), y: Double.random(in: 0..<sideKm, using: &rng),
             spread: Double.random(in: 4..<14, using: &rng))
        }
        var points: [(x: Double, y: Double)] = []
        points.reserveCapacity(communeCount)
        for _ in 0..<communeCount {
            if Double.random(in: 0..<1, using: &rng) < 0.05 {
                points.append((Double.random(in: 0..<sideKm, using: &rng), Double.random(in: 0..<sideKm, using: &rng)))
            } else {
                let centre = centres[Int.random(in: 0..<clusterCount, using: &rng)]
                let x = min(sideKm, max(0, centre.x + centre.spread * Self.gaussian(&rng)))
                let y = min(sideKm, max(0, centre.y + centre.spread * Self.gaussian(&rng)))
                points.append((x, y))
            }
        }
        // Populations: log-normal, median about 450 inhabitants, like French communes.
        let populations = (0..<communeCount).map { _ in (exp(6.1 + 1.3 * Self.gaussian(&rng))).rounded() }

        var demandPoints = points
        var demandWeights = populations
        if piecesPerCommune > 1 {
            demandPoints = []
            demandWeights = []
            for (commune, point) in points.enumerated() {
                for _ in 0..<piecesPerCommune {
                    demandPoints.append((min(sideKm, max(0, point.x + 2 * Self.gaussian(&rng))),
                                         min(sideKm, max(0, point.y + 2 * Self.gaussian(&rng)))))
                    demandWeights.append(populations[commune] / Double(piecesPerCommune))
                }
            }
        }
        let demandCount = demandPoints.count

        // Demand units within the radius through a uniform grid of radius-sized cells.
        let cellsPerSide = Int(sideKm / radiusKm) + 1
        func cell(_ point: (x: Double, y: Double)) -> (Int, Int) {
            (min(cellsPerSide - 1, Int(point.x / radiusKm)), min(cellsPerSide - 1, Int(point.y / radiusKm)))
        }
        var grid = [[Int32]](repeating: [], count: cellsPerSide * cellsPerSide)
        for (index, point) in demandPoints.enumerated() {
            let (cx, cy) = cell(point)
            grid[cy * cellsPerSide + cx].append(Int32(index))
        }
        func neighbours(of point: (x: Double, y: Double)) -> [Int32] {
            let (cx, cy) = cell(point)
            var found: [Int32] = []
            for gy in max(0, cy - 1)...min(cellsPerSide - 1, cy + 1) {
                for gx in max(0, cx - 1)...min(cellsPerSide - 1, cx + 1) {
                    for other in grid[gy * cellsPerSide + gx] {
                        let target = demandPoints[Int(other)]
                        let dx = target.x - point.x, dy = target.y - point.y
                        if dx * dx + dy * dy <= radiusKm * radiusKm { found.append(other) }
                    }
                }
            }
            return found.sorted()
        }
        let coverage = points.map(neighbours(of:))
        var coveredByExisting = [Bool](repeating: false, count: demandCount)
        for _ in 0..<existingCount {
            let lieu = (Double.random(in: 0..<sideKm, using: &rng), Double.random(in: 0..<sideKm, using: &rng))
            for unit in neighbours(of: lieu) { coveredByExisting[Int(unit)] = true }
        }
        let generationTime = clock.now - generationStart

        let degrees = coverage.map(\.count).sorted()
        let nonZeros = degrees.reduce(0, +)
        print("instance: \(communeCount) candidates, \(demandCount) demand units (\(piecesPerCommune) per commune), "
            + "radius \(Int(radiusKm)) km, \(existingCount) existing lieux, seed \(seed)")
        print("demand units per candidate: min \(degrees[0]), p10 \(degrees[degrees.count / 10]), "
            + "median \(degrees[degrees.count / 2]), mean \(nonZeros / communeCount), p90 \(degrees[degrees.count * 9 / 10]), "
            + "max \(degrees[degrees.count - 1]); \(nonZeros) pairs")
        print("generation (not part of the core): \(text(generationTime))")

        do {
            let costs = (0..<communeCount).map { _ in Double(Int.random(in: 1...5, using: &rng)) }
            let buildStart = clock.now
            let problem = try MaximalCoveringProblem(
                demandWeights: demandWeights, coveredByExisting: coveredByExisting, candidateCoverage: coverage,
                candidateCosts: costs)
            let buildTime = clock.now - buildStart

            let solveStart = clock.now
            let solverOptions = SolverOptions(lagrangianIterations: options.int("lagrangian-iterations", default: 300))
            let solution = try problem.solveMCLP(p: siteCount, options: solverOptions)
            let solveTime = clock.now - solveStart

            let greedyOnlyStart = clock.now
            let greedySwapOnly = try problem.solveMCLP(p: siteCount, options: .init(lagrangianIterations: 0))
            let greedyOnlyTime = clock.now - greedyOnlyStart

            func percent(_ share: Double) -> String { String(format: "%.3f %%", share * 100) }
            print("problem build: \(text(buildTime)); \(problem.gainableDemandClassCount) gainable demand classes "
                + "after merging units with identical candidates")
            print("MCLP p = \(siteCount): \(text(solveTime)) (greedy + swap only: \(text(greedyOnlyTime)))")
            print("  existing share \(percent(problem.existingCoveredWeight / problem.totalWeight)), "
                + "greedy \(percent(solution.greedyCoveredWeight / problem.totalWeight)), "
                + "greedy + swap \(percent(solution.greedySwapCoveredWeight / problem.totalWeight)), "
                + "final \(percent(solution.coveredShare)) (\(solution.origin))")
            let submodularShare = solution.submodularUpperBoundWeight / problem.totalWeight
            let lagrangianShare = (solution.lagrangianUpperBoundWeight ?? .nan) / problem.totalWeight
            let gapOfAdded = String(format: "%.2f %%", solution.optimalityGapOfAddedWeight * 100)
            print("  upper bound \(percent(solution.upperBoundShare)) (submodular \(percent(submodularShare)), "
                + "Lagrangian \(percent(lagrangianShare)) after \(solution.lagrangianIterations) iterations)")
            print("  gap \(percent(solution.optimalityGapShare)) of population, \(gapOfAdded) of the added weight")
            print("  swaps from greedy: \(solution.greedySwaps.count); added population "
                + "\(Int(solution.addedWeight)) of \(Int(problem.totalWeight))")

            // Checks: independent recomputation, monotone curve, bound above value, p sites.
            var covered = Set<Int>()
            for unit in 0..<demandCount where coveredByExisting[unit] { covered.insert(unit) }
            for site in solution.sites { for unit in coverage[site.candidateIndex] { covered.insert(Int(unit)) } }
            let recomputed = covered.reduce(0.0) { $0 + demandWeights[$1] }
            check(abs(recomputed - solution.coveredWeight) < 1e-6 * problem.totalWeight, "covered weight recomputation")
            check(solution.sites.count == siteCount || solution.isCoverageExhausted, "site count")
            check(solution.coveredWeight > problem.existingCoveredWeight, "coverage increases")
            check(solution.upperBoundWeight >= solution.coveredWeight, "bound above value")
            check(solution.coveredWeight >= greedySwapOnly.coveredWeight, "full search not worse than greedy + swap")
            check(zip(solution.curve, solution.curve.dropFirst()).allSatisfy { $0.coveredWeight <= $1.coveredWeight },
                  "curve non-decreasing")

            let budget = Double(options.int("budget", default: 250))
            let budgetStart = clock.now
            let budgeted = try problem.solveBudgetedMCLP(budget: budget)
            let budgetTime = clock.now - budgetStart
            print("budgeted MCLP (costs 1–5, budget \(Int(budget))): \(text(budgetTime)); \(budgeted.sites.count) sites, "
                + "spent \(Int(budgeted.spentCost)), greedy \(percent(budgeted.greedyCoveredWeight / problem.totalWeight)), "
                + "final \(percent(budgeted.coveredShare)), bound \(percent(budgeted.upperBoundShare))")
            check(budgeted.spentCost <= budget, "budget respected")
            check(budgeted.upperBoundWeight >= budgeted.coveredWeight, "budget bound above value")
            check(budgeted.coveredWeight >= budgeted.greedyCoveredWeight, "budget search not worse than greedy")

            let targetOptions = SolverOptions(
                maxSwapPasses: options.int("target-swap-passes", default: 50),
                lagrangianIterations: options.int("target-lagrangian-iterations", default: 300),
                lagrangianStarts: options.int("target-lagrangian-starts", default: 5))
            let targetStart = clock.now
            let target = try problem.solveTargetCover(targetShare: 0.95, options: targetOptions)
            let targetTime = clock.now - targetStart
            print("target 95 %: \(text(targetTime)); reached \(target.isTargetReached), "
                + "max reachable \(percent(target.maximumReachableShare)), \(target.uncoverableDemand.count) uncoverable units")
            if target.isTargetReached {
                print("  \(target.sites.count) sites (greedy \(target.greedySiteCount)), lower bound "
                    + "\(target.siteCountLowerBound.map(String.init) ?? "none"), covered \(percent(target.coveredShare))")
                check(target.coveredShare >= 0.95 - 1e-9, "target reached")
                check((target.siteCountLowerBound ?? 0) <= target.sites.count, "lower bound below count")
            }
        } catch {
            print("error: \(error)")
            return 1
        }

        if failures.isEmpty {
            print("checks: all passed")
            return 0
        }
        print("checks FAILED: \(failures.joined(separator: ", "))")
        return 1
    }

    static func gaussian(_ rng: inout SeededGenerator) -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
        let u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    static func text(_ duration: Duration) -> String { String(format: "%.3f s", seconds(duration)) }
}
