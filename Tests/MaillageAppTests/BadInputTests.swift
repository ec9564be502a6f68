import ArgumentParser
import Foundation
@testable import MaillageApp
import Testing
import TestSupport

/// One case of the bad-input corpus (BadInputs/manifest.json).
struct BadInputCase: Decodable, Sendable, CustomTestStringConvertible {
    enum Expectation: String, Decodable, Sendable { case failure, completes }
    let name: String
    let args: [String]
    let expect: Expectation
    let message: [String]
    let setup: [String]?
    let note: String?
    let knownIssue: String?

    var testDescription: String { name }
    /// Whether the case reads the shared real data (`{shared}`), and is skipped without it.
    var needsSharedData: Bool { args.contains { $0.contains("{shared}") } }

    static let folder = SharedData.tests("MaillageAppTests/BadInputs")

    static let all: [BadInputCase] = {
        struct Manifest: Decodable { let cases: [BadInputCase] }
        do {
            return try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: folder.appendingPathComponent("manifest.json"))).cases
        } catch {
            fatalError("BadInputs/manifest.json cannot be read: \(error)")
        }
    }()
}

/// The files of an output folder (hidden ones and folders included, one level down), with their bytes.
func folderSnapshot(_ folder: URL) throws -> [String: Data] {
    var snapshot: [String: Data] = [:]
    let manager = FileManager.default
    for name in try manager.contentsOfDirectory(atPath: folder.path) {
        let url = folder.appendingPathComponent(name)
        var isDirectory: ObjCBool = false
        _ = manager.fileExists(atPath: url.path, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            snapshot[name + "/"] = Data()
            for inner in try manager.contentsOfDirectory(atPath: url.path) {
                snapshot[name + "/" + inner] = (try? Data(contentsOf: url.appendingPathComponent(inner))) ?? Data()
            }
        } else {
            snapshot[name] = (try? Data(contentsOf: url)) ?? Data()
        }
    }
    return snapshot
}

/// Names of maillage's temporary entries (staging folders, temporary files).
func temporaryEntries(in folder: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { OutputFolder.ownerProcess(ofTemporaryEntry: $0) != nil }
}

/// A previous run's outputs (the demo at 5 km), made once and copied into each case's output folder.
private let previousRun: Result<URL, any Error> = Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("maillage-bad-inputs-previous-\(getpid())")
    if !FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path) {
        try maillage(["analyse", "--communes", demo("communes.geojson"), "--population", demo("population.csv"),
                      "--lieux", demo("lieux.csv"), "--within", "5", "--quiet", "--out", folder.path])
    }
    return folder
}

@Suite(.temporaryFolders) struct BadInputTests {
    @Test("bad input", arguments: BadInputCase.all.filter { !$0.needsSharedData })
    func badInput(_ testCase: BadInputCase) throws {
        if let knownIssue = testCase.knownIssue {
            withKnownIssue(Comment(rawValue: knownIssue)) { try run(testCase) }
        } else {
            try run(testCase)
        }
    }

    @Test("bad input on the shared real data", .needsSharedData, arguments: BadInputCase.all.filter(\.needsSharedData))
    func badInputOnSharedData(_ testCase: BadInputCase) throws {
        try run(testCase)
    }

    @Test func corpusIsLargeEnough() {
        #expect(BadInputCase.all.count >= 30)
        #expect(Set(BadInputCase.all.map(\.name)).count == BadInputCase.all.count, "case names are unique")
    }

    private func run(_ testCase: BadInputCase) throws {
        let work = try temporaryFolder()
        let out = work.appendingPathComponent("out")
        try FileManager.default.copyItem(at: try previousRun.get(), to: out)
        let places = ["{demo}": SharedData.demo("").path, "{files}": BadInputCase.folder.appendingPathComponent("files").path,
                      "{repo}": SharedData.repository.path, "{work}": work.path, "{out}": out.path,
                      "{shared}": SharedData.folder.path]
        func expand(_ text: String) -> String {
            places.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
                .replacingOccurrences(of: "//", with: "/")
        }
        for step in testCase.setup ?? [] { try perform(step.split(separator: " ").map { expand(String($0)) }) }
        let arguments = testCase.args.flatMap { argument -> [String] in
            argument == "{demo-inputs}"
                ? ["--communes", demo("communes.geojson"), "--population", demo("population.csv"), "--lieux", demo("lieux.csv"), "--quiet"]
                : [expand(argument)]
        }
        let before = try folderSnapshot(out)

        var thrown: (any Error)?
        do { try maillage(arguments) } catch { thrown = error }

        switch testCase.expect {
        case .failure:
            let error = try #require(thrown, "\(testCase.name) should fail")
            #expect(Maillage.exitCode(for: error) != .success)
            let message = Maillage.message(for: error)
            #expect(!message.contains("\n"), "one line: \(message)")
            #expect(!message.contains("Domain="), "no raw Foundation error: \(message)")
            for fragment in testCase.message {
                #expect(message.contains(expand(fragment)), "\(testCase.name): «\(fragment)» missing from: \(message)")
            }
            let after = try folderSnapshot(out)
            #expect(after.keys.sorted() == before.keys.sorted(), "\(testCase.name): the output folder's files changed")
            #expect(after == before, "\(testCase.name): the output folder's bytes changed")
        case .completes:
            #expect(thrown == nil, "\(testCase.name): \(thrown.map { Maillage.message(for: $0) } ?? "")")
            #expect(try temporaryEntries(in: out).isEmpty, "\(testCase.name): temporary entries left")
        }
        if FileManager.default.fileExists(atPath: out.path) {
            let left = try temporaryEntries(in: out).filter { !before.keys.contains($0) && !before.keys.contains($0 + "/") }
            #expect(left.isEmpty, "\(testCase.name): new temporary entries left: \(left)")
        }
    }

    private func perform(_ step: [String]) throws {
        let manager = FileManager.default
        switch (step.first, step.count) {
        case ("file", 2): try Data("x\n".utf8).write(to: URL(fileURLWithPath: step[1]))
        case ("mkdir", 2): try manager.createDirectory(atPath: step[1], withIntermediateDirectories: true)
        case ("rm", 2): try manager.removeItem(atPath: step[1])
        case ("copy", 3): try manager.copyItem(atPath: step[1], toPath: step[2])
        case ("symlink", 3): try manager.createSymbolicLink(atPath: step[2], withDestinationPath: step[1])
        case ("fifo", 2): try #require(mkfifo(step[1], 0o644) == 0, "mkfifo \(step[1])")
        case ("sparse", 3):
            let descriptor = open(step[1], O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            try #require(descriptor >= 0)
            defer { close(descriptor) }
            try #require(ftruncate(descriptor, off_t(Int(step[2])!) << 30) == 0, "sparse file \(step[1])")
        default: Issue.record("unknown setup step \(step)")
        }
    }
}
