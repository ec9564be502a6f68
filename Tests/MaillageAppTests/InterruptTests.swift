import Foundation
@testable import MaillageApp
import Testing
import TestSupport

/// The `maillage` program built with the tests (beside the test bundle), or MAILLAGE_BINARY.
private let maillageBinary: URL? = {
    if let path = ProcessInfo.processInfo.environment["MAILLAGE_BINARY"] { return URL(fileURLWithPath: path) }
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = folder.appendingPathComponent("maillage")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder = folder.deletingLastPathComponent()
    }
    return nil
}()

/// Runs the real program with a test pause in its write phase, interrupts it there with a signal,
/// and checks that the output folder holds either the whole previous set or the whole new set,
/// and no temporary entry.
@Suite(.temporaryFolders, .serialized) struct InterruptTests {
    enum Phase: String { case stage, rename }

    struct Scenario: Sendable, CustomTestStringConvertible {
        let phase: Phase
        let index: Int
        let signal: Int32
        /// What the folder must hold once the program has ended.
        let expectsNewSet: Bool
        var testDescription: String { "\(signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "SIGHUP") before \(phase.rawValue) \(index)" }
    }

    static let scenarios: [Scenario] = [
        Scenario(phase: .stage, index: 1, signal: SIGINT, expectsNewSet: false),
        Scenario(phase: .stage, index: 4, signal: SIGTERM, expectsNewSet: false),
        Scenario(phase: .stage, index: 8, signal: SIGINT, expectsNewSet: false),
        Scenario(phase: .rename, index: 1, signal: SIGTERM, expectsNewSet: true),
        Scenario(phase: .rename, index: 5, signal: SIGINT, expectsNewSet: true),
        Scenario(phase: .rename, index: 8, signal: SIGHUP, expectsNewSet: true),
    ]

    static let demoInputs = ["--communes", demo("communes.geojson"), "--population", demo("population.csv"), "--lieux", demo("lieux.csv"), "--quiet"]

    /// A finished run at 5 km, then the interrupted run at 5 and 10 km (other bytes).
    @Test(arguments: scenarios)
    func interruptedWrite(_ scenario: Scenario) throws {
        let binary = try #require(maillageBinary, "the maillage program is not built beside the tests: build it, or set MAILLAGE_BINARY")
        let work = try temporaryFolder()
        let out = work.appendingPathComponent("out"), fresh = work.appendingPathComponent("fresh")
        try runToEnd(binary, ["analyse"] + Self.demoInputs + ["--within", "5", "--out", out.path])
        try runToEnd(binary, ["analyse"] + Self.demoInputs + ["--within", "5,10", "--out", fresh.path])
        try Data("the user's own file\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
        let previous = try folderSnapshot(out)
        var new = try folderSnapshot(fresh)
        new["notes.txt"] = previous["notes.txt"]
        #expect(previous != new)

        let status = try runInterrupted(binary, ["analyse"] + Self.demoInputs + ["--within", "5,10", "--out", out.path],
                                        pause: scenario.phase, at: scenario.index, signal: scenario.signal)
        #expect(status == (reason: .uncaughtSignal, code: scenario.signal), "ended by the signal")
        let after = try folderSnapshot(out)
        #expect(try temporaryEntries(in: out).isEmpty, "no temporary entry left")
        if scenario.expectsNewSet {
            #expect(after == new, "the whole new set")
        } else {
            #expect(after == previous, "the whole previous set")
        }
    }

    /// SIGKILL cannot be caught: killed during the commit, the folder keeps the journal, and the next
    /// run completes the switch before anything else.
    @Test func killedDuringCommitIsCompletedByTheNextRun() throws {
        let binary = try #require(maillageBinary, "the maillage program is not built beside the tests: build it, or set MAILLAGE_BINARY")
        let work = try temporaryFolder()
        let out = work.appendingPathComponent("out"), fresh = work.appendingPathComponent("fresh")
        try runToEnd(binary, ["analyse"] + Self.demoInputs + ["--within", "5", "--out", out.path])
        try runToEnd(binary, ["analyse"] + Self.demoInputs + ["--within", "5,10", "--out", fresh.path])
        let status = try runInterrupted(binary, ["analyse"] + Self.demoInputs + ["--within", "5,10", "--out", out.path],
                                        pause: .rename, at: 4, signal: SIGKILL)
        #expect(status.code == SIGKILL)
        #expect(try temporaryEntries(in: out).count == 1, "the staging folder and its journal remain")
        // The next run settles the folder first; it is stopped before it stages anything of its own.
        _ = try runInterrupted(binary, ["analyse"] + Self.demoInputs + ["--within", "20", "--out", out.path],
                               pause: .stage, at: 1, signal: SIGTERM)
        #expect(try folderSnapshot(out) == folderSnapshot(fresh), "the killed run's whole new set")
        #expect(try temporaryEntries(in: out).isEmpty)
    }

    private func runToEnd(_ binary: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "maillage \(arguments.joined(separator: " ")) failed")
    }

    /// Starts the program with the test pause, waits for its pause line, sends the signal, and returns how it ended.
    private func runInterrupted(_ binary: URL, _ arguments: [String], pause phase: Phase, at index: Int,
                                signal: Int32) throws -> (reason: Process.TerminationReason, code: Int32) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment[phase == .stage ? "MAILLAGE_TEST_PAUSE_BEFORE_STAGE" : "MAILLAGE_TEST_PAUSE_BEFORE_RENAME"] = String(index)
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var seen = Data()
        let marker = Data("maillage: test pause before \(phase.rawValue) \(index)".utf8)
        while seen.range(of: marker) == nil {
            let chunk = errors.fileHandleForReading.availableData
            if chunk.isEmpty { break }   // the program ended without pausing
            seen.append(chunk)
        }
        #expect(seen.range(of: marker) != nil, "the program paused: \(String(decoding: seen, as: UTF8.self))")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationReason, process.terminationStatus)
    }
}
