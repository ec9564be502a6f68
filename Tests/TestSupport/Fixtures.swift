import Foundation

/// Small committed fixtures: the `Fixtures/` folder beside the calling test file.
public enum Fixtures {
    public static func url(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    }

    public static func path(_ name: String, filePath: String = #filePath) -> String { url(name, filePath: filePath).path }
}
