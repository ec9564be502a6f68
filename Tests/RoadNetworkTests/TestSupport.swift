import Foundation
import RoadNetwork

/// Paths for the road-network tests: small fixtures beside the tests, real data in ../shared/geodata.
enum TestPaths {
    /// Symlinks resolved, so a sandbox package whose test folder links here finds the same files.
    static let testsDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let projectRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/geodata` beside the project, or `$MAILLAGE_SHARED_GEODATA`.
    static let geodata: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILLAGE_SHARED_GEODATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared/geodata")
    }()

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A file under ../shared/geodata, or nil (with a visible note) when the folder is absent.
    static func geodataFile(_ relative: String) -> String? {
        let path = geodata.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("note: skipping, \(relative) not found under \(geodata.path) (../shared/geodata is absent in a fresh clone)")
        return nil
    }

    static var hasGeodata: Bool { FileManager.default.fileExists(atPath: geodata.path) }
}

func readJSON(_ path: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
}
