import Foundation
import Testing

/// Golden files: output bytes compared with a committed snapshot in the `Snapshots/` folder beside
/// the calling test file. Snapshots are re-recorded only on request: with
/// `MAILLAGE_RECORD_SNAPSHOTS=1` the snapshot is written and an issue says so, so a recording run
/// never passes silently.
public enum Snapshots {
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["MAILLAGE_RECORD_SNAPSHOTS"] == "1" }

    public static func url(_ name: String, filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("Snapshots/\(name)")
    }

    /// Checks that `actual` equals the snapshot `name` byte for byte; on a mismatch the issue names
    /// the first differing line.
    public static func expectMatch(_ actual: Data, named name: String, filePath: String = #filePath,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let snapshot = url(name, filePath: filePath)
        if isRecording {
            try FileManager.default.createDirectory(at: snapshot.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: snapshot, options: .atomic)
            Issue.record("recorded snapshot \(name) (\(actual.count) bytes); rerun without MAILLAGE_RECORD_SNAPSHOTS to check it",
                         sourceLocation: sourceLocation)
            return
        }
        guard let expected = FileManager.default.contents(atPath: snapshot.path) else {
            Issue.record("no snapshot \(snapshot.path): record it with MAILLAGE_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record("\(name) differs from its snapshot: \(firstDifference(expected, actual))", sourceLocation: sourceLocation)
        }
    }

    /// "line N: expected … / actual …" for the first line that differs (lines split at "\n").
    static func firstDifference(_ expected: Data, _ actual: Data) -> String {
        let old = expected.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let new = actual.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
        func text(_ lines: [Data]) -> String {
            line < lines.count ? "\"\(String(decoding: lines[line], as: UTF8.self))\"" : "(end of file)"
        }
        return "line \(line + 1): snapshot \(text(old)), now \(text(new))"
    }
}
