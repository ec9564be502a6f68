import GeosGeometry

/// Area and centroid of the parts of a (multi)polygon inside the cells of a square grid, by
/// Sutherland–Hodgman clipping of each ring, first to a row of cells, then to each cell of the row.
/// Clipping a possibly non-convex ring against a convex window can leave zero-width connecting
/// edges, but the signed area and first moments of the result are exact, which is all that is used.
enum SitingGridClip {
    /// A ring shifted to a local origin, with the factor that turns its signed moments into the
    /// polygon's (+1 for the outer ring's orientation, −1 for holes, whatever the input winding).
    struct Ring {
        var points: [XY]
        var factor: Double
        var minX: Double, maxX: Double, minY: Double, maxY: Double

        init(points: [XY], factor: Double) {
            self.points = points
            self.factor = factor
            (minX, maxX, minY, maxY) = (.infinity, -.infinity, .infinity, -.infinity)
            for p in points {
                minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y)
            }
        }
    }

    struct Piece {
        let column: Int, row: Int
        let areaSquareMetres: Double
        /// Centroid, in the input coordinates.
        let centroid: XY
    }

    static func rings(of shape: Shape, origin: XY) -> [Ring] {
        var result: [Ring] = []
        func polygon(_ rings: [[XY]]) {
            for (index, ring) in rings.enumerated() {
                var points = ring.map { XY($0.x - origin.x, $0.y - origin.y) }
                if points.count > 1, points.first == points.last { points.removeLast() }
                guard points.count >= 3 else { continue }
                let area = moments(points).area
                guard area != 0 else { continue }
                let role: Double = index == 0 ? 1 : -1
                result.append(Ring(points: points, factor: role * (area > 0 ? 1 : -1)))
            }
        }
        func visit(_ shape: Shape) {
            switch shape {
            case .polygon(let rings): polygon(rings)
            case .multiPolygon(let polygons): polygons.forEach(polygon)
            case .collection(let parts): parts.forEach(visit)
            default: break
            }
        }
        visit(shape)
        return result
    }

    /// Signed area and first moments (∫x, ∫y) of a ring (implicitly closed).
    static func moments(_ points: [XY]) -> (area: Double, mx: Double, my: Double) {
        var twiceArea = 0.0, mx = 0.0, my = 0.0
        guard points.count >= 3 else { return (0, 0, 0) }
        var previous = points[points.count - 1]
        for point in points {
            let cross = previous.x * point.y - point.x * previous.y
            twiceArea += cross
            mx += (previous.x + point.x) * cross
            my += (previous.y + point.y) * cross
            previous = point
        }
        return (twiceArea / 2, mx / 6, my / 6)
    }

    /// Keeps the part of a ring with low ≤ coordinate ≤ high along x (`alongX`) or y.
    static func clip(_ points: [XY], alongX: Bool, low: Double, high: Double) -> [XY] {
        func value(_ p: XY) -> Double { alongX ? p.x : p.y }
        func cut(_ a: XY, _ b: XY, at bound: Double) -> XY {
            let t = (bound - value(a)) / (value(b) - value(a))
            return alongX ? XY(bound, a.y + t * (b.y - a.y)) : XY(a.x + t * (b.x - a.x), bound)
        }
        func halfPlane(_ input: [XY], keep: (Double) -> Bool, bound: Double) -> [XY] {
            guard !input.isEmpty else { return [] }
            var output: [XY] = []
            output.reserveCapacity(input.count + 4)
            var previous = input[input.count - 1]
            var previousInside = keep(value(previous))
            for point in input {
                let inside = keep(value(point))
                if inside {
                    if !previousInside { output.append(cut(previous, point, at: bound)) }
                    output.append(point)
                } else if previousInside {
                    output.append(cut(previous, point, at: bound))
                }
                previous = point
                previousInside = inside
            }
            return output
        }
        let lower = halfPlane(points, keep: { $0 >= low }, bound: low)
        return halfPlane(lower, keep: { $0 <= high }, bound: high)
    }

    /// Pieces of the shape in the cells of size `cell` (grid aligned on multiples of `cell`),
    /// columns x0…x1 and rows y0…y1; pieces of area at most `minimumArea` are dropped.
    static func pieces(of shape: Shape, cell: Double, columns: ClosedRange<Int>, rows: ClosedRange<Int>,
                       minimumArea: Double = 1e-6) -> [Piece] {
        // Local origin at the grid corner keeps the products small (Lambert-93 values are ~1e6 m).
        let origin = XY(Double(columns.lowerBound) * cell, Double(rows.lowerBound) * cell)
        let all = rings(of: shape, origin: origin)
        var pieces: [Piece] = []
        for row in rows {
            let low = Double(row - rows.lowerBound) * cell, high = low + cell
            let strip = all.compactMap { ring -> Ring? in
                guard ring.maxY > low, ring.minY < high else { return nil }
                let clipped = clip(ring.points, alongX: false, low: low, high: high)
                return clipped.count >= 3 ? Ring(points: clipped, factor: ring.factor) : nil
            }
            guard !strip.isEmpty else { continue }
            for column in columns {
                let left = Double(column - columns.lowerBound) * cell, right = left + cell
                var area = 0.0, mx = 0.0, my = 0.0
                for ring in strip where ring.maxX > left && ring.minX < right {
                    let clipped = clip(ring.points, alongX: true, low: left, high: right)
                    guard clipped.count >= 3 else { continue }
                    let m = moments(clipped)
                    area += ring.factor * m.area; mx += ring.factor * m.mx; my += ring.factor * m.my
                }
                guard area > minimumArea else { continue }
                pieces.append(Piece(column: column, row: row, areaSquareMetres: area,
                                    centroid: XY(origin.x + mx / area, origin.y + my / area)))
            }
        }
        return pieces
    }
}
