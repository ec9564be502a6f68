import CoverageAnalysis
import Foundation
import GeoCore
import GeoIO
import GeosGeometry
import Projection
import TestSupport

/// The geometry layer on every commune of France: GeoJSON load, reprojection, GEOS build with
/// validity check and repair. Checks the commune count.
///   maillage-bench geometry [--communes FOLDER]
enum GeometryBench {
    static func run(_ options: BenchOptions) throws -> Int32 {
        let folder = options.string("communes") ?? SharedData.path("communes")

        // 1. GeoJSON load (all files, in parallel as `maillage analyse` does).
        var start = ContinuousClock.now
        let files = try CommuneLayer.files(in: [folder])
        let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1.path)[.size] as? Int) ?? 0) }
        let layer = try CommuneLayer.read(files, options: CommuneReadOptions())
        let loadSeconds = seconds(ContinuousClock.now - start)
        guard layer.communes.count == 35_357 else { fail("expected 35,357 communes, read \(layer.communes.count)") }

        // 2. Reprojection: every coordinate to its territory's CRS, one PROJ call per commune, in parallel.
        start = ContinuousClock.now
        let coordinateCounts = ParallelMap.mapIndices(layer.communes.count, chunk: 64) { index -> Int in
            let commune = layer.communes[index]
            let crs = TerritoryCRS.forDepartement(commune.departement) ?? .lambert93
            var coordinates = commune.lonLat.allCoordinates
            try! ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(&coordinates) }
            return coordinates.count
        }
        let projectSeconds = seconds(ContinuousClock.now - start)
        let coordinates = coordinateCounts.reduce(0, +)

        // 3. Build GEOS geometries, check validity, repair (Lambert-93 / overseas CRS), as ProjectedTerritory does.
        start = ContinuousClock.now
        let territories = try ProjectedTerritory.prepare(communes: layer.communes, lieux: [])
        let validitySeconds = seconds(ContinuousClock.now - start)
        let repaired = territories.reduce(0) { $0 + $1.repairs.count }

        func line(_ name: String, _ value: String) { print(name.padding(toLength: 44, withPad: " ", startingAt: 0) + value) }
        line("communes", "\(layer.communes.count) in \(files.count) files, \(String(format: "%.1f", Double(bytes) / 1e6)) MB")
        line("GeoJSON load (parallel)", String(format: "%.3f s, %.0f MB/s", loadSeconds, Double(bytes) / 1e6 / loadSeconds))
        line("reprojection (\(coordinates) coordinates)",
             String(format: "%.3f s, %.1f M coordinates/s", projectSeconds, Double(coordinates) / 1e6 / projectSeconds))
        line("project + GEOS build + validity + repair", String(format: "%.3f s, %d repaired", validitySeconds, repaired))
        return 0
    }
}
