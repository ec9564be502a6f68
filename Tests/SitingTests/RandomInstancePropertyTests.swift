import Testing
@testable import Siting
import TestSupport

/// Seeded random tiny instances checked against brute force over every subset (done here, by set union).
@Suite("Random tiny instances against brute force")
struct RandomInstancePropertyTests {
    /// 7 candidates, 12 demand units with weights 0…9 (zeros included), random coverage, costs 1…4.
    static func randomProblem(seed: UInt64) throws -> MaximalCoveringProblem {
        var rng = SeededGenerator(seed: seed)
        var weights = (0..<12).map { _ in Double(Int.random(in: 0...9, using: &rng)) }
        weights[0] += 1  // never all zero
        let existing = (0..<12).map { _ in Int.random(in: 0..<6, using: &rng) == 0 }
        let coverage: [[Int32]] = (0..<7).map { _ in
            (0..<12).filter { _ in Int.random(in: 0..<10, using: &rng) < 3 }.map { Int32($0) }
        }
        let costs = (0..<7).map { _ in Double(Int.random(in: 1...4, using: &rng)) }
        return try MaximalCoveringProblem(
            demandWeights: weights, coveredByExisting: existing, candidateCoverage: coverage, candidateCosts: costs)
    }

    /// Every subset of candidates as a bit mask, with its covered weight and cost.
    static func subsets(of problem: MaximalCoveringProblem) -> [(mask: Int, size: Int, weight: Double, cost: Double)] {
        (0..<(1 << problem.candidateCount)).map { mask in
            let sites = (0..<problem.candidateCount).filter { mask & (1 << $0) != 0 }
            let cost = sites.reduce(0) { $0 + problem.candidateCosts![$1] }
            return (mask, sites.count, CoverageCheck.coveredWeight(of: sites, in: problem), cost)
        }
    }

    @Test("MCLP: exactly optimal, every bound above the optimum (curve included)", arguments: 0..<60)
    func mclpBounds(seed: Int) throws {
        let problem = try Self.randomProblem(seed: UInt64(seed))
        let all = Self.subsets(of: problem)
        for p in 0...4 {
            let optimum = all.filter { $0.size <= p }.map(\.weight).max()!
            let solution = try problem.solveMCLP(p: p)
            #expect(solution.coveredWeight <= optimum + 1e-9)
            #expect(solution.coveredWeight >= optimum - 1e-9, "p = \(p): not optimal on a 7-candidate instance")
            #expect(solution.upperBoundWeight >= optimum - 1e-9)
            #expect(solution.submodularUpperBoundWeight >= optimum - 1e-9)
            if let lagrangian = solution.lagrangianUpperBoundWeight { #expect(lagrangian >= optimum - 1e-9) }
            for point in solution.curve {
                let optimumAtCount = all.filter { $0.size <= point.siteCount }.map(\.weight).max()!
                #expect(point.upperBoundWeight >= optimumAtCount - 1e-9)
                #expect((0...1).contains(point.coveredShare))
            }
        }
    }

    @Test("target cover: exactly the minimum number of sites, proven by the lower bound", arguments: 0..<60)
    func targetBounds(seed: Int) throws {
        let problem = try Self.randomProblem(seed: UInt64(seed))
        let all = Self.subsets(of: problem)
        for targetShare in [0.5, 0.8, 0.95, 1.0] {
            let needed = targetShare * problem.totalWeight - 1e-9 * problem.totalWeight
            let minimum = all.filter { $0.weight >= needed }.map(\.size).min()
            let solution = try problem.solveTargetCover(targetShare: targetShare)
            #expect(solution.isTargetReached == (minimum != nil))
            if let minimum {
                #expect(solution.sites.count == minimum)
                #expect(solution.siteCountLowerBound == minimum)
                #expect(solution.coveredWeight >= needed)
            } else {
                #expect(abs(solution.maximumReachableWeight - all.map(\.weight).max()!) < 1e-9)
            }
        }
    }

    @Test("budgeted MCLP: within budget, exactly optimal, bound above the optimum", arguments: 0..<60)
    func budgetBounds(seed: Int) throws {
        let problem = try Self.randomProblem(seed: UInt64(seed))
        let all = Self.subsets(of: problem)
        for budget in [0.0, 2, 3.5, 6, 9] {
            let optimum = all.filter { $0.cost <= budget }.map(\.weight).max()!
            let solution = try problem.solveBudgetedMCLP(budget: budget)
            #expect(solution.spentCost <= budget)
            #expect(abs(solution.coveredWeight - optimum) < 1e-9)
            #expect(solution.upperBoundWeight >= optimum - 1e-9)
        }
    }
}
