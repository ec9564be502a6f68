// GeoIO benchmark: reads every commune file, writes them back as RFC 7946 GeoJSON, reads the CSVs.
// Built in release by scripts/bench-geoio.sh; checks its answers (feature and row counts).
import Foundation
import GeoIO

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func peakMemoryMB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1024  // Linux reports kilobytes
}

func check(_ condition: Bool, _ message: String) {
    if !condition {
        FileHandle.standardError.write(Data("bench check failed: \(message)\n".utf8))
        exit(1)
    }
}

let arguments = CommandLine.arguments
let geodata = URL(fileURLWithPath: arguments.count > 1 ? arguments[1] : "/work/shared/geodata", isDirectory: true)
let repetitions = arguments.count > 2 ? Int(arguments[2]) ?? 3 : 3
let communes = geodata.appendingPathComponent("communes")

do {
    let files = try FileManager.default.contentsOfDirectory(atPath: communes.path)
        .filter { $0.hasSuffix(".geojson") }.sorted()
        .map { communes.appendingPathComponent($0) }
    let totalBytes = try files.reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
    let megabytes = Double(totalBytes) / 1_000_000

    var collections: [FeatureCollection] = []
    var readTimes: [Double] = []
    for _ in 0..<repetitions {
        collections = []
        readTimes.append(try seconds {
            for file in files { collections.append(try GeoJSONReader.read(contentsOf: file)) }
        })
    }
    let featureCount = collections.reduce(0) { $0 + $1.features.count }
    check(featureCount == 35_357, "expected 35357 communes, read \(featureCount)")
    let bestRead = readTimes.min()!
    print(String(format: "read   %d files, %.1f MB, %d features: best %.3f s of %d (%.0f MB/s)",
                 files.count, megabytes, featureCount, bestRead, repetitions, megabytes / bestRead))

    let writer = GeoJSONWriter()
    var writtenBytes = 0
    let writeTime = seconds {
        for collection in collections {
            writtenBytes += writer.encode(collection.features, foreignMembers: collection.foreignMembers).count
        }
    }
    print(String(format: "encode %d features to %.1f MB: %.3f s (%.0f MB/s)",
                 featureCount, Double(writtenBytes) / 1e6, writeTime, Double(writtenBytes) / 1e6 / writeTime))

    var rowCount = 0
    let csvTime = try seconds {
        rowCount += try CSVTable.read(contentsOf: geodata.appendingPathComponent("population/donnees_communes_pop2019.csv")).rows.count
        rowCount += try CSVTable.read(contentsOf: geodata.appendingPathComponent("lieux/france_services_2024.csv")).rows.count
    }
    check(rowCount == 34_990 + 2_845, "expected 37835 CSV rows, read \(rowCount)")
    print(String(format: "csv    pop2019 + france_services_2024, %d rows: %.3f s", rowCount, csvTime))
    print(String(format: "peak memory (max RSS): %.0f MB", peakMemoryMB()))
} catch {
    FileHandle.standardError.write(Data("bench failed: \(error)\n".utf8))
    exit(1)
}
