import Foundation
import RoadNetwork

/// Seeded synthetic road graphs for benchmarks and scale tests.
public enum SyntheticRoadGraph {
    /// A jittered grid road network of `columns` × `rows` nodes about `spacingMetres` apart, each
    /// node linked to its east and north neighbours. Per segment (seeded, reproducible): a road
    /// class speed drawn from 30/50/70/90/110 km/h (more slow roads than fast), 3 % of segments
    /// missing, 5 % one-way in a random direction. Lengths are Euclidean; times = length / speed.
    /// About 3.9 × columns × rows directed edges: 1650 × 1650 gives about 10.3 million.
    ///
    /// Node numbering is row-major (neighbours close in memory, like a graph renumbered along a
    /// space-filling order) unless `shuffleNodes`, which numbers nodes at random (the worst case for
    /// memory locality). Node lon/lat are the x/y inverted through an equirectangular projection
    /// about (2° E, 46° N).
    public static func grid(columns: Int, rows: Int, spacingMetres: Double = 200, seed: UInt64 = 1,
                            shuffleNodes: Bool = false) -> RoadGraph {
        var rng = SeededGenerator(seed: seed)
        let n = columns * rows
        var order = Array(0..<Int32(n))
        if shuffleNodes {
            // Its own generator, so the roads are the same with and without shuffling.
            var shuffleRng = SeededGenerator(seed: seed ^ 0x5EED)
            order.shuffle(using: &shuffleRng)
        }
        var xs = [Double](repeating: 0, count: n), ys = xs
        for r in 0..<rows {
            for c in 0..<columns {
                let id = Int(order[r * columns + c])
                xs[id] = Double(c) * spacingMetres + Double.random(in: -0.3...0.3, using: &rng) * spacingMetres
                ys[id] = Double(r) * spacingMetres + Double.random(in: -0.3...0.3, using: &rng) * spacingMetres
            }
        }
        let speeds: [Double] = [30, 30, 50, 50, 50, 70, 70, 90, 110]
        var sources: [Int32] = [], targets: [Int32] = [], seconds: [Float] = [], metres: [Float] = []
        let expected = 4 * n
        sources.reserveCapacity(expected); targets.reserveCapacity(expected)
        seconds.reserveCapacity(expected); metres.reserveCapacity(expected)
        for r in 0..<rows {
            for c in 0..<columns {
                let a = order[r * columns + c]
                for (dc, dr) in [(1, 0), (0, 1)] where c + dc < columns && r + dr < rows {
                    if rng.next() % 100 < 3 { continue }
                    let b = order[(r + dr) * columns + c + dc]
                    let length = hypot(xs[Int(b)] - xs[Int(a)], ys[Int(b)] - ys[Int(a)])
                    let time = Float(length / (speeds[Int(rng.next() % UInt64(speeds.count))] / 3.6))
                    let oneway = rng.next() % 100 < 5
                    let forward = rng.next() % 2 == 0
                    if !oneway || forward { sources.append(a); targets.append(b); seconds.append(time); metres.append(Float(length)) }
                    if !oneway || !forward { sources.append(b); targets.append(a); seconds.append(time); metres.append(Float(length)) }
                }
            }
        }
        let projection = EquirectangularProjection(originLon: 2, originLat: 46)
        let k = Double.pi / 180, radius = EquirectangularProjection.earthRadiusMetres
        let lons = xs.map { projection.originLon + $0 / (radius * k * cos(projection.originLat * k)) }
        let lats = ys.map { projection.originLat + $0 / (radius * k) }
        return RoadGraph(nodeLons: lons, nodeLats: lats, nodeXs: xs, nodeYs: ys, nodeIds: (0..<Int64(n)).map { $0 },
                         edgeSources: sources, edgeTargets: targets, edgeSeconds: seconds, edgeMetres: metres)
    }
}
