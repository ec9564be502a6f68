// Benchmark of the RoadNetwork module (release build): run through scripts/bench-roads.sh.
// Every measured step checks its answer; timings go to stdout as a table, never into tests.
import Foundation
import RoadNetwork

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// Peak resident memory of this process so far, MiB (getrusage ru_maxrss is in KiB on Linux).
func peakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// CPU time of the process (user + system), seconds: less disturbed than wall time when other
/// jobs share the machine.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

nonisolated(unsafe) var lastCPU = 0.0

/// Runs `body`; returns its value and wall seconds, and keeps its CPU seconds in `lastCPU`.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now(), cpu = cpuSeconds()
    let value = try body()
    lastCPU = cpuSeconds() - cpu
    return (value, now() - start)
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func report(_ name: String, _ seconds: Double, _ extra: String = "") {
    let padded = name.count < 48 ? name + String(repeating: " ", count: 48 - name.count) : name
    print(padded + String(format: " %8.3f s wall %8.3f s cpu  peak %6.0f MiB  ", seconds, lastCPU, peakMiB()) + extra)
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench check FAILED: \(message)\n".utf8))
    exit(1)
}

var arguments = CommandLine.arguments.dropFirst()
var options: [String: String] = [:]
while let key = arguments.popFirst() {
    guard key.hasPrefix("--") else { fail("unexpected argument \(key)") }
    options[String(key.dropFirst(2))] = arguments.popFirst() ?? ""
}
let repeats = Int(options["repeats"] ?? "5") ?? 5

// MARK: Corsica
if let pbf = options["corsica-pbf"], let fixturePath = options["fixture"] {
    print("== Corsica (\(pbf))")
    let size = Double((try FileManager.default.attributesOfItem(atPath: pbf)[.size] as? Int) ?? 0)
    var readTimes: [Double] = [], readCPU: [Double] = []
    var stats = OSMPBFStatistics()
    for _ in 0..<repeats {
        let (s, t) = try timed { try OSMPBFReader(path: pbf).statistics() }
        stats = s
        readTimes.append(t); readCPU.append(lastCPU)
    }
    let read = median(readTimes)
    lastCPU = median(readCPU)
    guard stats.nodes == 31_333, stats.ways == 17_333 else { fail("Corsica counts \(stats.nodes) nodes, \(stats.ways) ways") }
    report("PBF read (all entities, median of \(repeats))", read,
           String(format: "%.1f MB/s, %.2f M nodes/s, %.2f M entities/s", size / read / 1e6, Double(stats.nodes) / read / 1e6,
                  Double(stats.nodes + stats.ways) / read / 1e6))

    let fixture = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixturePath))) as! [String: Any]
    let projection = EquirectangularProjection(originLon: 9, originLat: 42)
    func points(_ rows: [[String: Any]]) -> [PlanarPoint] {
        let p = projection.project(rows.map { $0["lon"] as! Double }, rows.map { $0["lat"] as! Double })
        return zip(p.xs, p.ys).map { PlanarPoint(x: $0, y: $1) }
    }
    let lieux = points(fixture["lieux"] as! [[String: Any]])
    let communes = fixture["communes"] as! [[String: Any]]
    let origins = points(communes)

    let (ways, loadTime) = try timed { try RoadWaySet.load(pbfPath: pbf) }
    report("road ways from PBF (2 passes)", loadTime, "\(ways.wayCount) drivable ways, \(ways.nodeCount) nodes")
    let ((graph, graphReport), buildTime) = try timed { try RoadGraph.build(ways: ways, project: projection.closure) }
    report("graph build (project + CSR)", buildTime, "\(graphReport.nodes) nodes, \(graphReport.edges) edges")
    let (model, modelTime) = try timed { try RoadAccessModel(graph: graph, lieux: lieux, origins: origins) }
    report("snap + component filter + reverse", modelTime, "\(lieux.count) lieux, \(origins.count) communes")

    var searchTimes: [Double] = [], searchCPU: [Double] = []
    var result = MultiSourceResult(seconds: [], label: [])
    for _ in 0..<repeats {
        let (r, t) = timed { model.reversedGraph.multiSourceShortestTimes(from: model.lieuSources) }
        result = r
        searchTimes.append(t); searchCPU.append(lastCPU)
    }
    lastCPU = median(searchCPU)
    let violations = model.reversedGraph.shortestPathViolations(of: result, sources: model.lieuSources)
    let nearest = model.nearestLieu()
    var worst = 0.0
    for (i, row) in communes.enumerated() { worst = max(worst, abs(nearest[i].totalSeconds - (row["seconds"] as! Double))) }
    guard violations == 0, worst <= 1 else { fail("Corsica search: \(violations) violations, max diff \(worst) s") }
    report("multi-source search (median of \(repeats))", median(searchTimes),
           String(format: "certified; max |Δ| vs networkx oracle %.4f s", worst))

    let thresholds: [Double] = [600, 1200, 1800]
    let (counts, countTime) = timed { model.lieuCountsWithin(thresholdsSeconds: thresholds) }
    for (i, row) in communes.enumerated() where counts[i].map(Int.init) != row["countsWithin"] as! [Int] {
        fail("Corsica counts differ for \(row["code"]!)")
    }
    report("all-lieux reach: counts ≤10/20/30 min (2 thr)", countTime, "\(lieux.count) bounded searches, equal to oracle")
    let (segments, isoTime) = timed { model.isochroneSegments(lieux: Array(0..<lieux.count), limitsSeconds: thresholds) }
    let segmentCount = segments.reduce(0) { $0 + $1.reduce(0) { $0 + $1.count } }
    report("all-lieux reach: isochrone segments 10/20/30 (2 thr)", isoTime, "\(segmentCount) segments")
}

// MARK: Synthetic
if let sizeText = options["synthetic-size"], let side = Int(sizeText), side > 1 {
    // Node orders: row-major (ideal locality), random (worst case), random then Hilbert-reordered
    // as RoadGraph.build does for real data.
    let variants = options["no-shuffled"] != nil ? ["row-major"] : ["row-major", "shuffled", "shuffled, then Hilbert order"]
    for variant in variants {
        print("== Synthetic grid \(side)×\(side), node order: \(variant)")
        let (generated, genTime) = timed { SyntheticRoadGraph.grid(columns: side, rows: side, seed: 1, shuffleNodes: variant != "row-major") }
        report("generate", genTime, "\(generated.nodeCount) nodes, \(generated.edgeCount) edges")
        var graph = generated
        if variant.hasSuffix("Hilbert order") {
            let (reordered, reorderTime) = timed { generated.spatiallyReordered().graph }
            report("Hilbert reorder", reorderTime)
            graph = reordered
        }
        let (reversed, revTime) = timed { graph.reversed() }
        report("reverse graph", revTime)
        var rng = SeededGenerator(seed: 99)
        let lieuCount = Int(options["lieux"] ?? "1000") ?? 1000
        let sources = (0..<lieuCount).map {
            SearchSource(node: Int32(rng.next() % UInt64(graph.nodeCount)), initialSeconds: Double(rng.next() % 120), label: Int32($0))
        }
        var times: [Double] = [], cpus: [Double] = []
        var result = MultiSourceResult(seconds: [], label: [])
        for _ in 0..<repeats {
            let (r, t) = timed { reversed.multiSourceShortestTimes(from: sources) }
            result = r
            times.append(t); cpus.append(lastCPU)
        }
        lastCPU = median(cpus)
        let violations = reversed.shortestPathViolations(of: result, sources: sources)
        guard violations == 0 else { fail("synthetic multi-source: \(violations) violations") }
        let reached = result.seconds.filter { $0 < .infinity }.count
        lastCPU = median(cpus)
        report("multi-source search, \(lieuCount) sources (median)", median(times),
               String(format: "certified; %d nodes reached; %.1f M edges/s", reached, Double(graph.edgeCount) / median(times) / 1e6))
        let workspace = DijkstraWorkspace(graph: reversed)
        var reuse: [Double] = [], reuseCPU: [Double] = []
        for _ in 0..<repeats {
            let (_, t) = timed { workspace.run(sources: sources) }
            reuse.append(t); reuseCPU.append(lastCPU)
        }
        lastCPU = median(reuseCPU)
        report("  same, search only (workspace reused)", median(reuse))
        let (_, singleTime) = timed { workspace.run(sources: [sources[0]]) }
        report("single-source full search (workspace reused)", singleTime)

        // All-lieux reach: counts of lieux within 10/20/30 min for origins, one bounded search per lieu.
        let origins = (0..<20_000).map { _ in
            PlanarPoint(x: Double(rng.next() % UInt64(side * 200)), y: Double(rng.next() % UInt64(side * 200)))
        }
        let reachLieux = Int(options["reach-lieux"] ?? "200") ?? 200
        let lieuPoints = sources.prefix(reachLieux).map { PlanarPoint(x: graph.nodeXs[Int($0.node)], y: graph.nodeYs[Int($0.node)]) }
        let (model, modelTime) = try timed { try RoadAccessModel(graph: graph, lieux: Array(lieuPoints), origins: origins) }
        report("model: snap + component filter + reverse", modelTime, "\(model.componentReport.nodesDropped) nodes dropped")
        let (counts, countTime) = timed { model.lieuCountsWithin(thresholdsSeconds: [600, 1200, 1800]) }
        let mean30 = Double(counts.reduce(0) { $0 + Int($1[2]) }) / Double(counts.count)
        report("all-lieux reach: \(reachLieux) lieux, counts 10/20/30", countTime, String(format: "mean %.2f lieux ≤ 30 min", mean30))
        let (iso, isoTime) = timed { model.isochroneSegments(lieux: Array(0..<20), limitsSeconds: [600, 1200, 1800]) }
        report("isochrone segments, 20 lieux × 10/20/30 (2 thr)", isoTime, "\(iso.reduce(0) { $0 + $1[2].count }) segments at 30 min")
    }
}
print(String(format: "peak resident memory of the whole run: %.0f MiB", peakMiB()))
