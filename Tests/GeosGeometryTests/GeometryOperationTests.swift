import Foundation
import GeosGeometry
import Testing
import TestSupport
import GeoCore

@Suite struct MeasureTests {
    @Test func areaLengthOfSquareWithHole() throws {
        try expectNoLeaks {
            let polygon = try Geometry.polygon([square(0, 0, 10), square(4, 4, 2).reversed()])
            #expect(try polygon.area() == 96)
            #expect(try polygon.length() == 48)
            let multi = try Geometry.multiPolygon([[square(0, 0, 10)], [square(20, 0, 5)]])
            #expect(try multi.area() == 125)
            #expect(multi.partCount == 2)
            #expect(try Geometry.polygon([]).area() == 0)
            #expect(try Geometry.polygon([]).isEmpty)
        }
    }

    @Test func distanceAndNearestPoints() throws {
        try expectNoLeaks {
            let a = try Geometry.point(XY(0, 0)), b = try Geometry.point(XY(3, 4))
            #expect(try a.distance(to: b) == 5)
            let box = try Geometry.polygon([square(0, 0, 10)])
            let p = try Geometry.point(XY(15, 5))
            #expect(try box.distance(to: p) == 5)
            let nearest = try #require(try box.nearestPoints(to: p))
            #expect(nearest.0 == XY(10, 5) && nearest.1 == XY(15, 5))
            #expect(try box.nearestPoints(to: Geometry.polygon([])) == nil)
            #expect(try box.distance(to: try Geometry.point(XY(5, 5))) == 0)
        }
    }

    @Test func metricOperationsRefuseLonLat() throws {
        let lonLat = try Geometry.polygon([square(2, 48, 0.1)], kind: .geographic)
        #expect(throws: GeometryError.geographicCoordinates(operation: "area")) { try lonLat.area() }
        #expect(throws: GeometryError.geographicCoordinates(operation: "buffer")) { try lonLat.buffer(1000) }
        #expect(throws: GeometryError.geographicCoordinates(operation: "distance")) {
            try lonLat.distance(to: try Geometry.point(XY(0, 0), kind: .geographic))
        }
        #expect(throws: GeometryError.geographicCoordinates(operation: "length")) { try lonLat.length() }
        let message = GeometryError.geographicCoordinates(operation: "area").description
        #expect(message.contains("Lambert-93"))
        // Non-metric operations stay available on lon/lat.
        #expect(try lonLat.pointOnSurface().kind == .geographic)
    }
}

@Suite struct OverlayTests {
    @Test func bufferOfPointIsRegularPolygon() throws {
        try expectNoLeaks {
            for segments in [1, 2, 8, 16] {
                let disc = try Geometry.point(XY(100, 200)).buffer(10, quadrantSegments: segments)
                let n = Double(4 * segments)
                // Area of a regular n-gon inscribed in a circle of radius 10.
                let expected = 0.5 * n * 100 * sin(2 * Double.pi / n)
                #expect(abs(try disc.area() - expected) < 1e-9)
                #expect(disc.envelope == Envelope(minX: 90, minY: 190, maxX: 110, maxY: 210))
            }
            // A buffer grows area (property), a negative buffer shrinks it.
            let box = try Geometry.polygon([square(0, 0, 10)])
            #expect(try box.buffer(1).area() > 100)
            #expect(abs(try box.buffer(-1).area() - 64) < 1e-9)
        }
    }

    @Test func unionIntersectionDifference() throws {
        try expectNoLeaks {
            let a = try Geometry.polygon([square(0, 0, 10)]), b = try Geometry.polygon([square(5, 5, 10)])
            #expect(try a.union(b).area() == 175)
            #expect(try a.intersection(b).area() == 25)
            #expect(try a.difference(b).area() == 75)
            let many = try (0..<10).map { i in try Geometry.polygon([square(Double(i) * 5, 0, 10)]) }
            let union = try Geometry.unaryUnion(of: many)
            #expect(try union.area() == 550)
            #expect(union.type == .polygon)
            #expect(try Geometry.unaryUnion(of: []).isEmpty)
            // Disjoint parts stay a multipolygon.
            let disjoint = try Geometry.unaryUnion(of: [a, try Geometry.polygon([square(50, 50, 1)])])
            #expect(disjoint.type == .multiPolygon && disjoint.partCount == 2)
            // Empty inputs.
            let empty = try Geometry.polygon([])
            #expect(try a.intersection(empty).isEmpty)
            #expect(try a.difference(empty).area() == 100)
        }
    }

    @Test func pointOnSurfaceLiesInsideWhereCentroidDoesNot() throws {
        try expectNoLeaks {
            // A U shape: its centroid falls in the gap.
            let u = try Geometry.polygon([[XY(0, 0), XY(10, 0), XY(10, 10), XY(8, 10), XY(8, 2),
                                           XY(2, 2), XY(2, 10), XY(0, 10), XY(0, 0)]])
            let centroid = try u.centroid()
            #expect(try !u.contains(centroid))
            #expect(try u.contains(try u.pointOnSurface()))
            #expect(try Geometry.polygon([square(0, 0, 10)]).centroid().pointXY == XY(5, 5))
            #expect(try Geometry.polygon([]).pointOnSurface().isEmpty)
        }
    }

    @Test func envelopeAndClip() throws {
        try expectNoLeaks {
            let triangle = try Geometry.polygon([[XY(0, 0), XY(4, 0), XY(0, 3), XY(0, 0)]])
            #expect(triangle.envelope == Envelope(minX: 0, minY: 0, maxX: 4, maxY: 3))
            #expect(try triangle.envelopeGeometry().area() == 12)
            #expect(try triangle.clip(to: Envelope(minX: 0, minY: 0, maxX: 2, maxY: 3)).area() == 4.5)
            #expect(try Geometry.polygon([]).envelope.isEmpty)
        }
    }
}

@Suite struct ValidityTests {
    @Test func bowTieIsRepairedIntoTwoTriangles() throws {
        try expectNoLeaks {
            let bowTie = try Geometry.polygon([[XY(0, 0), XY(2, 2), XY(2, 0), XY(0, 2), XY(0, 0)]])
            #expect(try !bowTie.isValid)
            #expect(try bowTie.validityReason().hasPrefix("Self-intersection"))
            let repaired = try bowTie.makeValid()
            #expect(try repaired.isValid)
            #expect(try repaired.area() == 2)
            #expect(repaired.type == .multiPolygon)
            #expect(try Geometry.polygon([square(0, 0, 1)]).validityReason() == "Valid Geometry")
        }
    }

    @Test func selfTouchingRingAndSliverRepairKeepArea() throws {
        try expectNoLeaks {
            // Ring touching itself at (5, 5): invalid as one ring; repaired area is unchanged.
            let pinched = try Geometry.polygon([[XY(0, 0), XY(10, 0), XY(5, 5), XY(10, 10), XY(0, 10),
                                                 XY(5, 5), XY(0, 0)]])
            #expect(try !pinched.isValid)
            let repaired = try pinched.makeValid()
            #expect(try repaired.isValid)
            #expect(abs(try repaired.area() - 50) < 1e-9)
            // Hole outside its shell.
            let badHole = try Geometry.polygon([square(0, 0, 10), square(20, 20, 1)])
            #expect(try !badHole.isValid)
            #expect(try badHole.makeValid().isValid)
        }
    }

    @Test func polygonInputIsChecked() {
        #expect(throws: GeometryError.self) { try Geometry.polygon([[XY(0, 0), XY(1, 0), XY(0, 0)]]) }
        #expect(throws: GeometryError.self) { try Geometry.polygon([[XY(0, 0), XY(1, 0), XY(1, 1), XY(0, 1)]]) }
        #expect(throws: GeometryError.self) { try Geometry.lineString([XY(0, 0)]) }
    }
}

@Suite struct ConstructionTests {
    @Test func simplifyVoronoiConcaveHull() throws {
        try expectNoLeaks {
            let zigzag = try Geometry.lineString([XY(0, 0), XY(1, 0.01), XY(2, -0.01), XY(3, 0)])
            #expect(try zigzag.simplifyPreservingTopology(tolerance: 0.1).shape == .lineString([XY(0, 0), XY(3, 0)]))

            let box = Envelope(minX: 0, minY: -5, maxX: 10, maxY: 5)
            let cells = try Voronoi.cells(sites: [XY(2, 0), XY(6, 0), XY(6, 0)], clippedTo: box)
            // Bisector at x = 4: cells of 40 and 60; the duplicate site gets no cell.
            #expect(try cells[0]!.area() == 40)
            #expect(try cells[1]!.area() == 60)
            #expect(cells[2] == nil)
            #expect(try cells[0]!.contains(try Geometry.point(XY(2, 0))))
            let single = try Voronoi.cells(sites: [XY(1, 1)], clippedTo: box)
            #expect(try single[0]!.area() == 100)

            // L-shaped point cloud: convex hull for ratio 1, a tighter hull for a small ratio.
            var points: [XY] = []
            for i in 0...10 { for j in 0...10 where i <= 2 || j <= 2 { points.append(XY(Double(i), Double(j))) } }
            let cloud = try Geometry.multiPoint(points)
            let convex = try cloud.convexHull().area()
            let expectedConvex: Double = 100 - 0.5 * 8 * 8
            #expect(convex == expectedConvex)
            #expect(try cloud.concaveHull(ratio: 1).area() == convex)
            let concave = try cloud.concaveHull(ratio: 0.1).area()
            #expect(concave < convex && concave >= 36)
        }
    }

    @Test(arguments: [
        "POINT (1 2)", "LINESTRING (0 0, 1 1, 2 0)", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 3, 3 3, 2 2))",
        "MULTIPOINT ((0 0), (1 1))", "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))", "POLYGON EMPTY",
    ])
    func wktWkbAndShapeRoundTrip(wkt: String) throws {
        try expectNoLeaks {
            let geometry = try Geometry.fromWKT(wkt)
            // GEOS 3.11 writes multipoints without inner parentheses.
            #expect(try geometry.wkt() == wkt.replacingOccurrences(of: "((0 0), (1 1))", with: "(0 0, 1 1)"))
            #expect(try Geometry.fromWKB(try geometry.wkb()).equalsExact(geometry))
            #expect(try Geometry.make(geometry.shape).equalsExact(geometry) || geometry.isEmpty)
        }
    }

    @Test func badWKTGivesGEOSMessage() {
        #expect {
            try Geometry.fromWKT("POLYGON ((0 0, 1 1")
        } throws: { error in
            guard case GeometryError.geos(let operation, let message) = error else { return false }
            return operation == "readWKT" && !message.isEmpty
        }
    }
}

@Suite struct PreparedAndIndexTests {
    @Test func preparedPredicates() throws {
        try expectNoLeaks {
            let prepared = PreparedGeometry(try Geometry.polygon([square(0, 0, 10)]))
            let inside = try Geometry.point(XY(5, 5)), onEdge = try Geometry.point(XY(10, 5)), outside = try Geometry.point(XY(11, 5))
            #expect(try prepared.contains(inside) && prepared.containsProperly(inside))
            #expect(try !prepared.contains(onEdge) && prepared.covers(onEdge) && !prepared.containsProperly(onEdge))
            #expect(try prepared.intersects(onEdge) && !prepared.intersects(outside))
            #expect(try prepared.intersects(XY(0, 0)))
            #expect(try prepared.distance(to: outside) == 1)
        }
    }

    @Test func indexWithGeometryPredicate() throws {
        try expectNoLeaks {
            let polygons = try (0..<5).map { i in try Geometry.polygon([square(Double(i) * 10, 0, 8)]) }
            let index = SpatialIndex(envelopes: polygons.map(\.envelope))
            let probe = try Geometry.lineString([XY(5, 4), XY(25, 4)])
            let prepared = PreparedGeometry(probe)
            let hits = try index.query(probe.envelope).filter { try prepared.intersects(polygons[$0]) }
            #expect(hits == [0, 1, 2])
        }
    }
}

