import Foundation
import GeoCore
import RoadNetwork
import TestSupport

/// RoadNetwork: Corsica (the shared OSM extract and the networkx oracle fixture): PBF read rate,
/// road loading, graph build, snapping and component filter, multi-source search, all-lieux reach;
/// then a seeded synthetic grid (SyntheticRoadGraph, default 1650 × 1650 ≈ 10.3 M directed edges) in
/// row-major, shuffled and Hilbert-reordered node order. Every measured step checks its answer.
///   maillage-bench roads [--synthetic-size N (0: none)] [--repeats R] [--lieux L] [--reach-lieux K]
///                        [--no-shuffled] [--corsica-pbf FILE] [--fixture FILE]
enum RoadsBench {
    static func run(_ options: BenchOptions) throws -> Int32 {
        let clock = StepClock()
        let repeats = options.int("repeats", default: 5)

        // MARK: Corsica
        let pbf = options.string("corsica-pbf") ?? SharedData.path("roads/corse_roads.osm.pbf")
        let fixturePath = options.string("fixture") ?? SharedData.tests("RoadNetworkTests/Fixtures/corsica_nearest_lieu.json").path
        if !FileManager.default.fileExists(atPath: pbf) {
            print("note: \(pbf) absent, Corsica part skipped")
        } else {
            print("== Corsica (\(pbf))")
            let size = Double((try FileManager.default.attributesOfItem(atPath: pbf)[.size] as? Int) ?? 0)
            var readTimes: [Double] = [], readCPU: [Double] = []
            var stats = OSMPBFStatistics()
            for _ in 0..<repeats {
                let (s, t) = try clock.timed { try OSMPBFReader(path: pbf).statistics() }
                stats = s
                readTimes.append(t); readCPU.append(clock.lastCPU)
            }
            let read = Self.median(readTimes)
            clock.lastCPU = Self.median(readCPU)
            guard stats.nodes == 31_333, stats.ways == 17_333 else { fail("Corsica counts \(stats.nodes) nodes, \(stats.ways) ways") }
            clock.report("PBF read (all entities, median of \(repeats))", read,
                   String(format: "%.1f MB/s, %.2f M nodes/s, %.2f M entities/s", size / read / 1e6, Double(stats.nodes) / read / 1e6,
                          Double(stats.nodes + stats.ways) / read / 1e6))

            let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixturePath))) as! [String: Any]
            let projection = EquirectangularProjection(originLon: 9, originLat: 42)
            func points(_ rows: [[String: Any]]) -> [XY] {
                let p = projection.project(rows.map { $0["lon"] as! Double }, rows.map { $0["lat"] as! Double })
                return zip(p.xs, p.ys).map { XY(x: $0, y: $1) }
            }
            let lieux = points(fixture["lieux"] as! [[String: Any]])
            let communes = fixture["communes"] as! [[String: Any]]
            let origins = points(communes)

            let (ways, loadTime) = try clock.timed { try RoadWaySet.load(pbfPath: pbf) }
            clock.report("road ways from PBF (2 passes)", loadTime, "\(ways.wayCount) drivable ways, \(ways.nodeCount) nodes")
            let ((graph, graphReport), buildTime) = try clock.timed { try RoadGraph.build(ways: ways, project: projection.closure) }
            clock.report("graph build (project + CSR)", buildTime, "\(graphReport.nodes) nodes, \(graphReport.edges) edges")
            let (model, modelTime) = try clock.timed { try RoadAccessModel(graph: graph, lieux: lieux, origins: origins) }
            clock.report("snap + component filter + reverse", modelTime, "\(lieux.count) lieux, \(origins.count) communes")

            var searchTimes: [Double] = [], searchCPU: [Double] = []
            var result = MultiSourceResult(seconds: [], label: [])
            for _ in 0..<repeats {
                let (r, t) = clock.timed { model.reversedGraph.multiSourceShortestTimes(from: model.lieuSources) }
                result = r
                searchTimes.append(t); searchCPU.append(clock.lastCPU)
            }
            clock.lastCPU = Self.median(searchCPU)
            let violations = model.reversedGraph.shortestPathViolations(of: result, sources: model.lieuSources)
            let nearest = model.nearestLieu()
            var worst = 0.0
            for (i, row) in communes.enumerated() { worst = max(worst, abs(nearest[i].totalSeconds - (row["seconds"] as! Double))) }
            guard violations == 0, worst <= 1 else { fail("Corsica search: \(violations) violations, max diff \(worst) s") }
            clock.report("multi-source search (median of \(repeats))", Self.median(searchTimes),
                   String(format: "certified; max |Δ| vs networkx oracle %.4f s", worst))

            let thresholds: [Double] = [600, 1200, 1800]
            let (counts, countTime) = clock.timed { model.lieuCountsWithin(thresholdsSeconds: thresholds) }
            for (i, row) in communes.enumerated() where counts[i].map(Int.init) != row["countsWithin"] as! [Int] {
                fail("Corsica counts differ for \(row["code"]!)")
            }
            clock.report("all-lieux reach: counts ≤10/20/30 min (2 thr)", countTime, "\(lieux.count) bounded searches, equal to oracle")
            let (segments, isoTime) = clock.timed { model.isochroneSegments(lieux: Array(0..<lieux.count), limitsSeconds: thresholds) }
            let segmentCount = segments.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
            clock.report("all-lieux reach: isochrone segments 10/20/30 (2 thr)", isoTime, "\(segmentCount) segments")
        }

        // MARK: Synthetic
        let side = options.int("synthetic-size", default: 1650)
        if side > 1 {
            // Node orders: row-major (ideal locality), random (worst case), random then Hilbert-reordered
            // as RoadGraph.build does for real data.
            let variants = options.has("no-shuffled") ? ["row-major"] : ["row-major", "shuffled", "shuffled, then Hilbert order"]
            for variant in variants {
                print("== Synthetic grid \(side)×\(side), node order: \(variant)")
                let (generated, genTime) = clock.timed { SyntheticRoadGraph.grid(columns: side, rows: side, seed: 1, shuffleNodes: variant != "row-major") }
                clock.report("generate", genTime, "\(generated.nodeCount) nodes, \(generated.edgeCount) edges")
                var graph = generated
                if variant.hasSuffix("Hilbert order") {
                    let (reordered, reorderTime) = clock.timed { generated.spatiallyReordered().graph }
                    clock.report("Hilbert reorder", reorderTime)
                    graph = reordered
                }
                let (reversed, revTime) = clock.timed { graph.reversed() }
                clock.report("reverse graph", revTime)
                var rng = SeededGenerator(seed: 99)
                let lieuCount = options.int("lieux", default: 1000)
                let sources = (0..<lieuCount).map {
                    SearchSource(node: Int32(rng.next() % UInt64(graph.nodeCount)), initialSeconds: Double(rng.next() % 120), label: Int32($0))
                }
                var times: [Double] = [], cpus: [Double] = []
                var result = MultiSourceResult(seconds: [], label: [])
                for _ in 0..<repeats {
                    let (r, t) = clock.timed { reversed.multiSourceShortestTimes(from: sources) }
                    result = r
                    times.append(t); cpus.append(clock.lastCPU)
                }
                clock.lastCPU = Self.median(cpus)
                let violations = reversed.shortestPathViolations(of: result, sources: sources)
                guard violations == 0 else { fail("synthetic multi-source: \(violations) violations") }
                let reached = result.seconds.filter { $0 < .infinity }.count
                clock.lastCPU = Self.median(cpus)
                clock.report("multi-source search, \(lieuCount) sources (median)", Self.median(times),
                       String(format: "certified; %d nodes reached; %.1f M edges/s", reached, Double(graph.edgeCount) / Self.median(times) / 1e6))
                let workspace = DijkstraWorkspace(graph: reversed)
                var reuse: [Double] = [], reuseCPU: [Double] = []
                for _ in 0..<repeats {
                    let (_, t) = clock.timed { workspace.run(sources: sources) }
                    reuse.append(t); reuseCPU.append(clock.lastCPU)
                }
                clock.lastCPU = Self.median(reuseCPU)
                clock.report("  same, search only (workspace reused)", Self.median(reuse))
                let (_, singleTime) = clock.timed { workspace.run(sources: [sources[0]]) }
                clock.report("single-source full search (workspace reused)", singleTime)

                // All-lieux reach: counts of lieux within 10/20/30 min for origins, one bounded search per lieu.
                let origins = (0..<20_000).map { _ in
                    XY(x: Double(rng.next() % UInt64(side * 200)), y: Double(rng.next() % UInt64(side * 200)))
                }
                let reachLieux = options.int("reach-lieux", default: 200)
                let lieuPoints = sources.prefix(reachLieux).map { XY(x: graph.nodeXs[Int($0.node)], y: graph.nodeYs[Int($0.node)]) }
                let (model, modelTime) = try clock.timed { try RoadAccessModel(graph: graph, lieux: Array(lieuPoints), origins: origins) }
                clock.report("model: snap + component filter + reverse", modelTime, "\(model.componentReport.nodesDropped) nodes dropped")
                let (counts, countTime) = clock.timed { model.lieuCountsWithin(thresholdsSeconds: [600, 1200, 1800]) }
                let mean30 = Double(counts.reduce(0) { $0 + Int($1[2]) }) / Double(counts.count)
                clock.report("all-lieux reach: \(reachLieux) lieux, counts 10/20/30", countTime, String(format: "mean %.2f lieux ≤ 30 min", mean30))
                let (iso, isoTime) = clock.timed { model.isochroneSegments(lieux: Array(0..<20), limitsSeconds: [600, 1200, 1800]) }
                clock.report("isochrone segments, 20 lieux × 10/20/30 (2 thr)", isoTime, "\(iso.reduce(0) { $0 + $1[2].count }) segments at 30 min")
            }
        }
        print(String(format: "peak resident memory of the whole run: %.0f MiB", peakMiB()))
                return 0
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}

/// Wall and CPU time of each step, and one table line per step.
final class StepClock {
    /// CPU seconds of the last `timed` step (or a median the caller sets).
    var lastCPU = 0.0

    /// Runs `body`; returns its value and wall seconds, and keeps its CPU seconds in `lastCPU`.
    func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = ContinuousClock.now, cpu = cpuSeconds()
        let value = try body()
        lastCPU = cpuSeconds() - cpu
        return (value, seconds(ContinuousClock.now - start))
    }

    func report(_ name: String, _ seconds: Double, _ extra: String = "") {
        let padded = name.count < 48 ? name + String(repeating: " ", count: 48 - name.count) : name
        print(padded + String(format: " %8.3f s wall %8.3f s cpu  peak %6.0f MiB  ", seconds, lastCPU, peakMiB()) + extra)
    }
}
