import Testing
@testable import Siting

@Suite("Budgeted MCLP")
struct BudgetedCoveringTests {
    @Test("tiny instances: exactly the brute-forced optimum within the budget", arguments: OracleFixture.tiny)
    func tinyIsOptimal(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveBudgetedMCLP(budget: instance.budget)
        #expect(abs(solution.addedWeight - instance.optimalAddedWeightForBudget!) < 1e-6)
    }

    @Test("every instance: within 1 % of the CBC optimum, within budget, bound above the optimum",
          arguments: OracleFixture.shared.instances)
    func withinOnePercent(instance: OracleFixture.Instance) throws {
        let problem = try instance.problem()
        let solution = try problem.solveBudgetedMCLP(budget: instance.budget)
        let optimum = instance.optimalAddedWeightForBudget!
        #expect(solution.addedWeight >= 0.99 * optimum)
        #expect(solution.addedWeight <= optimum + 1e-6)
        #expect(solution.upperBoundWeight - instance.existingWeight >= optimum - 1e-6)
        #expect(solution.coveredWeight >= solution.greedyCoveredWeight)
        let sites = solution.sites.map(\.candidateIndex)
        let cost = sites.reduce(0) { $0 + instance.costs[$1] }
        #expect(cost <= instance.budget)
        #expect(cost == solution.spentCost)
        #expect(abs(CoverageCheck.coveredWeight(of: sites, in: problem) - solution.coveredWeight) < 1e-6)
        #expect(try problem.solveBudgetedMCLP(budget: instance.budget) == solution)
    }

    @Test("a site dearer than the whole budget is never chosen; free sites are")
    func budgetRespected() throws {
        // Candidate 0 covers everything (weight 10) but costs 5; candidates 1 and 2 cost 2 and 0.
        let problem = try MaximalCoveringProblem(
            demandWeights: [4, 3, 3], candidateCoverage: [[0, 1, 2], [0], [1]], candidateCosts: [5, 2, 0])
        let solution = try problem.solveBudgetedMCLP(budget: 4)
        #expect(solution.sites.map(\.candidateIndex).sorted() == [1, 2])
        #expect(solution.coveredWeight == 7)
        #expect(solution.spentCost == 2)
        // Fractional knapsack over initial gains: free site 2 (3), then site 1 (4 for cost 2) → 7; site 0 excluded.
        #expect(solution.upperBoundWeight == 7)
    }

    @Test("budget without costs, or a negative budget, is rejected")
    func invalidBudget() throws {
        let noCosts = try MaximalCoveringProblem(demandWeights: [1], candidateCoverage: [[0]])
        #expect(throws: SitingError.missingCandidateCosts) { try noCosts.solveBudgetedMCLP(budget: 1) }
        let withCosts = try MaximalCoveringProblem(demandWeights: [1], candidateCoverage: [[0]], candidateCosts: [1])
        #expect(throws: SitingError.invalidBudget(budget: -1)) { try withCosts.solveBudgetedMCLP(budget: -1) }
    }
}
