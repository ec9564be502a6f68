@testable import Siting

/// Independent recomputation of covered weight for a set of sites: plain set union, no solver code.
enum CoverageCheck {
    static func coveredWeight(of sites: [Int], in problem: MaximalCoveringProblem) -> Double {
        var covered = Set<Int>()
        for unit in problem.coveredByExisting.indices where problem.coveredByExisting[unit] { covered.insert(unit) }
        for site in sites { for unit in problem.candidateCoverage[site] { covered.insert(Int(unit)) } }
        return covered.reduce(0) { $0 + problem.demandWeights[$1] }
    }
}
