import GeoCore
import Testing
import TestSupport

@Suite struct CoincidentPointsTests {
    @Test func groupsInOrderOfFirstOccurrence() {
        let points = [XY(1, 2), XY(3, 4), XY(1, 2), XY(-0.0, 5), XY(3, 4), XY(0, 5), XY(1, 2.000_000_000_000_1)]
        #expect(CoincidentPoints.groups(points) == [[0, 2], [1, 4], [3, 5], [6]])
        #expect(CoincidentPoints.groups([]) == [])
    }

    /// Against a brute-force pairing on seeded points with many repeats.
    @Test func agreesWithBruteForce() {
        var generator = SeededGenerator(seed: 11)
        let points = (0..<500).map { _ in XY(Double(Int.random(in: 0..<12, using: &generator)), Double(Int.random(in: 0..<12, using: &generator))) }
        let groups = CoincidentPoints.groups(points)
        #expect(groups.flatMap { $0 }.sorted() == Array(points.indices))
        for group in groups {
            #expect(group == points.indices.filter { points[$0] == points[group[0]] })
            #expect(!points[..<group[0]].contains(points[group[0]]))
        }
        #expect(groups.map { $0[0] } == groups.map { $0[0] }.sorted())
    }
}
