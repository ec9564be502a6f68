import Foundation
import GeoIO
import TestSupport

/// GeoIO: reads every commune file, encodes them back as RFC 7946 GeoJSON, reads the two CSV files.
/// Checks the feature and row counts.
///   maillage-bench geoio [--geodata FOLDER] [--repetitions N]
enum GeoIOBench {
    static func run(_ options: BenchOptions) throws -> Int32 {
        let geodata = options.string("geodata").map { URL(fileURLWithPath: $0, isDirectory: true) } ?? SharedData.folder
        let repetitions = max(1, options.int("repetitions", default: 3))
        let communes = geodata.appendingPathComponent("communes")

        let files = try FileManager.default.contentsOfDirectory(atPath: communes.path)
            .filter { $0.hasSuffix(".geojson") }.sorted()
            .map { communes.appendingPathComponent($0) }
        let totalBytes = try files.reduce(0) { $0 + (try $1.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0) }
        let megabytes = Double(totalBytes) / 1_000_000

        var collections: [FeatureCollection] = []
        var readTimes: [Double] = []
        for _ in 0..<repetitions {
            collections = []
            readTimes.append(try wallSeconds {
                for file in files { collections.append(try GeoJSONReader.read(contentsOf: file)) }
            })
        }
        let featureCount = collections.reduce(0) { $0 + $1.features.count }
        guard featureCount == 35_357 else { fail("expected 35357 communes, read \(featureCount)") }
        let bestRead = readTimes.min()!
        print(String(format: "read   %d files, %.1f MB, %d features: best %.3f s of %d (%.0f MB/s)",
                     files.count, megabytes, featureCount, bestRead, repetitions, megabytes / bestRead))

        let writer = GeoJSONWriter()
        var writtenBytes = 0
        let writeTime = wallSeconds {
            for collection in collections {
                writtenBytes += writer.encode(collection.features, foreignMembers: collection.foreignMembers).count
            }
        }
        print(String(format: "encode %d features to %.1f MB: %.3f s (%.0f MB/s)",
                     featureCount, Double(writtenBytes) / 1e6, writeTime, Double(writtenBytes) / 1e6 / writeTime))

        var rowCount = 0
        let csvTime = try wallSeconds {
            rowCount += try CSVTable.read(contentsOf: geodata.appendingPathComponent("population/donnees_communes_pop2019.csv")).rows.count
            rowCount += try CSVTable.read(contentsOf: geodata.appendingPathComponent("lieux/france_services_2024.csv")).rows.count
        }
        guard rowCount == 34_990 + 2_845 else { fail("expected 37835 CSV rows, read \(rowCount)") }
        print(String(format: "csv    pop2019 + france_services_2024, %d rows: %.3f s", rowCount, csvTime))
        print(String(format: "peak memory (max RSS): %.0f MB", peakMiB()))
        return 0
    }
}
