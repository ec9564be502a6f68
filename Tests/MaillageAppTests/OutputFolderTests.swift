import Foundation
import GeoIO
@testable import MaillageApp
import Testing
import TestSupport

@Suite(.temporaryFolders) struct OutputFolderTests {
    @Test func writesOnlyItsFilesAndLeavesNoTemporaryEntry() throws {
        let out = try temporaryFolder()
        try Data("mine\n".utf8).write(to: out.appendingPathComponent("notes.txt"))
        try OutputFolder.write([("a.csv", Array("1\n".utf8)), ("b.json", Array("{}\n".utf8))], to: out)
        try OutputFolder.write([("a.csv", Array("2\n".utf8))], to: out)
        #expect(try folderSnapshot(out) == ["notes.txt": Data("mine\n".utf8), "a.csv": Data("2\n".utf8), "b.json": Data("{}\n".utf8)])
    }

    @Test func journalOfADeadRunIsRolledForwardAndStagingWithoutItDeleted() throws {
        let out = try temporaryFolder()
        try OutputFolder.write([("a.csv", Array("old a\n".utf8)), ("b.csv", Array("old b\n".utf8))], to: out)
        // A run killed after its first rename: a.csv is new, b.csv still staged, the journal lists both.
        let committing = out.appendingPathComponent(".maillage-staging-2000000000-1")
        try FileManager.default.createDirectory(at: committing, withIntermediateDirectories: false)
        try Data("new b\n".utf8).write(to: committing.appendingPathComponent("b.csv"))
        try Data("a.csv\nb.csv\n".utf8).write(to: committing.appendingPathComponent(".commit"))
        try Data("new a\n".utf8).write(to: out.appendingPathComponent("a.csv"))
        // A run killed while staging: no journal, nothing of it may appear.
        let staging = out.appendingPathComponent(".maillage-staging-2000000001-1")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
        try Data("half\n".utf8).write(to: staging.appendingPathComponent("a.csv"))
        try Data("stale\n".utf8).write(to: out.appendingPathComponent(".a.csv.maillage-2000000002.tmp"))

        try OutputFolder.settleStaleEntries(in: out)
        #expect(try folderSnapshot(out) == ["a.csv": Data("new a\n".utf8), "b.csv": Data("new b\n".utf8)])
    }

    @Test func entriesOfRunningProcessesAreKept() throws {
        let out = try temporaryFolder()
        let mine = out.appendingPathComponent(".maillage-staging-\(getpid())-99")
        try FileManager.default.createDirectory(at: mine, withIntermediateDirectories: false)
        try OutputFolder.settleStaleEntries(in: out)
        #expect(FileManager.default.fileExists(atPath: mine.path))
    }

    @Test("temporary entry names", arguments: [
        (".maillage-staging-123-4", Int32(123)), (".communes.geojson.maillage-77.tmp", 77), (".summary.json.tmp-88-4294967295", 88),
        ("notes.txt", nil), (".maillage-staging-x-1", nil), (".hidden", nil), (".a.tmp-12", nil),
    ] as [(String, Int32?)])
    func temporaryEntryNames(_ name: String, _ pid: Int32?) {
        #expect(OutputFolder.ownerProcess(ofTemporaryEntry: name) == pid)
    }

    @Test func realPathResolvesLinksDotsAndMissingTails() throws {
        let folder = try temporaryFolder()
        let link = folder.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder)
        let real = OutputFolder.realPath(of: folder.path)
        #expect(OutputFolder.realPath(of: link.path) == real)
        #expect(OutputFolder.realPath(of: link.path + "/./missing/../x") == real + "/x")
    }

    @Test func negativeNumbersAreAttachedToTheirOption() {
        #expect(attachingNegativeNumbers(["analyse", "--within", "-5", "--quiet", "--out", "o"]) == ["analyse", "--within=-5", "--quiet", "--out", "o"])
        #expect(attachingNegativeNumbers(["--within", "-.5,10", "-q"]) == ["--within=-.5,10", "-q"])
        #expect(attachingNegativeNumbers(["--out", "-dir"]) == ["--out", "-dir"])
        #expect(attachingNegativeNumbers(["--", "--within", "-5"]) == ["--", "--within", "-5"])
    }
}

@Suite struct FrenchNumberTests {
    @Test("integers", arguments: [
        (0.0, "0"), (1234567.4, "1 234 567"), (-1234.5, "-1 235"), (999_999_999_999_999, "999 999 999 999 999"), (1e15, "1,00e15"),
        (1e23, "1,00e23"), (Double(Int64.max), "9,22e18"), (-1e300, "-1,00e300"),
        (.infinity, "∞"), (-.infinity, "-∞"), (.nan, "—"),
    ] as [(Double, String)])
    func integers(_ value: Double, _ text: String) {
        #expect(FrenchNumbers.integer(value) == text)
    }

    @Test func decimalsAndPercents() {
        #expect(FrenchNumbers.decimal(4.567, places: 2) == "4,57")
        #expect(FrenchNumbers.decimal(-0.25, places: 1) == "-0,3" || FrenchNumbers.decimal(-0.25, places: 1) == "-0,2")
        #expect(FrenchNumbers.decimal(1e308, places: 1) == "1,00e308")
        #expect(FrenchNumbers.decimal(.nan, places: 1) == "—")
        #expect(FrenchNumbers.percent(0.123) == "12,3 %")
        #expect(FrenchNumbers.percent(.nan) == "—")
        #expect(FrenchNumbers.percent(.infinity) == "∞ %")
    }

    @Test func tablesPadShortRows() {
        let table = TextTable(header: ["a", "b"], rows: [["1"], ["22", "3", "extra"]], rightAligned: [1])
        #expect(table.render() == "a   b\n──  ─\n1    \n22  3")
    }
}
