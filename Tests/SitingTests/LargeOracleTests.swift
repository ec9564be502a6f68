import Foundation
import Testing
@testable import Siting

/// Opt-in check on larger instances (1000 and 2000 candidates) solved by CBC; the JSON is not
/// committed (make it with `python3 oracle/siting/make_instances.py --large siting-large.json`,
/// then run with SITING_LARGE_ORACLE=siting-large.json).
@Suite("Large instances against CBC (opt-in)")
struct LargeOracleTests {
    @Test("within 1 % of the CBC optimum, bound above it",
          .enabled(if: OracleFixture.largePath != nil, "set SITING_LARGE_ORACLE to the --large oracle output"))
    func largeWithinOnePercent() throws {
        let fixture = OracleFixture.load(URL(fileURLWithPath: try #require(OracleFixture.largePath)))
        for instance in fixture.instances {
            let optimum = try #require(instance.optimalAddedWeightByCount[instance.p])
            let solution = try instance.problem().solveMCLP(p: instance.p)
            #expect(solution.addedWeight >= 0.99 * optimum, "\(instance.name)")
            #expect(solution.addedWeight <= optimum + 1e-6, "\(instance.name)")
            #expect(solution.upperBoundWeight - instance.existingWeight >= optimum - 1e-6, "\(instance.name)")
        }
    }
}
