import Foundation
import Testing
import VectorSource

/// Runs a command found on PATH; returns its exit status and its standard output and error together.
@discardableResult
func runCommand(_ arguments: [String], environment: [String: String] = [:]) -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return (-1, "\(error)") }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// GDAL's command-line tools (Debian package gdal-bin), used to write small test files.
enum GDALTools {
    static let available: Bool = runCommand(["ogr2ogr", "--version"]).status == 0

    /// Converts `source` to `destination` with ogr2ogr; `arguments` come before the file names.
    static func ogr2ogr(_ arguments: [String], _ destination: URL, _ source: URL) throws {
        let result = runCommand(["ogr2ogr"] + arguments + [destination.path, source.path])
        try #require(result.status == 0, "ogr2ogr failed: \(result.output)")
    }
}

/// The VectorSourceError thrown by `body`, or nil (recorded as a test issue) when it succeeds.
func vectorSourceError<T>(_ body: () throws(VectorSourceError) -> T) -> VectorSourceError? {
    do {
        _ = try body()
        Issue.record("expected a VectorSourceError")
        return nil
    } catch {
        return error
    }
}
