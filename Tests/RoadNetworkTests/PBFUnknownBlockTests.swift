import Foundation
import RoadNetwork
import Testing
import TestSupport

/// A block whose type string is neither OSMHeader nor OSMData: counted by the statistics, refused by
/// every other reader (a corrupted type would silently drop the block's data).
@Suite struct PBFUnknownBlockTests {
    static func tinyRoads() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: SharedData.tests("RoadNetworkTests/Fixtures/tiny_roads.osm.pbf")))
    }

    /// The tiny file with its first "OSMData" type string changed to "OSMDat4", and the offset of that block.
    static func corrupted() throws -> (bytes: [UInt8], blockOffset: Int) {
        var bytes = try tinyRoads()
        let type = Array("OSMData".utf8)
        let at = try #require((0...(bytes.count - type.count)).first { Array(bytes[$0..<$0 + type.count]) == type })
        bytes[at + 6] = UInt8(ascii: "4")
        // The block starts at its 4-byte length, then the BlobHeader's key (0x0A) and length byte.
        return (bytes, at - 6)
    }

    @Test func statisticsCountUnknownBlocks() throws {
        let (bytes, offset) = try Self.corrupted()
        let clean = try OSMPBFReader(bytes: try Self.tinyRoads()).statistics()
        let stats = try OSMPBFReader(bytes: bytes).statistics()
        #expect(clean.unknownBlocks == 0 && clean.firstUnknownBlockOffset == nil)
        #expect(stats.unknownBlocks == 1)
        #expect(stats.firstUnknownBlockOffset == offset)
        #expect(stats.nodes < clean.nodes || stats.ways < clean.ways, "the block's entities are not counted")
    }

    @Test func otherReadersRefuseThem() throws {
        let (bytes, offset) = try Self.corrupted()
        struct Ways: OSMPBFVisitor { var count = 0; mutating func visitWay(id: Int64, refs: [Int64], tags: OSMTags) { count += 1 } }
        var visitor = Ways()
        #expect {
            try OSMPBFReader(bytes: bytes, name: "roads.osm.pbf").read(&visitor)
        } throws: { error in
            guard case .pbf(let file, _, let byteOffset, let message)? = error as? RoadNetworkError else { return false }
            return file == "roads.osm.pbf" && byteOffset == offset && message.contains("unknown type \"OSMDat4\"")
        }
    }
}
