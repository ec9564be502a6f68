import Foundation
import Testing
import TestSupport
@testable import Siting

/// Instances and exact optima written by oracle/siting/make_instances.py (PuLP/CBC, brute force on tiny ones).
struct OracleFixture: Decodable {
    struct Instance: Decodable, CustomTestStringConvertible {
        let name: String
        let weights: [Double]
        let coveredByExisting: [Int]
        let coverage: [[Int32]]
        let p: Int
        let targetShare: Double
        let uncoverable: [Int]
        /// Optimum per number of sites (the large opt-in instances only give it for p).
        let optimalAddedWeightByCount: [Double?]
        let minimumSitesForTarget: Int?
        let costs: [Double]
        let budget: Double
        let optimalAddedWeightForBudget: Double?

        var isTiny: Bool { name.hasPrefix("tiny") }
        var testDescription: String { name }

        func problem() throws -> MaximalCoveringProblem {
            var flags = [Bool](repeating: false, count: weights.count)
            for unit in coveredByExisting { flags[unit] = true }
            return try MaximalCoveringProblem(
                demandWeights: weights, coveredByExisting: flags, candidateCoverage: coverage, candidateCosts: costs)
        }

        var existingWeight: Double { coveredByExisting.reduce(0) { $0 + weights[$1] } }
    }

    let solver: String
    let instances: [Instance]

    static let shared: OracleFixture = load(Fixtures.url("siting_instances.json"))

    /// Opt-in larger instances written by `make_instances.py --large <path>`, found through SITING_LARGE_ORACLE.
    static var largePath: String? { ProcessInfo.processInfo.environment["SITING_LARGE_ORACLE"] }

    static func load(_ url: URL) -> OracleFixture {
        do {
            return try JSONDecoder().decode(OracleFixture.self, from: Data(contentsOf: url))
        } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }

    static var tiny: [Instance] { shared.instances.filter(\.isTiny) }
    static var medium: [Instance] { shared.instances.filter { !$0.isTiny } }
}
