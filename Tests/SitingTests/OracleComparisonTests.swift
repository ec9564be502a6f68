import Testing
@testable import Siting

/// The solver (greedy, swaps, Lagrangian starts) against exact optima from PuLP/CBC
/// (oracle/siting/make_instances.py; tiny instances also brute-forced there).
@Suite("MCLP and target cover against exact optima")
struct OracleComparisonTests {
    @Test("tiny instances: exactly optimal, and already so with greedy + swap alone", arguments: OracleFixture.tiny)
    func tinyIsOptimal(instance: OracleFixture.Instance) throws {
        let optimum = instance.optimalAddedWeightByCount[instance.p]!
        let solution = try instance.problem().solveMCLP(p: instance.p)
        #expect(abs(solution.addedWeight - optimum) < 1e-6)
        let greedySwapOnly = try instance.problem().solveMCLP(p: instance.p, options: .greedyAndSwapsOnly)
        #expect(abs(greedySwapOnly.addedWeight - optimum) < 1e-6)
        #expect(greedySwapOnly.lagrangianUpperBoundWeight == nil)
        #expect(greedySwapOnly.origin == .greedyThenSwaps)
    }

    @Test("Lagrangian bound holds the optimum and lies within 1 % above it", arguments: OracleFixture.shared.instances)
    func lagrangianBound(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveMCLP(p: instance.p)
        let optimum = instance.optimalAddedWeightByCount[instance.p]!
        let bound = try #require(solution.lagrangianUpperBoundWeight) - instance.existingWeight
        #expect(bound >= optimum - 1e-6)
        #expect(bound <= 1.01 * optimum)
        #expect(solution.upperBoundWeight <= solution.submodularUpperBoundWeight + 1e-6)
        #expect(solution.greedySwapCoveredWeight >= solution.greedyCoveredWeight)
        #expect(solution.coveredWeight >= solution.greedySwapCoveredWeight)
    }

    @Test("medium instances: within 1 % of the optimum, never above it", arguments: OracleFixture.medium)
    func mediumWithinOnePercent(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveMCLP(p: instance.p)
        let optimum = instance.optimalAddedWeightByCount[instance.p]!
        #expect(solution.addedWeight >= 0.99 * optimum)
        #expect(solution.addedWeight <= optimum + 1e-6)
        #expect(solution.sites.count == instance.p)
    }

    @Test("the reported covered weight equals a plain set union of the chosen sites",
          arguments: OracleFixture.shared.instances)
    func coveredWeightIsIndependentlyConfirmed(instance: OracleFixture.Instance) throws {
        let problem = try instance.problem()
        let solution = try problem.solveMCLP(p: instance.p)
        let sites = solution.sites.map(\.candidateIndex)
        #expect(Set(sites).count == sites.count)
        #expect(abs(CoverageCheck.coveredWeight(of: sites, in: problem) - solution.coveredWeight) < 1e-6)
        let marginalSum = solution.sites.reduce(0) { $0 + $1.marginalWeight }
        #expect(abs(marginalSum - solution.addedWeight) < 1e-6)
    }

    @Test("upper bounds are at least the optimum for every number of sites", arguments: OracleFixture.shared.instances)
    func boundsHoldTheOptimum(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveMCLP(p: instance.p)
        let existing = instance.existingWeight
        #expect(solution.upperBoundWeight - existing >= instance.optimalAddedWeightByCount[instance.p]! - 1e-6)
        #expect(solution.curve.count == instance.p + 1)
        for point in solution.curve {
            let optimum = instance.optimalAddedWeightByCount[point.siteCount]!
            #expect(point.upperBoundWeight - existing >= optimum - 1e-6, "k = \(point.siteCount)")
            #expect(point.coveredWeight - existing <= optimum + 1e-6, "k = \(point.siteCount)")
        }
    }

    @Test("target cover: never fewer sites than the exact minimum, lower bound never above it",
          arguments: OracleFixture.shared.instances)
    func targetCoverAgainstMinimum(instance: OracleFixture.Instance) throws {
        let problem = try instance.problem()
        let solution = try problem.solveTargetCover(targetShare: instance.targetShare)
        #expect(solution.isTargetReached)
        #expect(solution.coveredShare >= instance.targetShare - 1e-9)
        #expect(solution.sites.count >= instance.minimumSitesForTarget!)
        let lowerBound = try #require(solution.siteCountLowerBound)
        #expect(lowerBound <= instance.minimumSitesForTarget!)
        #expect(lowerBound >= 1)
        let sites = solution.sites.map(\.candidateIndex)
        #expect(abs(CoverageCheck.coveredWeight(of: sites, in: problem) - solution.coveredWeight) < 1e-6)
        #expect(solution.uncoverableDemand.map(\.demandIndex) == instance.uncoverable)
    }

    @Test("target cover uses exactly the minimum number of sites on every oracle instance",
          arguments: OracleFixture.shared.instances)
    func targetCoverIsMinimal(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveTargetCover(targetShare: instance.targetShare)
        #expect(solution.sites.count == instance.minimumSitesForTarget!)
    }

    @Test("target cover on tiny instances: the lower bound proves the minimum", arguments: OracleFixture.tiny)
    func tinyTargetIsProvenMinimal(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveTargetCover(targetShare: instance.targetShare)
        #expect(solution.siteCountLowerBound == instance.minimumSitesForTarget!)
        #expect(solution.isProvenMinimal)
        let cheap = try instance.problem().solveTargetCover(
            targetShare: instance.targetShare, options: .greedyAndSwapsOnly)
        #expect(cheap.sites.count >= solution.sites.count)
        #expect((cheap.siteCountLowerBound ?? .max) <= instance.minimumSitesForTarget!)
    }

    @Test("two runs give identical answers", arguments: OracleFixture.medium)
    func deterministic(instance: OracleFixture.Instance) throws {
        let first = try instance.problem().solveMCLP(p: instance.p)
        let second = try instance.problem().solveMCLP(p: instance.p)
        #expect(first == second)
        let firstTarget = try instance.problem().solveTargetCover(targetShare: instance.targetShare)
        let secondTarget = try instance.problem().solveTargetCover(targetShare: instance.targetShare)
        #expect(firstTarget == secondTarget)
    }

    @Test("curve is non-decreasing and every share lies in [0, 1]", arguments: OracleFixture.shared.instances)
    func curveProperties(instance: OracleFixture.Instance) throws {
        let solution = try instance.problem().solveMCLP(p: instance.p)
        for (previous, next) in zip(solution.curve, solution.curve.dropFirst()) {
            #expect(next.coveredWeight >= previous.coveredWeight)
            #expect(next.upperBoundWeight >= previous.upperBoundWeight - 1e-6)
            #expect(next.marginalWeight <= previous.marginalWeight || previous.siteCount == 0)
        }
        for point in solution.curve {
            #expect((0...1).contains(point.coveredShare))
            #expect((0...1).contains(point.upperBoundShare))
            #expect(point.upperBoundShare >= point.coveredShare)
        }
        #expect(solution.coveredWeight >= solution.greedyCoveredWeight)
        #expect(solution.upperBoundWeight <= solution.maximumReachableWeight + 1e-6)
    }
}
