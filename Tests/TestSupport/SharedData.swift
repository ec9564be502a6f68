import Foundation
import Testing

/// Where tests and benchmarks find their data: the repository's own `oracle/`, `geodata/` (the demo)
/// and `Tests/` folders, and the shared real data, `../shared/geodata` beside the repository or
/// `$MAILLAGE_SHARED_GEODATA`. Tests that need the shared data carry the `.needsSharedData` trait,
/// so they are skipped, with that reason, when it is absent.
public enum SharedData {
    /// The package root, found from this file (symlinks resolved).
    public static let repository = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent()   // TestSupport
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()

    /// The shared real-data folder.
    public static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILLAGE_SHARED_GEODATA"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return repository.deletingLastPathComponent().appendingPathComponent("shared/geodata", isDirectory: true)
    }()

    /// Whether the shared real data is present (it is not part of a fresh clone).
    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("communes").path)
    }

    /// A file or folder of the shared real data.
    public static func url(_ relative: String) -> URL { folder.appendingPathComponent(relative) }
    public static func path(_ relative: String) -> String { url(relative).path }

    /// A file of the repository's `oracle/` folder (independent reference values and their scripts).
    public static func oracle(_ relative: String) -> URL { repository.appendingPathComponent("oracle/\(relative)") }

    /// A file of the repository's `geodata/` folder (the demo territory).
    public static func demo(_ relative: String) -> URL { repository.appendingPathComponent("geodata/\(relative)") }

    /// A file of the repository's `Tests/` folder, e.g. `"RoadNetworkTests/Fixtures/pbf_counts.json"`.
    public static func tests(_ relative: String) -> URL { repository.appendingPathComponent("Tests/\(relative)") }
}

extension Trait where Self == ConditionTrait {
    /// Runs a test or suite only when the shared real data is present; otherwise it is reported as
    /// skipped with the reason.
    public static var needsSharedData: Self {
        .enabled(if: SharedData.isAvailable, "needs ../shared/geodata (absent)")
    }
}
