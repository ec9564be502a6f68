@testable import CoverageAnalysis
import Testing

/// Commune → group tables looked up through the history of commune changes, and the coverage sums by group.
struct CommuneGroupingTests {
    static func link(_ date: String, _ before: String, _ after: String) -> CommuneChanges.Link {
        CommuneChanges.Link(date: date, before: before, after: after, kind: "")
    }

    /// Layer of an old vintage: 01001 merged into 01002 in 2019, 01003 recoded 01099 in 2020, 01004 unknown to all.
    static let table = CommuneGroupTable(source: "epci.csv", groupOfCommune: [
        "01002": ("200000001", "CC Une"), "01099": ("200000002", "CC Deux"), "01005": ("200000001", "CC Une"),
    ])
    static let changes = CommuneChanges(links: [link("2019-01-01", "01001", "01002"), link("2019-01-01", "01002", "01002"),
                                                link("2020-01-01", "01003", "01099")])
    static let codes = ["01001", "01002", "01003", "01004", "01005"]

    @Test func withoutChangesTheAbsentCodesAreListed() {
        let lookup = Self.table.lookUp(codes: Self.codes, changes: nil)
        #expect(lookup.groups.map { $0?.key } == [nil, "200000001", nil, nil, "200000001"])
        #expect(lookup.unmatched == ["01001", "01003", "01004"])
        #expect(!lookup.changesApplied)
    }

    @Test func mergedAndRecodedCommunesTakeTheGroupOfTheirSuccessor() {
        let lookup = Self.table.lookUp(codes: Self.codes, changes: Self.changes)
        #expect(lookup.groups.map { $0?.key } == ["200000001", "200000001", "200000002", nil, "200000001"])
        #expect(lookup.unmatched == ["01004"])
        #expect(lookup.matchedThroughChanges.map(\.code) == ["01001", "01003"])
        #expect(lookup.matchedThroughChanges.map(\.tableCode) == ["01002", "01099"])
    }

    @Test func levelsGroupByRegionFromTheDepartement() {
        let levels = CommuneGroupLevel.standard(codes: ["33063", "2A004", "97411", "99001"], epci: nil, density: nil, changes: nil)
        #expect(levels.map(\.level) == ["departement", "region"])
        #expect(levels[1].keys == ["75", "94", "04", nil])
        #expect(levels[1].names["94"] == "Corse")
        #expect(levels[1].communesWithoutGroup == ["99001"])
        #expect(Region.of(departement: "2a")?.code == "94")
    }

    @Test func coverageFiguresAddUpByGroup() {
        let grouping = CommuneGroupLevel(level: "epci", keys: ["a", "b", "a", nil], names: ["a": "A", "b": "B"], source: "t.csv",
                                         matchedThroughChanges: [], communesWithoutGroup: ["x"], changesApplied: false)
        func figures(_ population: Double, _ within: Double) -> CoverageGroupTable.Figures {
            var f = CoverageGroupTable.Figures()
            f.communes = 1; f.population = population; f.withinMain = within; f.whiteZone = population - within
            f.withinMainByPoint = within > 0 ? population : 0; f.withinMainAreaWeighted = within; f.whiteZoneAreaWeighted = population - within
            return f
        }
        let table = CoverageGroupTable.make(grouping, perCommune: [figures(100, 60), figures(50, 0), figures(10, 10), figures(7, 7)])
        #expect(table.rows.map(\.key) == ["a", "b"])
        #expect(table.rows[0].figures.population == 110 && table.rows[0].figures.withinMain == 70 && table.rows[0].figures.whiteZone == 40)
        #expect(table.rows[0].figures.withinMainByPoint == 110 && table.rows[0].figures.communes == 2)
        #expect(table.rows[1].figures.whiteZone == 50)
        #expect(table.all.population == 167 && table.all.communes == 4)
    }
}
