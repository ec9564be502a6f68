import Foundation
import Testing
import RoadNetwork
import TestSupport

@Suite("PBF errors: truncated and corrupt files")
struct PBFErrorTests {
    static func monacoBytes() throws -> [UInt8] {
        [UInt8](try Data(contentsOf: SharedData.url("roads/monaco_2019.osm.pbf")))
    }

    /// Block boundaries of a PBF byte array, parsed here independently of the reader:
    /// [4-byte big-endian header length][BlobHeader][Blob], datasize = field 3 of the BlobHeader.
    static func blockOffsets(_ bytes: [UInt8]) -> [Int] {
        var offsets: [Int] = []
        var offset = 0
        while offset + 4 <= bytes.count {
            offsets.append(offset)
            let headerLength = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            var i = offset + 4, dataSize = 0
            while i < offset + 4 + headerLength {
                let key = bytes[i]; i += 1
                if key == 0x0A { i += Int(bytes[i]) + 1 } // type string (short)
                else if key == 0x18 { // datasize varint
                    var shift = 0
                    while true { let b = bytes[i]; i += 1; dataSize |= Int(b & 0x7F) << shift; shift += 7; if b < 0x80 { break } }
                } else { break }
            }
            offset += 4 + headerLength + dataSize
        }
        return offsets
    }

    @Test(.needsSharedData)
    func truncatedFileNamesBlockAndOffset() throws {
        let bytes = try Self.monacoBytes()
        let blocks = Self.blockOffsets(bytes)
        #expect(blocks.count == 9) // 1 OSMHeader + 8 OSMData blocks in this file
        // Cut in the middle of block 7's blob.
        let cut = (blocks[7] + blocks[8]) / 2
        let reader = OSMPBFReader(bytes: Array(bytes[..<cut]), name: "monaco-cut.osm.pbf")
        #expect(throws: RoadNetworkError.self) { try reader.statistics() }
        do {
            _ = try reader.statistics()
        } catch let RoadNetworkError.pbf(file, block, offset, message) {
            #expect(file == "monaco-cut.osm.pbf" && block == 7 && offset == blocks[7])
            #expect(message.contains("truncated"))
            let text = RoadNetworkError.pbf(file: file, blockIndex: block, byteOffset: offset, message: message).description
            #expect(text.contains("block 7 at byte offset \(blocks[7])"))
        }
        // Cut inside a block-length prefix and inside a BlobHeader.
        for (cutAt, block) in [(blocks[3] + 2, 3), (blocks[5] + 6, 5)] {
            #expect(throws: RoadNetworkError.pbf(file: "m", blockIndex: block, byteOffset: blocks[block],
                                                 message: cutAt == blocks[3] + 2
                                                     ? "truncated file: 2 byte(s) where a 4-byte block header length was expected"
                                                     : "truncated file: BlobHeader needs \(Int(bytes[blocks[5] + 3])) bytes, only 2 left")) {
                try OSMPBFReader(bytes: Array(bytes[..<cutAt]), name: "m").statistics()
            }
        }
    }

    @Test(.needsSharedData)
    func everyCutFailsCleanly() throws {
        let bytes = try Self.monacoBytes()
        let full = try OSMPBFReader(bytes: bytes).statistics()
        var cuts = Array(stride(from: 1, to: bytes.count, by: 4999))
        cuts += Self.blockOffsets(bytes).dropFirst().map { $0 } // cuts exactly between blocks are valid shorter files
        for cut in cuts {
            do {
                let partial = try OSMPBFReader(bytes: Array(bytes[..<cut])).statistics()
                #expect(Self.blockOffsets(bytes).contains(cut), "cut at \(cut) read without error")
                #expect(partial.nodes + partial.ways + partial.relations < full.nodes + full.ways + full.relations)
            } catch is RoadNetworkError {
                // expected
            }
        }
    }

    @Test(.needsSharedData)
    func corruptBytesNeverCrash() throws {
        let bytes = try Self.monacoBytes()
        let blocks = Self.blockOffsets(bytes)
        // A flipped byte inside compressed data: zlib's checksum catches it.
        var corrupt = bytes
        let position = (blocks[4] + blocks[5]) / 2
        corrupt[position] ^= 0xFF
        #expect {
            try OSMPBFReader(bytes: corrupt, name: "c").statistics()
        } throws: { error in
            guard case let RoadNetworkError.pbf(_, block, offset, message) = error else { return false }
            return block == 4 && offset == blocks[4] && message.contains("inflate")
        }
        // Many random single-byte corruptions (seeded): each either reads or throws our error.
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<60 {
            var copy = bytes
            let i = Int(rng.next() % UInt64(copy.count))
            copy[i] = UInt8(truncatingIfNeeded: rng.next())
            do { _ = try OSMPBFReader(bytes: copy).statistics() } catch is RoadNetworkError {}
        }
        // Not a PBF at all.
        #expect(throws: RoadNetworkError.self) { try OSMPBFReader(bytes: Array("{\"type\":\"FeatureCollection\"}".utf8)).statistics() }
        #expect(throws: RoadNetworkError.pbf(file: "e", blockIndex: 0, byteOffset: 0, message: "empty file")) {
            try OSMPBFReader(bytes: [], name: "e").statistics()
        }
    }

    @Test func missingFile() {
        #expect(throws: RoadNetworkError.self) { try OSMPBFReader(path: "/nonexistent/x.osm.pbf").statistics() }
    }
}

