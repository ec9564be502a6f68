import Testing
import Accessibility

@Suite struct PopulationStatisticsTests {
    @Test func equalWeights() throws {
        let stats = try PopulationStatistics.summarize(values: [0, 10, 20, 30], populations: [1, 1, 1, 1])
        #expect(stats.units == 4)
        #expect(stats.population == 4)
        #expect(stats.mean == 15)
        // Cumulative population 1, 2, 3, 4: median target 2 → 10; p10 target 0.4 → 0; p90 target 3.6 → 30.
        #expect(stats.median == 10)
        #expect(stats.p10 == 0)
        #expect(stats.p90 == 30)
        // Σ|xi − xk| over ordered pairs = 200; / (2 × 4² × 15) = 5/12.
        #expect(close(try #require(stats.gini), 5.0 / 12))
        #expect(stats.zeroShare == 0.25)
    }

    @Test func unequalWeights() throws {
        // Sorted: 1 (pop 1), 3 (pop 1), 5 (pop 2); total 4, mean (5×2 + 1 + 3) / 4 = 3.5.
        let stats = try PopulationStatistics.summarize(values: [5, 1, 3], populations: [2, 1, 1])
        #expect(stats.mean == 3.5)
        #expect(stats.median == 3)
        #expect(stats.p10 == 1)
        #expect(stats.p90 == 5)
        // Pairs: (1,3) 1·1·2 + (1,5) 1·2·4 + (3,5) 1·2·2 = 14, ordered 28; 28 / (2 × 16 × 3.5) = 0.25.
        #expect(close(try #require(stats.gini), 0.25))
        #expect(stats.zeroShare == 0)
    }

    @Test func medianWithoutInterpolation() {
        #expect(PopulationStatistics.quantile(0.5, values: [1, 2], populations: [1, 1]) == 1)
        #expect(PopulationStatistics.quantile(0.5, values: [2, 1], populations: [1, 1.0001]) == 1)
        #expect(PopulationStatistics.quantile(1, values: [2, 1, 7], populations: [1, 1, 0]) == 2)
        #expect(PopulationStatistics.quantile(0.5, values: [2], populations: [0]) == nil)
    }

    @Test func giniOfEqualValuesIsZero() throws {
        #expect(PopulationStatistics.gini(values: [42, 42, 42], populations: [10, 200, 3]) == 0)
    }

    @Test func giniWhenOneHoldsAll() throws {
        // Unit 2 (half the population) holds everything: G = 1 − 2/4.
        let stats = try PopulationStatistics.summarize(values: [0, 0, 7], populations: [1, 1, 2])
        #expect(close(try #require(stats.gini), 0.5))
        #expect(stats.zeroShare == 0.5)
        #expect(close(try #require(PopulationStatistics.gini(values: [0, 0, 0, 9], populations: [1, 1, 1, 1])), 0.75))
        #expect(PopulationStatistics.gini(values: [0, 0], populations: [1, 1]) == nil)
    }

    @Test func unitsWithoutPopulationCountOnlyAsUnits() throws {
        let with = try PopulationStatistics.summarize(values: [5, 1, 3, 1000], populations: [2, 1, 1, 0])
        let without = try PopulationStatistics.summarize(values: [5, 1, 3], populations: [2, 1, 1])
        #expect(with.units == 4)
        #expect(with.mean == without.mean && with.median == without.median && with.p90 == without.p90)
        #expect(with.gini == without.gini)
        let empty = try PopulationStatistics.summarize(values: [3, 4], populations: [0, 0])
        #expect(empty.units == 2 && empty.population == 0)
        #expect(empty.mean == nil && empty.median == nil && empty.p10 == nil && empty.p90 == nil)
        #expect(empty.gini == nil && empty.zeroShare == nil)
    }

    @Test func groupedRowsAreSortedByKeyWithAnAllRow() throws {
        let table = try PopulationStatistics.grouped(
            values: [0, 10, 5, 1, 3, 20], populations: [1, 1, 2, 1, 1, 1], keys: ["87", "23", "23", "23", "19", "87"])
        #expect(table.groups.map(\.key) == ["19", "23", "87"])
        let creuse = table.groups[1].statistics
        // 23: values 10 (1), 5 (2), 1 (1): total 4, mean 21/4; sorted 1, 5, 5, 10 → median 5.
        #expect(creuse.units == 3 && creuse.population == 4)
        #expect(creuse.mean == 21.0 / 4)
        #expect(creuse.median == 5)
        let hauteVienne = table.groups[2].statistics
        #expect(hauteVienne.zeroShare == 0.5)
        #expect(close(try #require(hauteVienne.gini), 0.5))
        #expect(table.all.units == 6 && table.all.population == 7)
        #expect(table.all.mean == 44.0 / 7)
    }

    @Test func invalidColumnsThrow() {
        #expect(throws: AccessibilityError.mismatchedColumns(values: 2, populations: 1, keys: nil)) {
            try PopulationStatistics.summarize(values: [1, 2], populations: [1])
        }
        #expect(throws: AccessibilityError.mismatchedColumns(values: 1, populations: 1, keys: 2)) {
            try PopulationStatistics.grouped(values: [1], populations: [1], keys: ["a", "b"])
        }
        #expect(throws: AccessibilityError.invalidPopulation(index: 0, value: -1)) {
            try PopulationStatistics.summarize(values: [1], populations: [-1])
        }
        #expect(throws: AccessibilityError.invalidValue(index: 1, value: .infinity)) {
            try PopulationStatistics.summarize(values: [1, .infinity], populations: [1, 1])
        }
    }
}
