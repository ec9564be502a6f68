import GeosGeometry
import Testing
import TestSupport
import GeoCore

@Suite struct CoverageDissolveTests {
    func cell(_ i: Int, _ j: Int) -> [XY] { square(Double(i), Double(j), 1) }

    /// A 10 × 10 grid of unit squares minus some cells (a hole in the middle, a notch), oriented
    /// either way: the union equals GEOS's, with the hole kept.
    @Test func gridWithHoleEqualsGEOSUnion() throws {
        try expectNoLeaks {
            var cells: [Geometry] = []
            for i in 0..<10 { for j in 0..<10 where !((4...5).contains(i) && (4...5).contains(j)) && !(i == 9 && j == 0) {
                let ring = cell(i, j)
                cells.append(try Geometry.polygon([(i + j) % 2 == 0 ? ring : ring.reversed()]))
            } }
            let union = try #require(try Geometry.dissolvingCoverage(cells, kind: .unspecified))
            #expect(try union.isValid)
            #expect(try union.area() == 95)
            #expect(try union.equalsTopologically(try Geometry.unaryUnion(of: cells)))
            guard case .multiPolygon(let polygons) = union.shape else { Issue.record("not a multipolygon"); return }
            #expect(polygons.count == 1 && polygons[0].count == 2)   // one shell, one hole
        }
    }

    /// Two squares touching at one corner stay two valid polygons; an island inside a hole is kept.
    @Test func pinchAndIslandInsideHole() throws {
        let pinch = try #require(try Geometry.dissolvingCoverage([try Geometry.polygon([cell(0, 0)]), try Geometry.polygon([cell(1, 1)])],
                                                                 kind: .unspecified))
        #expect(try pinch.isValid && pinch.partCount == 2 && pinch.area() == 2)
        // A 5 × 5 frame (ring of cells) with the centre cell present: frame + island.
        var parts: [Geometry] = []
        for i in 0..<5 { for j in 0..<5 where i == 0 || j == 0 || i == 4 || j == 4 || (i == 2 && j == 2) {
            parts.append(try Geometry.polygon([cell(i, j)]))
        } }
        let union = try #require(try Geometry.dissolvingCoverage(parts, kind: .unspecified))
        #expect(try union.isValid && union.area() == 17 && union.partCount == 2)
        #expect(try union.equalsTopologically(try Geometry.unaryUnion(of: parts)))
    }

    /// Overlapping parts or borders that do not share vertices are not a coverage: nil, so callers fall back.
    @Test func notACoverageGivesNil() throws {
        let overlapping = [try Geometry.polygon([cell(0, 0)]), try Geometry.polygon([cell(0, 0)])]
        #expect(try Geometry.dissolvingCoverage(overlapping, kind: .unspecified) == nil)
        // T-junction: the right square's left edge has a vertex the left rectangle lacks.
        let left = try Geometry.polygon([[XY(0, 0), XY(1, 0), XY(1, 2), XY(0, 2), XY(0, 0)]])
        let right = try Geometry.polygon([[XY(1, 0), XY(2, 0), XY(2, 2), XY(1, 2), XY(1, 1), XY(1, 0)]])
        #expect(try Geometry.dissolvingCoverage([left, right], kind: .unspecified) == nil)
    }
}
