import Foundation
import Testing
import GeoIO

/// The shared open data folder (`<package root>/../shared/geodata`, or `$MAILLAGE_SHARED_GEODATA`).
/// Tests that need it are disabled, visibly, when it is absent.
enum SharedData {
    static let root: URL = {
        if let override = ProcessInfo.processInfo.environment["MAILLAGE_SHARED_GEODATA"], !override.isEmpty {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // GeoIOTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/geodata", isDirectory: true)
    }()

    static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent("communes").path)
    }

    static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }
}

enum Fixtures {
    static func url(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }
}

/// Reads GeoJSON text given inline in a test.
func readGeoJSON(_ text: String, options: GeoJSONReadOptions = .init()) throws(GeoIOError) -> FeatureCollection {
    try GeoJSONReader.read(bytes: Array(text.utf8), source: "test.geojson", options: options)
}

/// The GeoIOError thrown by `body`, or nil if it succeeded. Another error type is a test failure.
func geoIOError<T>(_ body: () throws -> T) -> GeoIOError? {
    do {
        _ = try body()
        return nil
    } catch let error as GeoIOError {
        return error
    } catch {
        Issue.record("expected a GeoIOError, got \(error)")
        return nil
    }
}
