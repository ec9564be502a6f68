// Benchmark of the Siting core on a seeded synthetic instance shaped like France:
// 35,000 communes on a 1000 km × 1000 km square, clustered, each commune's point a candidate,
// coverage radius 10 km, existing lieux fixed, p = 100 new sites, a budget of 250 with costs 1–5,
// then a 95 % target cover.
// Run through scripts/bench-siting.sh (release build, /usr/bin/time -v). Exits 1 if a check fails.
import Foundation
import Siting

struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func gaussian(_ rng: inout SplitMix64) -> Double {
    let u1 = Double.random(in: Double.ulpOfOne..<1, using: &rng)
    let u2 = Double.random(in: 0..<1, using: &rng)
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
}

func argument(_ name: String, default value: Int) -> Int {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count,
          let parsed = Int(arguments[index + 1]) else { return value }
    return parsed
}

func seconds(_ duration: Duration) -> String {
    let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    return String(format: "%.3f s", value)
}

/// Everything runs inside one function so that no global state is shared with other isolation domains.
func runBenchmark() -> Int32 {
    let communeCount = argument("--communes", default: 35_000)
    let siteCount = argument("--p", default: 100)
    let existingCount = argument("--existing", default: 2_500)
    // Area-weighted mode as the lead would build it: each commune split into pieces (demand units)
    // scattered around its point (about 2 km), each with an equal share of the population.
    let piecesPerCommune = max(1, argument("--pieces-per-commune", default: 1))
    let seed = UInt64(argument("--seed", default: 2026))
    let sideKm = 1000.0
    let radiusKm = 10.0
    let clusterCount = 250
    var rng = SplitMix64(state: seed)
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
            let x = min(sideKm, max(0, centre.x + centre.spread * gaussian(&rng)))
            let y = min(sideKm, max(0, centre.y + centre.spread * gaussian(&rng)))
            points.append((x, y))
        }
    }
    // Populations: log-normal, median about 450 inhabitants, like French communes.
    let populations = (0..<communeCount).map { _ in (exp(6.1 + 1.3 * gaussian(&rng))).rounded() }

    var demandPoints = points
    var demandWeights = populations
    if piecesPerCommune > 1 {
        demandPoints = []
        demandWeights = []
        for (commune, point) in points.enumerated() {
            for _ in 0..<piecesPerCommune {
                demandPoints.append((min(sideKm, max(0, point.x + 2 * gaussian(&rng))),
                                     min(sideKm, max(0, point.y + 2 * gaussian(&rng)))))
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
    print("generation (not part of the core): \(seconds(generationTime))")

    do {
        let costs = (0..<communeCount).map { _ in Double(Int.random(in: 1...5, using: &rng)) }
        let buildStart = clock.now
        let problem = try MaximalCoveringProblem(
            demandWeights: demandWeights, coveredByExisting: coveredByExisting, candidateCoverage: coverage,
            candidateCosts: costs)
        let buildTime = clock.now - buildStart

        let solveStart = clock.now
        let options = SolverOptions(lagrangianIterations: argument("--lagrangian-iterations", default: 300))
        let solution = try problem.solveMCLP(p: siteCount, options: options)
        let solveTime = clock.now - solveStart

        let greedyOnlyStart = clock.now
        let greedySwapOnly = try problem.solveMCLP(p: siteCount, options: .init(lagrangianIterations: 0))
        let greedyOnlyTime = clock.now - greedyOnlyStart

        func percent(_ share: Double) -> String { String(format: "%.3f %%", share * 100) }
        print("problem build: \(seconds(buildTime)); \(problem.gainableDemandClassCount) gainable demand classes "
            + "after merging units with identical candidates")
        print("MCLP p = \(siteCount): \(seconds(solveTime)) (greedy + swap only: \(seconds(greedyOnlyTime)))")
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

        let budget = Double(argument("--budget", default: 250))
        let budgetStart = clock.now
        let budgeted = try problem.solveBudgetedMCLP(budget: budget)
        let budgetTime = clock.now - budgetStart
        print("budgeted MCLP (costs 1–5, budget \(Int(budget))): \(seconds(budgetTime)); \(budgeted.sites.count) sites, "
            + "spent \(Int(budgeted.spentCost)), greedy \(percent(budgeted.greedyCoveredWeight / problem.totalWeight)), "
            + "final \(percent(budgeted.coveredShare)), bound \(percent(budgeted.upperBoundShare))")
        check(budgeted.spentCost <= budget, "budget respected")
        check(budgeted.upperBoundWeight >= budgeted.coveredWeight, "budget bound above value")
        check(budgeted.coveredWeight >= budgeted.greedyCoveredWeight, "budget search not worse than greedy")

        let targetOptions = SolverOptions(
            maxSwapPasses: argument("--target-swap-passes", default: 50),
            lagrangianIterations: argument("--target-lagrangian-iterations", default: 300),
            lagrangianStarts: argument("--target-lagrangian-starts", default: 5))
        let targetStart = clock.now
        let target = try problem.solveTargetCover(targetShare: 0.95, options: targetOptions)
        let targetTime = clock.now - targetStart
        print("target 95 %: \(seconds(targetTime)); reached \(target.isTargetReached), "
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

exit(runBenchmark())
