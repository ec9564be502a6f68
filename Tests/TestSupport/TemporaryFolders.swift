import Foundation
import Testing

/// Temporary folders for tests: a test or suite with the `.temporaryFolders` trait gets a scratch
/// folder that is removed, with everything `temporaryFolder()` made in it, when the test ends.
public struct TemporaryFolders: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    @TaskLocal static var scratch: URL?

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        // A suite's own scope holds nothing: each of its tests gets its own folder.
        guard testCase != nil else { return try await function() }
        let scratch = try makeUniqueFolder(in: FileManager.default.temporaryDirectory, prefix: "maillage-tests-")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try await Self.$scratch.withValue(scratch) { try await function() }
    }
}

extension Trait where Self == TemporaryFolders {
    /// Gives each test a scratch folder for `temporaryFolder()`, removed when the test ends.
    public static var temporaryFolders: Self { TemporaryFolders() }
}

/// A new empty folder inside the current test's scratch folder (see `TemporaryFolders`), removed
/// with it when the test ends.
public func temporaryFolder() throws -> URL {
    guard let scratch = TemporaryFolders.scratch else {
        throw TemporaryFolderError.noScope
    }
    return try makeUniqueFolder(in: scratch, prefix: "")
}

/// A file named `name` holding `contents` in a new temporary folder.
public func temporaryFile(_ name: String, _ contents: String) throws -> URL {
    let url = try temporaryFolder().appendingPathComponent(name)
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url
}

public enum TemporaryFolderError: Error, CustomStringConvertible {
    case noScope
    public var description: String { "temporaryFolder() needs the .temporaryFolders trait on the test or its suite" }
}

private func makeUniqueFolder(in parent: URL, prefix: String) throws -> URL {
    let url = parent.appendingPathComponent(prefix + UUID().uuidString, isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
