import GeoCore

/// Exact areas of a (multi)polygon inside the populated cells of a square grid: like `GridClip`
/// (each ring clipped to a row of cells, then to each cell of the row), but visiting only the rows
/// and columns that hold cells of the grid, so the empty cells of a commune's envelope cost nothing.
enum SparseGridClip {
    /// A ring shifted to a local origin, with +1 (exterior) or −1 (hole) whatever its winding.
    struct LocalRing {
        var points: [XY]
        var factor: Double
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity

        init(points: [XY], factor: Double) {
            self.points = points
            self.factor = factor
            for p in points {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
    }

    static func rings(of polygons: [[[XY]]], origin: XY) -> [LocalRing] {
        var result: [LocalRing] = []
        for polygon in polygons {
            for (index, ring) in polygon.enumerated() {
                var points = ring.map { XY($0.x - origin.x, $0.y - origin.y) }
                if points.count > 1, points.first == points.last { points.removeLast() }
                guard points.count >= 3 else { continue }
                let area = PlanarRing.signedArea(points)
                guard area != 0 else { continue }
                let role: Double = index == 0 ? 1 : -1
                result.append(LocalRing(points: points, factor: role * (area > 0 ? 1 : -1)))
            }
        }
        return result
    }

    /// The cells of `cells` that the polygons cover with more than `minimumArea` m², and those areas,
    /// by row then column. The polygons are in the grid's CRS and must be valid.
    static func pieces(of polygons: [[[XY]]], cells: SquareCells,
                       minimumArea: Double) -> (cells: [Int32], areas: [Double]) {
        let index = cells.index
        guard !index.rowValues.isEmpty else { return ([], []) }
        var envelope = Envelope.empty
        for polygon in polygons { if let exterior = polygon.first { envelope = envelope.union(Envelope(of: exterior)) } }
        guard !envelope.isEmpty else { return ([], []) }
        let size = Double(cells.size)
        let firstRow = Int((envelope.minY / size).rounded(.down)), lastRow = Int((envelope.maxY / size).rounded(.down))
        let firstColumn = Int((envelope.minX / size).rounded(.down)), lastColumn = Int((envelope.maxX / size).rounded(.down))
        // Local origin at the window's corner keeps the products small (grid values are ~1e6 m).
        let origin = XY(Double(firstColumn) * size, Double(firstRow) * size)
        let all = rings(of: polygons, origin: origin)
        var foundCells: [Int32] = [], areas: [Double] = []
        var clipper = AxisClipper()
        var rowPosition = SquareCellIndex.lowerBound(index.rowValues, 0..<index.rowValues.count, firstRow)
        while rowPosition < index.rowValues.count, Int(index.rowValues[rowPosition]) <= lastRow {
            defer { rowPosition += 1 }
            let row = Int(index.rowValues[rowPosition])
            let rowCells = Int(index.rowStarts[rowPosition])..<Int(index.rowStarts[rowPosition + 1])
            var position = SquareCellIndex.lowerBound(index.columnValues, rowCells, firstColumn)
            guard position < rowCells.upperBound, Int(index.columnValues[position]) <= lastColumn else { continue }
            let low = Double(row - firstRow) * size, high = low + size
            let strip = all.compactMap { ring -> LocalRing? in
                guard ring.maxY > low, ring.minY < high else { return nil }
                clipper.clip(ring.points, alongX: false, low: low, high: high)
                return clipper.output.count >= 3 ? LocalRing(points: clipper.output, factor: ring.factor) : nil
            }
            guard !strip.isEmpty else { continue }
            while position < rowCells.upperBound, Int(index.columnValues[position]) <= lastColumn {
                defer { position += 1 }
                let left = Double(Int(index.columnValues[position]) - firstColumn) * size, right = left + size
                var area = 0.0
                for ring in strip where ring.maxX > left && ring.minX < right {
                    clipper.clip(ring.points, alongX: true, low: left, high: right)
                    area += ring.factor * PlanarRing.signedArea(clipper.output)
                }
                guard area > minimumArea else { continue }
                foundCells.append(index.cellAt[position])
                areas.append(area)
            }
        }
        return (foundCells, areas)
    }
}

/// Sutherland–Hodgman clipping of an open ring to a band low ≤ x ≤ high (or y), into reused buffers,
/// with the arithmetic of `PlanarRing.clip(_:alongX:low:high:)` (crossings land exactly on the bound).
struct AxisClipper {
    private var lower: [XY] = []
    /// The last result: an open ring (possibly with zero-width bridges, whose area is exact).
    private(set) var output: [XY] = []

    mutating func clip(_ points: [XY], alongX: Bool, low: Double, high: Double) {
        Self.pass(points, alongX: alongX, bound: low, keepsAbove: true, into: &lower)
        Self.pass(lower, alongX: alongX, bound: high, keepsAbove: false, into: &output)
    }

    @inline(__always)
    private static func pass(_ input: [XY], alongX: Bool, bound: Double, keepsAbove: Bool, into output: inout [XY]) {
        output.removeAll(keepingCapacity: true)
        guard let last = input.last else { return }
        @inline(__always) func value(_ p: XY) -> Double { alongX ? p.x : p.y }
        @inline(__always) func inside(_ p: XY) -> Bool { keepsAbove ? value(p) >= bound : value(p) <= bound }
        @inline(__always) func crossing(_ p: XY, _ q: XY) -> XY {
            let (vp, vq) = alongX ? (p.x, q.x) : (p.y, q.y)
            let t = (bound - vp) / (vq - vp)
            return alongX ? XY(bound, p.y + t * (q.y - p.y)) : XY(p.x + t * (q.x - p.x), bound)
        }
        var previous = last
        var previousInside = inside(previous)
        for current in input {
            let currentInside = inside(current)
            if currentInside {
                if !previousInside { output.append(crossing(previous, current)) }
                output.append(current)
            } else if previousInside {
                output.append(crossing(previous, current))
            }
            previous = current
            previousInside = currentInside
        }
    }
}
