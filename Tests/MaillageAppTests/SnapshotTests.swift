import Foundation
import Testing
import TestSupport

/// Golden files: `maillage analyse` on the demo territory with its default inputs (geodata/, paths
/// relative to the package root), compared byte for byte with the files in Snapshots/.
/// Re-record with MAILLAGE_RECORD_SNAPSHOTS=1.
@Suite(.temporaryFolders) struct SnapshotTests {
    @Test func demoOutputsMatchSnapshots() throws {
        try #require(FileManager.default.fileExists(atPath: "geodata/communes.geojson"),
                     "the demo's default inputs are relative paths: run the tests from the package root")
        let out = try temporaryFolder()
        try maillage(["analyse", "--quiet", "--out", out.path])
        for file in ["summary.json", "communes.csv"] {
            try Snapshots.expectMatch(try Data(contentsOf: out.appendingPathComponent(file)), named: file)
        }
    }
}
