import Foundation
import Testing
import GeoIO
import GeoCore
import TestSupport

@Suite("Atomic file", .temporaryFolders)
struct AtomicFileTests {
    func contents(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func writesThenReplaces() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("out.geojson")
        try AtomicFile.write(Array("first".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "first")
        try AtomicFile.write(Data("second, longer".utf8), to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "second, longer")
        try AtomicFile.write([UInt8](), to: file)
        #expect(try Data(contentsOf: file).isEmpty)
        #expect(try contents(folder) == ["out.geojson"])
    }

    @Test func failedReplaceLeavesOldTargetAndNoTemporaryFile() throws {
        let folder = try temporaryFolder()
        // A non-empty folder cannot be replaced by a file: the rename fails.
        let target = folder.appendingPathComponent("result")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        try Data("keep".utf8).write(to: target.appendingPathComponent("inside.txt"))
        let error = geoIOError { try AtomicFile.write(Array("new".utf8), to: target) }
        guard case .writeFailed(let path, _)? = error else {
            Issue.record("expected writeFailed, got \(String(describing: error))")
            return
        }
        #expect(path == target.path)
        #expect(try contents(folder) == ["result"])
        #expect(try String(contentsOf: target.appendingPathComponent("inside.txt"), encoding: .utf8) == "keep")
    }

    @Test func missingFolderIsReported() {
        let error = geoIOError { try AtomicFile.write(Array("x".utf8), to: URL(fileURLWithPath: "/nonexistent-geoio/out.csv")) }
        #expect(error?.description.hasPrefix("cannot write /nonexistent-geoio/out.csv: cannot create a temporary file in /nonexistent-geoio") == true)
    }

    @Test func writerWritesThroughAtomicFile() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("points.geojson")
        let features = [Feature(id: 1, properties: ["code": "01053"], geometry: .point(XY(x: 5.2, y: 46.2)))]
        try GeoJSONWriter().write(features, to: file)
        let reread = try GeoJSONReader.read(contentsOf: file)
        #expect(reread.features == features)
    }
}
