import Testing
@testable import Siting

/// Small instances whose answers are derived by hand in the comments.
@Suite("Hand-made instances")
struct HandMadeInstanceTests {
    /// Six units of weight 1. Candidate 0 covers {1, 2, 4, 5} (gain 4), candidate 1 covers {0, 1, 2},
    /// candidate 2 covers {3, 4, 5}. Greedy takes 0 then 1 (gain 1, lower index than 2): 5 units.
    /// Swapping 0 out for 2: gain(2) = 1 (unit 3), loss(0) = 2 (units 4, 5), overlap = 2 → +1, giving 6.
    /// Bound at S = {0}: f = 4, gains of 1 and 2 are 1 each → 4 + 2 = 6 = optimum.
    static let greedyTrap = try! MaximalCoveringProblem(
        demandWeights: [1, 1, 1, 1, 1, 1],
        candidateCoverage: [[1, 2, 4, 5], [0, 1, 2], [3, 4, 5]])

    @Test("swap repairs the greedy trap, and the bound proves optimality")
    func greedyTrapIsRepairedBySwap() throws {
        let solution = try Self.greedyTrap.solveMCLP(p: 2, options: .greedyAndSwapsOnly)
        #expect(solution.greedyCoveredWeight == 5)
        #expect(solution.coveredWeight == 6)
        #expect(solution.coveredShare == 1)
        #expect(solution.greedySwaps == [SwapMove(addedCandidate: 2, removedCandidate: 0, gainWeight: 1)])
        #expect(Set(solution.sites.map(\.candidateIndex)) == [1, 2])
        #expect(solution.submodularUpperBoundWeight == 6)
        #expect(solution.upperBoundWeight == 6)
        #expect(solution.curve.map(\.candidateIndex) == [nil, 0, 1])
        #expect(solution.curve.map(\.coveredWeight) == [0, 4, 5])
        // k = 1: bound at S = ∅ is 4 (largest single gain), which is also the optimum.
        #expect(solution.curve[1].upperBoundWeight == 4)
    }

    @Test("existing coverage counts in shares but is never a gain")
    func existingCoverageIsCountedNotGained() throws {
        // Units 0..3 of weights 10, 20, 30, 40 (total 100); unit 3 is already covered.
        // Candidate 0 covers {2, 3} (gain 30), candidate 1 covers {0, 1} (gain 30), candidate 2 covers {3} (gain 0).
        let problem = try MaximalCoveringProblem(
            demandWeights: [10, 20, 30, 40], coveredByExisting: [false, false, false, true],
            candidateCoverage: [[3, 2], [0, 1, 1], [3]])
        #expect(problem.candidateCoverage[0] == [2, 3])
        #expect(problem.candidateCoverage[1] == [0, 1])
        let one = try problem.solveMCLP(p: 1)
        #expect(one.existingCoveredWeight == 40)
        #expect(one.sites.map(\.candidateIndex) == [0])  // tie at 30: lowest index
        #expect(one.sites[0].marginalWeight == 30)
        #expect(one.coveredShare == 0.7)
        let three = try problem.solveMCLP(p: 3)
        #expect(three.isCoverageExhausted)
        #expect(three.sites.map(\.candidateIndex) == [0, 1])
        #expect(three.coveredShare == 1)
        #expect(three.curve.count == 3)
    }

    @Test("an excluded candidate is never chosen")
    func excludedCandidateIsSkipped() throws {
        let problem = try MaximalCoveringProblem(
            demandWeights: [5, 5, 5], candidateCoverage: [[0, 1, 2], [0], [1, 2]], excludedCandidates: [0])
        let solution = try problem.solveMCLP(p: 1)
        #expect(solution.sites.map(\.candidateIndex) == [2])
        #expect(solution.coveredWeight == 10)
        #expect(solution.maximumReachableWeight == 15)
    }

    @Test("identical candidates: the lowest index wins, run after run")
    func tiesGoToLowestIndex() throws {
        let problem = try MaximalCoveringProblem(
            demandWeights: [1, 2, 3, 4], candidateCoverage: [[0], [1, 3], [1, 3], [2]])
        let solution = try problem.solveMCLP(p: 1)
        #expect(solution.sites.map(\.candidateIndex) == [1])
        #expect(try problem.solveMCLP(p: 1) == solution)
    }

    @Test("p = 0 returns the existing coverage only")
    func zeroSites() throws {
        let solution = try Self.greedyTrap.solveMCLP(p: 0)
        #expect(solution.sites.isEmpty)
        #expect(solution.coveredWeight == 0)
        #expect(solution.curve.count == 1)
        #expect(solution.upperBoundWeight == 0)
    }

    @Test("unreachable target: maximum share and the units nothing covers")
    func unreachableTargetNamesUncoverableUnits() throws {
        // Total 100. Unit 1 is covered by an existing lieu (20). Units 3 (weight 15) and 5 (weight 5)
        // are covered by nothing; unit 4 has weight 0 and is not reported. Max share = 80 / 100.
        let problem = try MaximalCoveringProblem(
            demandWeights: [30, 20, 30, 15, 0, 5], coveredByExisting: [false, true, false, false, false, false],
            candidateCoverage: [[0], [1, 2], [0, 2]])
        let solution = try problem.solveTargetCover(targetShare: 0.95)
        #expect(!solution.isTargetReached)
        #expect(solution.maximumReachableShare == 0.8)
        #expect(solution.coveredShare == 0.8)
        #expect(solution.uncoverableDemand == [
            UncoverableDemandUnit(demandIndex: 3, weight: 15), UncoverableDemandUnit(demandIndex: 5, weight: 5),
        ])
        #expect(solution.siteCountLowerBound == nil)
        #expect(solution.sites.map(\.candidateIndex) == [2])  // covers units 0 and 2 at once
    }

    @Test("target cover: greedy count, lower bound and reduction on the greedy trap")
    func targetCoverOnGreedyTrap() throws {
        // 100 % needs {1, 2}: greedy takes 0, 1, 2 (3 sites); dropping 0 keeps everything covered.
        // Lower bound at S = ∅: gains 4, 3, 3 → 4 + 3 ≥ 6 needs 2 sites.
        let solution = try Self.greedyTrap.solveTargetCover(targetShare: 1)
        #expect(solution.greedySiteCount == 3)
        #expect(solution.sites.map(\.candidateIndex).sorted() == [1, 2])
        #expect(solution.siteCountLowerBound == 2)
        #expect(solution.isProvenMinimal)
        #expect(solution.greedyCurve.map(\.coveredWeight) == [0, 4, 5, 6])
    }

    @Test("everything already covered: no site is proposed, the bound equals the value")
    func everythingAlreadyCovered() throws {
        let problem = try MaximalCoveringProblem(
            demandWeights: [3, 4], coveredByExisting: [true, true], candidateCoverage: [[0], [0, 1]])
        let solution = try problem.solveMCLP(p: 5)
        #expect(solution.sites.isEmpty)
        #expect(solution.isCoverageExhausted)
        #expect(solution.coveredShare == 1)
        #expect(solution.upperBoundWeight == 7)
    }

    @Test("excluding the only candidate covering a unit makes it uncoverable")
    func exclusionCreatesUncoverableUnits() throws {
        let problem = try MaximalCoveringProblem(
            demandWeights: [50, 50], candidateCoverage: [[0], [1]], excludedCandidates: [1])
        let solution = try problem.solveTargetCover(targetShare: 1)
        #expect(!solution.isTargetReached)
        #expect(solution.maximumReachableShare == 0.5)
        #expect(solution.uncoverableDemand == [UncoverableDemandUnit(demandIndex: 1, weight: 50)])
        #expect(solution.sites.map(\.candidateIndex) == [0])
    }

    @Test("demand units covered by the same candidates are merged without changing answers")
    func identicalCoverageIsMerged() throws {
        // Units 0 and 3 are covered by candidates {0, 1}; unit 1 by {0}; unit 2 by {1}; unit 4 by none.
        let problem = try MaximalCoveringProblem(
            demandWeights: [2, 5, 1, 4, 9], candidateCoverage: [[0, 1, 3], [0, 2, 3]])
        #expect(problem.gainableDemandClassCount == 3)
        let one = try problem.solveMCLP(p: 1)
        #expect(one.sites.map(\.candidateIndex) == [0])  // 2 + 5 + 4 = 11 against 2 + 1 + 4 = 7
        #expect(one.coveredWeight == 11)
        let two = try problem.solveMCLP(p: 2)
        #expect(two.coveredWeight == 12)
        #expect(two.maximumReachableWeight == 12)
        #expect(problem.uncoverableDemandUnits() == [UncoverableDemandUnit(demandIndex: 4, weight: 9)])
    }

    @Test("target already met by existing lieux needs no site")
    func targetMetByExisting() throws {
        let problem = try MaximalCoveringProblem(
            demandWeights: [90, 10], coveredByExisting: [true, false], candidateCoverage: [[1]])
        let solution = try problem.solveTargetCover(targetShare: 0.9)
        #expect(solution.sites.isEmpty)
        #expect(solution.siteCountLowerBound == 0)
        #expect(solution.coveredShare == 0.9)
    }

    @Test("invalid inputs are rejected with the offending index")
    func invalidInputs() throws {
        #expect(throws: SitingError.invalidDemandWeight(demandIndex: 1, weight: -3)) {
            try MaximalCoveringProblem(demandWeights: [1, -3], candidateCoverage: [])
        }
        #expect(throws: SitingError.demandIndexOutOfRange(candidateIndex: 0, demandIndex: 2, demandCount: 2)) {
            try MaximalCoveringProblem(demandWeights: [1, 1], candidateCoverage: [[2]])
        }
        #expect(throws: SitingError.zeroTotalDemandWeight(demandCount: 2)) {
            try MaximalCoveringProblem(demandWeights: [0, 0], candidateCoverage: [])
        }
        #expect(throws: SitingError.demandArrayLengthMismatch(name: "covered-by-existing", count: 1, demandCount: 2)) {
            try MaximalCoveringProblem(demandWeights: [1, 1], coveredByExisting: [true], candidateCoverage: [])
        }
        #expect(throws: SitingError.candidateIndexOutOfRange(candidateIndex: 3, candidateCount: 1)) {
            try MaximalCoveringProblem(demandWeights: [1], candidateCoverage: [[0]], excludedCandidates: [3])
        }
        #expect(throws: SitingError.candidateArrayLengthMismatch(name: "cost", count: 2, candidateCount: 1)) {
            try MaximalCoveringProblem(demandWeights: [1], candidateCoverage: [[0]], candidateCosts: [1, 2])
        }
        #expect(throws: SitingError.invalidSiteCount(requested: -1)) { try Self.greedyTrap.solveMCLP(p: -1) }
        #expect(throws: SitingError.invalidTargetShare(targetShare: 1.5)) {
            try Self.greedyTrap.solveTargetCover(targetShare: 1.5)
        }
        #expect(throws: SitingError.invalidTargetShare(targetShare: 0)) {
            try Self.greedyTrap.solveTargetCover(targetShare: 0)
        }
    }

    @Test("error descriptions are sentences naming the problem")
    func errorDescriptions() {
        let message = SitingError.demandIndexOutOfRange(candidateIndex: 4, demandIndex: 12, demandCount: 10).description
        #expect(message == "Candidate 4 lists demand unit 12, but only 10 demand units exist (indices 0 to 9); "
            + "rebuild the coverage lists.")
        #expect(SitingError.invalidTargetShare(targetShare: 95).description.contains("0.95"))
    }
}

@Suite("Covered demand units")
struct CoveredDemandTests {
    @Test("flags combine existing coverage and opened sites")
    func flags() throws {
        let problem = try MaximalCoveringProblem(
            demandWeights: [1, 1, 1, 1], coveredByExisting: [true, false, false, false],
            candidateCoverage: [[1], [2, 3]])
        #expect(try problem.coveredDemandUnits(openingSites: [1]) == [true, false, true, true])
        #expect(try problem.coveredDemandUnits(openingSites: []) == [true, false, false, false])
        #expect(throws: SitingError.candidateIndexOutOfRange(candidateIndex: 2, candidateCount: 2)) {
            try problem.coveredDemandUnits(openingSites: [2])
        }
    }
}
