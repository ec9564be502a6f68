@testable import CoverageAnalysis
import GeosGeometry
import RoadNetwork
import Testing
import TestSupport

@Suite struct RasterIsochroneTests {
    /// Random cell sets on a small grid (pinches, holes, islands): the traced polygons are valid and
    /// their area is the number of cells times the cell area.
    @Test func randomRastersGiveValidPolygonsOfTheRightArea() throws {
        var generator = SeededGenerator(seed: 11)
        func next() -> Double { Double.random(in: 0..<1, using: &generator) }
        // A zero-buffer raster of single points marks exactly the cells holding them.
        let raster = RasterIsochrone(cellMetres: 1, bufferMetres: 0.5)
        for _ in 0..<300 {
            var cells = Set<[Int]>()
            var segments: [MetricSegment] = []
            for i in 0..<7 { for j in 0..<7 where next() < 0.5 {
                cells.insert([i, j])
                segments.append(MetricSegment(x0: Double(i) + 0.5, y0: Double(j) + 0.5, x1: Double(i) + 0.5, y1: Double(j) + 0.5))
            } }
            guard !cells.isEmpty else { continue }
            let polygon = try #require(try raster.polygon(segments, kind: .unspecified), "cells \(cells.sorted { $0.lexicographicallyPrecedes($1) })")
            #expect(try polygon.isValid)
            #expect(try polygon.area() == Double(cells.count))
        }
    }
}
