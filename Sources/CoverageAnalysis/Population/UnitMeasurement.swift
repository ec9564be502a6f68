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
        let index = SpatialIndex(envelopes: lieuPoints.map(Envelope.init(point:)))
        let chunk = 16_384
        let starts = Array(stride(from: 0, to: units.points.count, by: chunk))
        let parts = ParallelMap.map(starts) { start -> (nearest: [Int32], measure: [Double], catchment: [Double]) in
            var nearest: [Int32] = [], measure: [Double] = []
            var catchment = [Double](repeating: 0, count: lieuPoints.count)
            for unit in start..<min(start + chunk, units.points.count) {
                let p = units.points[unit]
                @inline(__always) func distance(_ lieu: Int) -> Double {
                    let dx = lieuPoints[lieu].x - p.x, dy = lieuPoints[lieu].y - p.y
                    return (dx * dx + dy * dy).squareRoot()
                }
                let found = index.nearest(to: p, itemDistance: distance)
                nearest.append(found.map { Int32($0.item) } ?? -1)
                measure.append(found?.distance ?? .infinity)
                guard let found, found.distance <= radius, units.populations[unit] > 0 else { continue }
                index.query(Envelope(minX: p.x - radius, minY: p.y - radius, maxX: p.x + radius, maxY: p.y + radius)) { lieu in
                    if distance(lieu) <= radius { catchment[lieu] += units.populations[unit] }
                }
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

/// The units whose point lies in white-zone polygons (metric, the territory's CRS).
enum WhiteZoneUnits {
    /// People of the units of `position`'s commune whose point lies in `piece`.
    static func population(in piece: Geometry, position: Int, units: TerritoryUnits) throws -> Double {
        let range = units.ranges[position]
        guard !range.isEmpty else { return 0 }
        let prepared = PreparedGeometry(piece)
        let box = piece.envelope
        var people = 0.0
        for unit in range where units.populations[unit] > 0 && box.distance(to: units.points[unit]) == 0 {
            if try prepared.intersects(units.points[unit]) { people += units.populations[unit] }
        }
        return people
    }

    /// People of each polygon: the units of the communes at `positions` whose point lies in it
    /// (a point on a shared edge counts once, for the first polygon).
    static func populations(in polygons: [Geometry], positions: [Int], units: TerritoryUnits) throws -> [Double] {
        let index = SpatialIndex(envelopes: polygons.map(\.envelope))
        let candidates = positions.flatMap { Array(units.ranges[$0]) }.filter { units.populations[$0] > 0 }
        let chunk = 8_192
        let starts = Array(stride(from: 0, to: candidates.count, by: chunk))
        // Prepared geometries are not shareable across threads: each chunk prepares those it meets.
        let parts: [Result<[Double], any Error>] = ParallelMap.map(starts) { start in
            Result {
                var prepared: [Int: PreparedGeometry] = [:]
                var people = [Double](repeating: 0, count: polygons.count)
                for unit in candidates[start..<min(start + chunk, candidates.count)] {
                    let point = units.points[unit]
                    for polygon in index.query(Envelope(point: point)).sorted() {
                        let geometry = prepared[polygon] ?? PreparedGeometry(polygons[polygon])
                        prepared[polygon] = geometry
                        if try geometry.intersects(point) { people[polygon] += units.populations[unit]; break }
                    }
                }
                return people
            }
        }
        var people = [Double](repeating: 0, count: polygons.count)
        for part in parts { for (polygon, value) in try part.get().enumerated() { people[polygon] += value } }
        return people
    }
}
