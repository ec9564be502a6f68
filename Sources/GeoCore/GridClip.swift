/// Area and centroid of the parts of a (multi)polygon inside the cells of a square grid, by
/// clipping each ring first to a row of cells, then to each cell of the row (`PlanarRing.clip`).
public enum GridClip {
    /// A ring shifted to a local origin, with the factor that turns its signed moments into the
    /// polygon's (+1 for the outer ring's orientation, −1 for holes, whatever the input winding).
    struct LocalRing {
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

    /// The part of a shape in one grid cell.
    public struct Piece: Sendable {
        public let column: Int, row: Int
        public let areaSquareMetres: Double
        /// Centroid, in the input coordinates.
        public let centroid: XY
    }

    static func rings(of shape: Shape, origin: XY) -> [LocalRing] {
        var result: [LocalRing] = []
        for polygon in shape.polygons {
            for (index, ring) in polygon.enumerated() {
                var points = ring.map { XY($0.x - origin.x, $0.y - origin.y) }
                if points.count > 1, points.first == points.last { points.removeLast() }
                guard points.count >= 3 else { continue }
                let area = PlanarRing.moments(points).area
                guard area != 0 else { continue }
                let role: Double = index == 0 ? 1 : -1
                result.append(LocalRing(points: points, factor: role * (area > 0 ? 1 : -1)))
            }
        }
        return result
    }

    /// Pieces of the shape in the cells of size `cell` (grid aligned on multiples of `cell`),
    /// columns x0…x1 and rows y0…y1; pieces of area at most `minimumArea` are dropped.
    public static func pieces(of shape: Shape, cell: Double, columns: ClosedRange<Int>, rows: ClosedRange<Int>,
                              minimumArea: Double = 1e-6) -> [Piece] {
        // Local origin at the grid corner keeps the products small (Lambert-93 values are ~1e6 m).
        let origin = XY(Double(columns.lowerBound) * cell, Double(rows.lowerBound) * cell)
        let all = rings(of: shape, origin: origin)
        var pieces: [Piece] = []
        for row in rows {
            let low = Double(row - rows.lowerBound) * cell, high = low + cell
            let strip = all.compactMap { ring -> LocalRing? in
                guard ring.maxY > low, ring.minY < high else { return nil }
                let clipped = PlanarRing.clip(ring.points, alongX: false, low: low, high: high)
                return clipped.count >= 3 ? LocalRing(points: clipped, factor: ring.factor) : nil
            }
            guard !strip.isEmpty else { continue }
            for column in columns {
                let left = Double(column - columns.lowerBound) * cell, right = left + cell
                var area = 0.0, mx = 0.0, my = 0.0
                for ring in strip where ring.maxX > left && ring.minX < right {
                    let clipped = PlanarRing.clip(ring.points, alongX: true, low: left, high: right)
                    guard clipped.count >= 3 else { continue }
                    let m = PlanarRing.moments(clipped)
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
