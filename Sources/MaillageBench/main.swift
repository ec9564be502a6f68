// Release benchmarks of the library targets, one per subcommand; each checks its own answers and
// exits non-zero if a check fails. Run through scripts/bench-*.sh, which add wall time and peak
// memory and run a peer where one exists. Timings never go into tests.
//
//   maillage-bench geometry|geoio|roads|siting|access [--option value ...]
//
// Real data comes from ../shared/geodata beside the repository, or $MAILLAGE_SHARED_GEODATA.
import Foundation

let benchmarks: [String: (BenchOptions) throws -> Int32] = [
    "geometry": GeometryBench.run,
    "geoio": GeoIOBench.run,
    "roads": RoadsBench.run,
    "siting": SitingBench.run,
    "access": AccessBench.run,
]

let arguments = CommandLine.arguments.dropFirst()
guard let name = arguments.first, let benchmark = benchmarks[name] else {
    FileHandle.standardError.write(Data("usage: maillage-bench \(benchmarks.keys.sorted().joined(separator: "|")) [--option value ...]\n".utf8))
    exit(2)
}
do {
    exit(try benchmark(try BenchOptions(arguments.dropFirst())))
} catch {
    fail("\(name): \(error)")
}
