import Accessibility
import Foundation
import TestSupport

/// The Accessibility core on a seeded synthetic instance of France's size: 35,000 communes and
/// 2,800 lieux spread uniformly on a square, every pair within 20 km (straight line) in the pair
/// list. The default side (290 km) gives about 1.5 million pairs, the upper end of what France
/// Services produce at 20 km; `--side-km 740` gives France's own density (~0.2 million pairs).
/// Times FloatingCatchment.compute for 2SFCA, E2SFCA and gravity (best and median of `--runs`), then
/// the grouped statistics of the E2SFCA index over 96 groups. Returns 1 if a check fails.
///   maillage-bench access [--communes N] [--lieux M] [--side-km L] [--runs R] [--seed S]
enum AccessBench {
    static func run(_ options: BenchOptions) throws -> Int32 {
        let communeCount = options.int("communes", default: 35_000)
        let lieuCount = options.int("lieux", default: 2_800)
        let side = options.double("side-km", default: 290)
        let runs = max(1, options.int("runs", default: 5))
        var rng = SeededGenerator(seed: UInt64(options.int("seed", default: 42)))
        let catchment = 20.0

        let communes = (0..<communeCount).map { _ in
            (x: Double.random(in: 0..<side, using: &rng), y: Double.random(in: 0..<side, using: &rng))
        }
        let lieux = (0..<lieuCount).map { _ in
            (x: Double.random(in: 0..<side, using: &rng), y: Double.random(in: 0..<side, using: &rng))
        }
        // Populations skewed like communes': most small, a few large.
        let populations = (0..<communeCount).map { _ in (50 * exp(3 * Double.random(in: 0..<1, using: &rng))).rounded() }
        let capacities = (0..<lieuCount).map { $0 % 10 == 0 ? 2.0 : 1.0 }

        // Pairs through a grid of catchment-sized cells (setup, not timed as part of the core).
        let setupClock = ContinuousClock.now
        let cellsPerSide = max(1, Int((side / catchment).rounded(.up)))
        var lieuxInCell = [[Int]](repeating: [], count: cellsPerSide * cellsPerSide)
        func cell(_ v: Double) -> Int { min(cellsPerSide - 1, max(0, Int(v / catchment))) }
        for (index, lieu) in lieux.enumerated() { lieuxInCell[cell(lieu.y) * cellsPerSide + cell(lieu.x)].append(index) }
        var pairs = ReachablePairs()
        pairs.reserveCapacity(communeCount * lieuCount * 1300 / Int(side * side) + 1024)
        for (index, commune) in communes.enumerated() {
            let cx = cell(commune.x), cy = cell(commune.y)
            for gy in max(0, cy - 1)...min(cellsPerSide - 1, cy + 1) {
                for gx in max(0, cx - 1)...min(cellsPerSide - 1, cx + 1) {
                    for lieu in lieuxInCell[gy * cellsPerSide + gx] {
                        let dx = lieux[lieu].x - commune.x, dy = lieux[lieu].y - commune.y
                        let distance = (dx * dx + dy * dy).squareRoot()
                        if distance <= catchment { pairs.append(demand: index, supply: lieu, cost: distance) }
                    }
                }
            }
        }
        let setup = seconds(ContinuousClock.now - setupClock)
        print("== \(communeCount) communes, \(lieuCount) lieux, side \(side) km, \(pairs.count) pairs within \(catchment) km"
              + String(format: " (pair list built in %.3f s)", setup))

        var failures = 0
        let methods: [(String, CatchmentMethod)] = [
            ("2SFCA", .twoStep(catchment: catchment)),
            ("E2SFCA", .enhanced(steps: CatchmentMethod.defaultSteps)),
            ("gravity", .gravity(beta: 1, minimumCost: 1, catchment: catchment)),
        ]
        var enhancedIndex: [Double] = []
        for (name, method) in methods {
            var times: [Double] = []
            var result: FloatingCatchmentResult?
            for _ in 0..<runs {
                let clock = ContinuousClock.now
                do {
                    result = try FloatingCatchment.compute(
                        method: method, populations: populations, capacities: capacities, pairs: pairs)
                } catch {
                    print("FAIL \(name): \(error)")
                    return 1
                }
                times.append(seconds(ContinuousClock.now - clock))
            }
            guard let result else { return 1 }
            times.sort()
            // Conservation: Σ P_i A_i = scale × Σ S_j over lieux with a populated catchment.
            let delivered = zip(populations, result.accessibility).reduce(0) { $0 + $1.0 * $1.1 }
            let served = zip(capacities, result.weightedDemand).reduce(0) { $0 + ($1.1 > 0 ? $1.0 : 0) }
            let conserved = abs(delivered - result.scale * served) <= 1e-9 * result.scale * served
            let finite = result.accessibility.allSatisfy { $0.isFinite && $0 >= 0 }
            if !conserved || !finite { failures += 1 }
            print(String(format: "%@: best %.4f s, median %.4f s over %d runs; %d pairs in catchment; conservation %@",
                         name, times[0], times[times.count / 2], runs, result.pairsWithinCatchment,
                         conserved && finite ? "ok" : "FAILED"))
            if name == "E2SFCA" { enhancedIndex = result.accessibility }
        }

        let keys = (0..<communeCount).map { String(format: "%02d", $0 % 96) }
        let clock = ContinuousClock.now
        do {
            let table = try PopulationStatistics.grouped(values: enhancedIndex, populations: populations, keys: keys)
            let elapsed = seconds(ContinuousClock.now - clock)
            if table.groups.count != 96 || table.all.units != communeCount { failures += 1 }
            print(String(format: "grouped statistics (96 groups + all): %.4f s; all: mean %.3f, median %.3f, Gini %.4f",
                         elapsed, table.all.mean ?? .nan, table.all.median ?? .nan, table.all.gini ?? .nan))
        } catch {
            print("FAIL statistics: \(error)")
            return 1
        }
        return failures == 0 ? 0 : 1
    }
}
