import Foundation

/// The shared real data (`../shared/geodata` beside the project, or `MAILLAGE_SHARED_GEODATA`).
enum SharedData {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILLAGE_SHARED_GEODATA"] { return URL(fileURLWithPath: path) }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/geodata")
    }()
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: folder.appendingPathComponent("communes").path) }
    static func path(_ relative: String) -> String { folder.appendingPathComponent(relative).path }
    static func oracle(_ relative: String) -> URL { packageRoot.appendingPathComponent("oracle").appendingPathComponent(relative) }
}
