import GeoCore
import Testing
import TestSupport

@Suite struct PlanarRingTests {
    let unitSquare = [XY(0, 0), XY(1, 0), XY(1, 1), XY(0, 1), XY(0, 0)]

    @Test func signedAreaFollowsWinding() {
        #expect(PlanarRing.signedArea(unitSquare) == 1)
        #expect(PlanarRing.signedArea(unitSquare.reversed()) == -1)
        #expect(PlanarRing.signedArea(Array(unitSquare.dropLast())) == 1)   // open ring: same area
        let m = PlanarRing.moments([XY(0, 0), XY(4, 0), XY(4, 2), XY(0, 2)])
        #expect(m.area == 8 && m.mx / m.area == 2 && m.my / m.area == 1)
    }

    @Test func orientationIsRFC7946() {
        let hole = [XY(0.25, 0.25), XY(0.75, 0.25), XY(0.75, 0.75), XY(0.25, 0.75), XY(0.25, 0.25)]
        let oriented = PlanarRing.oriented(polygon: [unitSquare.reversed(), hole])
        #expect(PlanarRing.signedArea(oriented[0]) > 0 && PlanarRing.signedArea(oriented[1]) < 0)
    }

    @Test func convexClipOfSquareByTriangle() {
        // The triangle x + y ≤ 1 (counter-clockwise) keeps half of the unit square.
        let triangle = [XY(0, 0), XY(2, 0), XY(0, 2), XY(0, 0)]
        #expect(abs(PlanarRing.signedArea(PlanarRing.clip(unitSquare, byConvex: triangle)) - 1) < 1e-15)
        let small = [XY(0, 0), XY(1, 0), XY(0, 1), XY(0, 0)]
        #expect(abs(PlanarRing.signedArea(PlanarRing.clip(unitSquare, byConvex: small)) - 0.5) < 1e-15)
    }

    @Test func stripClipLandsOnTheBounds() {
        let strip = PlanarRing.clip(Array(unitSquare.dropLast()), alongX: true, low: 0.25, high: 0.5)
        #expect(Set(strip.map(\.x)) == [0.25, 0.5])
        #expect(PlanarRing.signedArea(strip) == 0.25)
    }

    @Test func ringSetAreasWithHoleAndUnion() {
        // 4 × 4 square with a 2 × 2 hole; windows are the left and bottom halves.
        let outer = [XY(0, 0), XY(4, 0), XY(4, 4), XY(0, 4), XY(0, 0)]
        let hole = [XY(1, 1), XY(1, 3), XY(3, 3), XY(3, 1), XY(1, 1)]
        let rings = RingSet(.polygon([outer, hole]))
        let left = [XY(0, 0), XY(2, 0), XY(2, 4), XY(0, 4), XY(0, 0)]
        let bottom = [XY(0, 0), XY(4, 0), XY(4, 2), XY(0, 2), XY(0, 0)]
        #expect(rings.areaInside(convex: left) == 6)
        #expect(rings.areaInside(all: [left, bottom]) == 3)
        #expect(rings.areaInside(union: [left, bottom]) == 9)
    }

    @Test func gridPiecesAddUpToTheArea() {
        // A triangle over a 1-unit grid: pieces add up to its area; centroids lie in their cells.
        let triangle = Shape.polygon([[XY(0.5, 0.5), XY(3.5, 0.5), XY(0.5, 2.5), XY(0.5, 0.5)]])
        let pieces = GridClip.pieces(of: triangle, cell: 1, columns: 0...3, rows: 0...2)
        #expect(abs(pieces.reduce(0) { $0 + $1.areaSquareMetres } - 3) < 1e-12)
        for piece in pieces {
            #expect(Double(piece.column) <= piece.centroid.x && piece.centroid.x <= Double(piece.column + 1))
            #expect(Double(piece.row) <= piece.centroid.y && piece.centroid.y <= Double(piece.row + 1))
        }
        #expect(pieces.first { $0.column == 0 && $0.row == 0 }?.areaSquareMetres == 0.25)
    }
}

@Suite struct IndexAndOrderTests {
    @Test func heapPopsInOrderWithTies() {
        struct Item: Comparable {
            let key: Int, id: Int
            static func < (a: Item, b: Item) -> Bool { a.key < b.key || (a.key == b.key && a.id < b.id) }
        }
        var generator = SeededGenerator(seed: 11)
        let items = (0..<500).map { Item(key: Int.random(in: 0..<40, using: &generator), id: $0) }
        var heap = BinaryHeap(Array(items.prefix(250)))
        for item in items.dropFirst(250) { heap.push(item) }
        var popped: [Item] = []
        while let item = heap.popFirst() { popped.append(item) }
        #expect(popped == items.sorted())
    }

    @Test func boundedHeapKeepsTheLargest() {
        var heap = BinaryHeap<Int>()
        for value in [5, 1, 9, 3, 7, 8, 2] {
            if heap.count < 3 { heap.push(value) } else if let smallest = heap.first, smallest < value { heap.replaceFirst(with: value) }
        }
        #expect(heap.unordered.sorted() == [7, 8, 9])
    }

    @Test func hilbertOrderVisitsEveryCellOnce() {
        // On the 2^16 grid, the corners of the curve and neighbours along it.
        #expect(HilbertCurve.index(x: 0, y: 0) == 0)
        #expect(HilbertCurve.index(x: 65535, y: 0) == UInt32.max)
        var seen = Set<UInt32>()
        for x in UInt32(0)..<8 { for y in UInt32(0)..<8 { seen.insert(HilbertCurve.index(x: x, y: y)) } }
        #expect(seen.count == 64)
    }

    @Test func indexQueriesAndNearestEqualBruteForce() {
        var generator = SeededGenerator(seed: 3)
        let boxes = (0..<2_000).map { _ -> Envelope in
            let x = Double.random(in: 0..<1_000, using: &generator), y = Double.random(in: 0..<1_000, using: &generator)
            return Envelope(minX: x, minY: y, maxX: x + Double.random(in: 0..<20, using: &generator),
                            maxY: y + Double.random(in: 0..<20, using: &generator))
        }
        let index = SpatialIndex(envelopes: boxes)
        for _ in 0..<100 {
            let x = Double.random(in: 0..<1_000, using: &generator), y = Double.random(in: 0..<1_000, using: &generator)
            let window = Envelope(minX: x, minY: y, maxX: x + 50, maxY: y + 50)
            #expect(index.query(window) == boxes.indices.filter { boxes[$0].intersects(window) })
            let point = XY(x, y)
            let nearest = index.nearest(to: point) { boxes[$0].distance(to: point) }
            let expected = boxes.indices.min { (boxes[$0].distance(to: point), $0) < (boxes[$1].distance(to: point), $1) }!
            #expect(nearest?.item == expected)
        }
        #expect(SpatialIndex(envelopes: []).query(Envelope(minX: 0, minY: 0, maxX: 1, maxY: 1)).isEmpty)
        #expect(index.nearest(to: XY(0, 0), maxDistance: -1) { boxes[$0].distance(to: XY(0, 0)) } == nil)
    }

    @Test func coverageDissolveOfAGridIsItsOutline() {
        // 3 × 2 unit squares sharing edges dissolve into one rectangle (collinear vertices dropped).
        let squares = (0..<3).flatMap { x in (0..<2).map { y -> Shape in
            let (x0, y0) = (Double(x), Double(y))
            return .polygon([[XY(x0, y0), XY(x0 + 1, y0), XY(x0 + 1, y0 + 1), XY(x0, y0 + 1), XY(x0, y0)]])
        } }
        guard case .multiPolygon(let polygons)? = CoverageDissolve.union(squares) else { Issue.record("no union"); return }
        #expect(polygons.count == 1 && polygons[0].count == 1)
        #expect(Set(polygons[0][0]) == [XY(0, 0), XY(3, 0), XY(3, 2), XY(0, 2)])
        #expect(PlanarRing.signedArea(polygons[0][0]) == 6)
        // Overlapping squares are not a coverage.
        #expect(CoverageDissolve.union([squares[0], squares[0]]) == nil)
    }
}
