import Foundation
import GeoCore
import GeosGeometry
import PopulationGrid
import Projection

/// The population units of one territory, projected to its CRS, grouped by commune.
struct TerritoryUnits: Sendable {
    /// Piece indices (into `PopulationUnits.pieces`), commune by commune in territory order.
    let pieces: [Int]
    /// Range in `pieces` of each commune of the territory (by position).
    let ranges: [Range<Int>]
    /// Cell centres in the territory's CRS.
    let points: [XY]
    let populations: [Double]

    init(units: PopulationUnits, territory: ProjectedTerritory) throws {
        var collected: [Int] = [], ranges: [Range<Int>] = []
        for global in territory.communeIndices {
            let start = collected.count
            collected += units.allocation.communes[global].pieces
            ranges.append(start..<collected.count)
        }
        let pieces = collected
        let all = units.pieces
        let chunk = 32_768
        let starts = Array(stride(from: 0, to: pieces.count, by: chunk))
        let crs = territory.crs
        let projected: [Result<[XY], any Error>] = ParallelMap.map(starts) { start in
            Result {
                var points = pieces[start..<min(start + chunk, pieces.count)].map { all[$0].centre }
                try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(&points) }
                return points
            }
        }
        self.pieces = pieces
        self.ranges = ranges
        points = try projected.flatMap { try $0.get() }
        populations = pieces.map { all[$0].population }
    }
}

/// Nearest lieu and distance or time of each unit of a territory, with the populations each lieu
/// reaches within the main threshold (catchment) and is nearest to (service area).
struct TerritoryUnitMeasure: Sendable {
    /// Position of the nearest lieu in the territory's lieu list, -1 when none is reachable.
    var nearestLieu: [Int32]
    /// Metres or seconds; infinity when no lieu is reachable.
    var measure: [Double]
    /// Per lieu position of the territory.
    var catchmentPopulation: [Double]
    var servicePopulation: [Double]

    /// Straight-line distance in the territory's CRS (threshold inclusive, as the communes').
    static func byDistance(_ units: TerritoryUnits, lieuPoints: [XY], radius: Double) -> TerritoryUnitMeasure {
        let buckets = LieuBuckets(points: lieuPoints, cellSize: LieuBuckets.cellSize(for: lieuPoints, radius: radius))
        // Chunks of a fixed size, added up in order: the sums do not depend on the number of threads.
        let chunk = 16_384
        let starts = Array(stride(from: 0, to: units.points.count, by: chunk))
        let parts = ParallelMap.map(starts) { start -> (nearest: [Int32], measure: [Double], catchment: [Double]) in
            let end = min(start + chunk, units.points.count)
            var nearest: [Int32] = [], measure: [Double] = []
            nearest.reserveCapacity(end - start); measure.reserveCapacity(end - start)
            var catchment = [Double](repeating: 0, count: lieuPoints.count)
            for unit in start..<end {
                let p = units.points[unit]
                let found = buckets.nearest(to: p)
                nearest.append(found.map { Int32($0.item) } ?? -1)
                measure.append(found?.distance ?? .infinity)
                guard let found, found.distance <= radius, units.populations[unit] > 0 else { continue }
                let people = units.populations[unit]
                buckets.forEach(within: radius, of: p) { lieu in catchment[lieu] += people }
            }
            return (nearest, measure, catchment)
        }
        var result = TerritoryUnitMeasure(nearestLieu: parts.flatMap(\.nearest), measure: parts.flatMap(\.measure),
                                          catchmentPopulation: [Double](repeating: 0, count: lieuPoints.count),
                                          servicePopulation: [])
        for part in parts { for lieu in part.catchment.indices { result.catchmentPopulation[lieu] += part.catchment[lieu] } }
        result.servicePopulation = result.services(units, lieuCount: lieuPoints.count)
        return result
    }

    /// Road travel time, from the times the road model found.
    static func byRoad(_ units: TerritoryUnits, times: RoadUnitTimes, lieuCount: Int) -> TerritoryUnitMeasure {
        var result = TerritoryUnitMeasure(nearestLieu: times.nearestLieu, measure: times.seconds,
                                          catchmentPopulation: [Double](repeating: 0, count: lieuCount), servicePopulation: [])
        for pair in times.unitLieuPairs { result.catchmentPopulation[Int(pair.lieu)] += units.populations[Int(pair.unit)] }
        result.servicePopulation = result.services(units, lieuCount: lieuCount)
        return result
    }

    private func services(_ units: TerritoryUnits, lieuCount: Int) -> [Double] {
        var service = [Double](repeating: 0, count: lieuCount)
        for (unit, lieu) in nearestLieu.enumerated() where lieu >= 0 { service[Int(lieu)] += units.populations[unit] }
        return service
    }
}

/// Points (the lieux of a territory) bucketed in a regular grid of square cells, for the nearest
/// point and the points within a radius of millions of query points. Distances are
/// `((x - px)² + (y - py)²).squareRoot()`, and ties go to the lowest index: the answers are those of
/// an exhaustive search (and of `SpatialIndex.nearest`).
struct LieuBuckets: Sendable {
    let points: [XY]
    let origin: XY
    let cellSize: Double
    let columns: Int, rows: Int
    /// Points of cell `row * columns + column` are `members[starts[cell] ..< starts[cell + 1]]`, ascending.
    let starts: [Int32]
    let members: [Int32]

    /// About two points per cell on average over the points' box, at least a tenth of the radius.
    static func cellSize(for points: [XY], radius: Double) -> Double {
        let box = Envelope(of: points)
        guard !box.isEmpty else { return 1 }
        let area = max((box.maxX - box.minX) * (box.maxY - box.minY), 1)
        var size = max((2 * area / Double(max(points.count, 1))).squareRoot(), radius.isFinite ? radius / 10 : 0, 1)
        // Points along a line: a box of no area would ask for too many cells.
        while ((box.maxX - box.minX) / size + 1) * ((box.maxY - box.minY) / size + 1) > Double(4 * points.count + 1_024) { size *= 2 }
        return size
    }

    init(points: [XY], cellSize: Double) {
        let box = Envelope(of: points)
        self.points = points
        self.cellSize = cellSize
        origin = box.isEmpty ? XY(0, 0) : XY(box.minX, box.minY)
        columns = box.isEmpty ? 1 : Int(((box.maxX - box.minX) / cellSize).rounded(.down)) + 1
        rows = box.isEmpty ? 1 : Int(((box.maxY - box.minY) / cellSize).rounded(.down)) + 1
        var counts = [Int32](repeating: 0, count: columns * rows + 1)
        var cellOf = [Int](repeating: 0, count: points.count)
        for (index, point) in points.enumerated() {
            let cell = Self.clamped(point.y, origin.y, cellSize, rows) * columns + Self.clamped(point.x, origin.x, cellSize, columns)
            cellOf[index] = cell
            counts[cell + 1] += 1
        }
        for cell in 0..<columns * rows { counts[cell + 1] += counts[cell] }
        var next = counts
        var members = [Int32](repeating: 0, count: points.count)
        for (index, cell) in cellOf.enumerated() {
            members[Int(next[cell])] = Int32(index)
            next[cell] += 1
        }
        starts = counts
        self.members = members
    }

    @inline(__always) private static func clamped(_ value: Double, _ origin: Double, _ size: Double, _ count: Int) -> Int {
        let index = ((value - origin) / size).rounded(.down)
        return index.isNaN ? 0 : Int(min(max(index, 0), Double(count - 1)))
    }

    @inline(__always) private func distance(_ lieu: Int, _ p: XY) -> Double {
        let dx = points[lieu].x - p.x, dy = points[lieu].y - p.y
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The nearest point to `p` and its distance (lowest index among equals); nil when there is none.
    func nearest(to p: XY) -> (item: Int, distance: Double)? {
        guard !points.isEmpty else { return nil }
        let column = Self.clamped(p.x, origin.x, cellSize, columns), row = Self.clamped(p.y, origin.y, cellSize, rows)
        var best = -1, bestDistance = Double.infinity
        // Rings of cells around p's cell (its nearest cell when p is outside the grid); ring k lies
        // at least `bound` away: its nearest existing column or row of cells.
        var k = 0
        while true {
            var bound = Double.infinity
            let left = column - k, right = column + k, bottom = row - k, top = row + k
            if k == 0 {
                bound = 0
            } else {
                if left >= 0 { bound = min(bound, p.x - (origin.x + Double(left + 1) * cellSize)) }
                if right < columns { bound = min(bound, origin.x + Double(right) * cellSize - p.x) }
                if bottom >= 0 { bound = min(bound, p.y - (origin.y + Double(bottom + 1) * cellSize)) }
                if top < rows { bound = min(bound, origin.y + Double(top) * cellSize - p.y) }
            }
            // No cell left, or all farther than the best found (a margin covers rounding at cell edges).
            guard bound.isFinite, best < 0 || bound - 1e-6 * cellSize <= bestDistance else { break }
            @inline(__always) func visit(_ cell: Int) {
                for position in Int(starts[cell])..<Int(starts[cell + 1]) {
                    let lieu = Int(members[position])
                    let d = distance(lieu, p)
                    if d < bestDistance || (d == bestDistance && lieu < best) { best = lieu; bestDistance = d }
                }
            }
            for r in max(bottom, 0)...min(top, rows - 1) {
                if r == bottom || r == top {
                    for c in max(left, 0)...min(right, columns - 1) { visit(r * columns + c) }
                } else {
                    // Inner rows of the ring: only its left and right cells.
                    if left >= 0 { visit(r * columns + left) }
                    if right < columns && right != left { visit(r * columns + right) }
                }
            }
            k += 1
        }
        return best < 0 ? nil : (best, bestDistance)
    }

    /// Calls `body` with every point within `radius` of `p` (bound inclusive), in no particular order.
    func forEach(within radius: Double, of p: XY, _ body: (Int) -> Void) {
        guard !points.isEmpty else { return }
        let firstColumn = Self.clamped(p.x - radius, origin.x, cellSize, columns)
        let lastColumn = Self.clamped(p.x + radius, origin.x, cellSize, columns)
        let firstRow = Self.clamped(p.y - radius, origin.y, cellSize, rows)
        let lastRow = Self.clamped(p.y + radius, origin.y, cellSize, rows)
        for r in firstRow...lastRow {
            for cell in (r * columns + firstColumn)...(r * columns + lastColumn) {
                for position in Int(starts[cell])..<Int(starts[cell + 1]) {
                    let lieu = Int(members[position])
                    if distance(lieu, p) <= radius { body(lieu) }
                }
            }
        }
    }
}

/// The units whose point lies in white-zone polygons (metric, the territory's CRS).
enum WhiteZoneUnits {
    /// The units that may lie outside every catchment at the main threshold, for straight-line
    /// distance: a unit nearer a lieu than `radius · cos(π / (4 · quadrantSegments))` (the inscribed
    /// circle of the lieu's disc polygon), less a metre, lies inside that disc and so in no white zone;
    /// the others are tested against the white-zone polygons. (GEOS overlays are exact to far below a metre.)
    static func beyondInscribedDiscs(measure: [Double], radius: Double, quadrantSegments: Int) -> [Bool] {
        let inscribed = radius * cos(Double.pi / Double(4 * quadrantSegments)) - 1
        return measure.map { !($0 <= inscribed) }
    }

    /// People of the units of `position`'s commune whose point lies in `piece`; `candidates` (nil: all)
    /// are the units that may lie there.
    static func population(in piece: Geometry, position: Int, units: TerritoryUnits, candidates: [Bool]?) throws -> Double {
        let range = units.ranges[position]
        guard !range.isEmpty else { return 0 }
        let prepared = PreparedGeometry(piece)
        let box = piece.envelope
        var people = 0.0
        for unit in range where units.populations[unit] > 0 && candidates?[unit] != false && box.distance(to: units.points[unit]) == 0 {
            if try prepared.intersects(units.points[unit]) { people += units.populations[unit] }
        }
        return people
    }

    /// People of each polygon: the units of the communes at `positions` whose point lies in it
    /// (a point on a shared edge counts once, for the first polygon); `candidates` (nil: all) are the
    /// units that may lie in one.
    static func populations(in polygons: [Geometry], positions: [Int], units: TerritoryUnits, candidates: [Bool]?) throws -> [Double] {
        let index = SpatialIndex(envelopes: polygons.map(\.envelope))
        let populated = positions.flatMap { Array(units.ranges[$0]) }.filter { units.populations[$0] > 0 }
        // Sums by chunks of the populated units, whether candidates or not: each polygon's sum is made
        // of the same partial sums whatever the candidates and the threads.
        let chunk = 8_192
        let starts = Array(stride(from: 0, to: populated.count, by: chunk))
        // A few tasks of consecutive chunks, each preparing the polygons it meets once (prepared
        // geometries are not shareable across threads).
        let chunksPerTask = max(1, (starts.count + 15) / 16)
        let taskStarts = Array(stride(from: 0, to: starts.count, by: chunksPerTask))
        let tasks: [Result<[[Double]], any Error>] = ParallelMap.map(taskStarts) { first in
            Result {
                var prepared: [Int: PreparedGeometry] = [:]
                var sums: [[Double]] = []
                for start in starts[first..<min(first + chunksPerTask, starts.count)] {
                    var people = [Double](repeating: 0, count: polygons.count)
                    for unit in populated[start..<min(start + chunk, populated.count)] where candidates?[unit] != false {
                        let point = units.points[unit]
                        for polygon in index.query(Envelope(point: point)).sorted() {
                            let geometry = prepared[polygon] ?? PreparedGeometry(polygons[polygon])
                            prepared[polygon] = geometry
                            if try geometry.intersects(point) { people[polygon] += units.populations[unit]; break }
                        }
                    }
                    sums.append(people)
                }
                return sums
            }
        }
        let parts: [Result<[Double], any Error>] = tasks.flatMap { task -> [Result<[Double], any Error>] in
            switch task {
            case .success(let sums): sums.map { .success($0) }
            case .failure(let error): [.failure(error)]
            }
        }
        var people = [Double](repeating: 0, count: polygons.count)
        for part in parts { for (polygon, value) in try part.get().enumerated() { people[polygon] += value } }
        return people
    }
}
