import Foundation
import Testing
import VectorSource

/// The package root, found from this file (symbolic links resolved).
let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent()  // VectorSourceTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

/// The shared open data folder (`<package root>/../shared/geodata`, or `$MAILLAGE_SHARED_GEODATA`).
enum SharedData {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["MAILLAGE_SHARED_GEODATA"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/geodata", isDirectory: true)
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("communes").path)
    }

    static func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }
}

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

/// A new empty temporary folder.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vectorsource-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
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
