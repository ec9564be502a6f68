import Foundation
import Testing
import Accessibility

/// Grouped statistics of the real E2SFCA index of Nouvelle-Aquitaine (4,405 communes), against the figures
/// written by oracle/access/nouvelle_aquitaine.py (quantiles by cumulative sums, Gini by its O(n²) definition).
@Suite struct NouvelleAquitaineStatisticsTests {
    struct Fixture: Decodable {
        struct Statistics: Decodable {
            let units: Int
            let population: Double
            let mean: Double
            let median: Double
            let p10: Double
            let p90: Double
            let gini: Double
            let zeroShare: Double
        }
        let columns: [String]
        let communes: [String: [Double]]
        let statisticsEnhancedByDepartement: [String: Statistics]
    }

    @Test func groupedByDepartementMatchTheOracle() throws {
        let url = SmallOracleInstance.folder.appendingPathComponent("nouvelle_aquitaine_fca.json")
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
        #expect(fixture.columns == ["enhanced", "twoStep", "population"])
        let codes = fixture.communes.keys.sorted()
        let values = codes.map { fixture.communes[$0]![0] }
        let populations = codes.map { fixture.communes[$0]![2] }
        let table = try PopulationStatistics.grouped(
            values: values, populations: populations, keys: codes.map { String($0.prefix(2)) })
        #expect(table.groups.count == 12)
        let rows: [(key: String, statistics: GroupStatistics)] =
            table.groups.map { ($0.key, $0.statistics) } + [("all", table.all)]
        for (key, actual) in rows {
            let expected = try #require(fixture.statisticsEnhancedByDepartement[key], "\(key)")
            #expect(actual.units == expected.units, "\(key)")
            #expect(actual.population == expected.population, "\(key)")
            #expect(close(try #require(actual.mean), expected.mean, relative: 1e-12), "\(key)")
            #expect(actual.median == expected.median, "\(key)")
            #expect(actual.p10 == expected.p10, "\(key)")
            #expect(actual.p90 == expected.p90, "\(key)")
            #expect(close(try #require(actual.gini), expected.gini, relative: 1e-10), "\(key)")
            #expect(close(try #require(actual.zeroShare), expected.zeroShare, relative: 1e-12), "\(key)")
        }
    }
}
