import Foundation
import Testing
import TestSupport
import Accessibility

/// The small instance and its answers written by oracle/access/fca_oracle.py (PySAL `access` and numpy, which
/// agree there): 60 demand points, 12 supply points, costs on the step bounds, empty and isolated points.
struct SmallOracleInstance {
    struct Answers: Decodable {
        struct MethodAnswers: Decodable {
            let pairsWithinCatchment: Int
            let accessibility: [Double]
            let ratios: [Double]
            let weightedDemand: [Double]
            let accessibilityByStep: [[Double]]
        }
        let scale: Double
        let demandIds: [Int]
        let supplyIds: [Int]
        let methods: [String: MethodAnswers]
    }

    let populations: [Double]
    let capacities: [Double]
    let pairs: ReachablePairs
    let answers: Answers

    static let folder = SharedData.oracle("access")

    /// Data rows of a comma CSV with a header line, as numbers.
    static func rows(_ name: String) throws -> [[Double]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return try text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            try line.split(separator: ",").map { try #require(Double($0)) }
        }
    }

    static func load() throws -> SmallOracleInstance {
        let demand = try rows("small_demand.csv"), supply = try rows("small_supply.csv")
        let costs = try rows("small_costs.csv")
        let answers = try JSONDecoder().decode(
            Answers.self, from: Data(contentsOf: folder.appendingPathComponent("small_fca.json")))
        // Ids are the positions 0..n-1.
        #expect(answers.demandIds == Array(0..<demand.count))
        #expect(answers.supplyIds == Array(0..<supply.count))
        var pairs = ReachablePairs()
        for row in costs { pairs.append(demand: Int(row[0]), supply: Int(row[1]), cost: row[2]) }
        return SmallOracleInstance(
            populations: demand.map { $0[1] }, capacities: supply.map { $0[1] }, pairs: pairs, answers: answers)
    }
}

@Suite struct OracleInstanceTests {
    static let methods: [(String, CatchmentMethod)] = [
        ("twoStep", .twoStep(catchment: 20)),
        ("enhanced", .enhanced(steps: CatchmentMethod.defaultSteps)),
        ("gravity", .gravity(beta: 1.5, minimumCost: 2, catchment: 20)),
    ]

    @Test(arguments: methods.map(\.0))
    func matchesPySALAndNumpy(name: String) throws {
        let instance = try SmallOracleInstance.load()
        let method = try #require(Self.methods.first { $0.0 == name }?.1)
        let expected = try #require(instance.answers.methods[name])
        let result = try FloatingCatchment.compute(
            method: method, populations: instance.populations, capacities: instance.capacities, pairs: instance.pairs,
            scale: instance.answers.scale)
        #expect(result.pairsWithinCatchment == expected.pairsWithinCatchment)
        #expect(close(result.accessibility, expected.accessibility, relative: 1e-12))
        #expect(close(result.supplyToDemandRatios, expected.ratios, relative: 1e-12))
        #expect(close(result.weightedDemand, expected.weightedDemand, relative: 1e-12))
        #expect(result.accessibilityByStep.count == expected.accessibilityByStep.count)
        for (mine, theirs) in zip(result.accessibilityByStep, expected.accessibilityByStep) {
            #expect(close(mine, theirs, relative: 1e-12))
        }
        // The instance holds the edge cases: an isolated point and a lieu whose reach has nobody.
        #expect(result.accessibility[59] == 0)
        #expect(result.supplyToDemandRatios[10] == 0 && result.supplyToDemandRatios[11] == 0)
        #expect(result.accessibility[3] > 0 && instance.populations[3] == 0)
    }
}
