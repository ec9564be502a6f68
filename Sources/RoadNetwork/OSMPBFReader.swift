// OpenStreetMap PBF reader: file blocks, zlib inflation, header and primitive blocks.
//
// Format (https://wiki.openstreetmap.org/wiki/PBF_Format): a sequence of
// [4-byte big-endian BlobHeader length][BlobHeader][Blob]. The BlobHeader names the block type
// (`OSMHeader` or `OSMData`) and the Blob size; the Blob holds the block raw or zlib-compressed.
// Data blocks (`PrimitiveBlock`) hold a string table and groups of plain nodes, dense nodes
// (delta-coded ids and coordinates, interleaved `keys_vals`), ways (delta-coded refs) and relations.
//
// The reader streams one block at a time (at most 64 KiB header + 32 MiB blob in memory) and calls
// a visitor; nothing else is kept, so memory is bounded whatever the file size.

internal import CZlib
import Dispatch
import GeoCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Public types

/// The kinds of OSM entity a visitor wants decoded.
public struct OSMEntityKinds: OptionSet, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let nodes = OSMEntityKinds(rawValue: 1)
    public static let ways = OSMEntityKinds(rawValue: 2)
    public static let relations = OSMEntityKinds(rawValue: 4)
    public static let all: OSMEntityKinds = [.nodes, .ways, .relations]
}

/// The tags of one entity, as indices into the block's string table. Valid only during the
/// visitor call that receives it (copy what you keep with `dictionary` or `value(forKey:)`).
public struct OSMTags: Sequence {
    let strings: [String]
    /// Interleaved key, value string-table indices.
    let pairs: [UInt32]

    public var count: Int { pairs.count / 2 }
    public var isEmpty: Bool { pairs.isEmpty }

    public func value(forKey key: String) -> String? {
        var i = 0
        while i + 1 < pairs.count {
            if strings[Int(pairs[i])] == key { return strings[Int(pairs[i + 1])] }
            i += 2
        }
        return nil
    }

    public var dictionary: [String: String] {
        var result: [String: String] = [:]
        for (k, v) in self { result[k] = v }
        return result
    }

    public func makeIterator() -> AnyIterator<(key: String, value: String)> {
        var i = 0
        let pairs = self.pairs, strings = self.strings
        return AnyIterator {
            guard i + 1 < pairs.count else { return nil }
            defer { i += 2 }
            return (strings[Int(pairs[i])], strings[Int(pairs[i + 1])])
        }
    }
}

/// Contents of the OSMHeader block.
public struct OSMHeader: Sendable, Equatable {
    /// Bounding box in degrees (left, bottom, right, top), when present.
    public var bbox: (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double)?
    public var requiredFeatures: [String] = []
    public var optionalFeatures: [String] = []
    public var writingProgram: String?
    /// True when the file declares `Sort.Type_then_ID` (all nodes, then ways, then relations).
    public var isSortedTypeThenID: Bool { optionalFeatures.contains("Sort.Type_then_ID") }

    public static func == (a: OSMHeader, b: OSMHeader) -> Bool {
        a.requiredFeatures == b.requiredFeatures && a.optionalFeatures == b.optionalFeatures
            && a.writingProgram == b.writingProgram && a.bbox.map { [$0.0, $0.1, $0.2, $0.3] } == b.bbox.map { [$0.0, $0.1, $0.2, $0.3] }
    }
}

/// Receives entities while a PBF file is read. All methods have empty default implementations.
public protocol OSMPBFVisitor {
    /// Which entity kinds to decode; groups of other kinds are skipped without decoding.
    var wantedKinds: OSMEntityKinds { get }
    /// Checked after each block: returning true stops the read early (e.g. after the nodes of a
    /// file sorted by type).
    var isDone: Bool { get }
    mutating func visitHeader(_ header: OSMHeader) throws
    mutating func visitNode(id: Int64, lon: Double, lat: Double, tags: OSMTags) throws
    /// `refs` are the node ids of the way, already delta-decoded.
    mutating func visitWay(id: Int64, refs: [Int64], tags: OSMTags) throws
    mutating func visitRelation(id: Int64, memberCount: Int, tags: OSMTags) throws
    /// True to be told of blocks of a type other than OSMHeader and OSMData (`visitUnknownBlock`);
    /// false (the default) makes such a block an error, since a corrupted type string would
    /// otherwise silently drop its data.
    var acceptsUnknownBlocks: Bool { get }
    mutating func visitUnknownBlock(type: String, byteOffset: Int) throws
}

extension OSMPBFVisitor {
    public var wantedKinds: OSMEntityKinds { .all }
    public var isDone: Bool { false }
    public mutating func visitHeader(_ header: OSMHeader) throws {}
    public mutating func visitNode(id: Int64, lon: Double, lat: Double, tags: OSMTags) throws {}
    public mutating func visitWay(id: Int64, refs: [Int64], tags: OSMTags) throws {}
    public mutating func visitRelation(id: Int64, memberCount: Int, tags: OSMTags) throws {}
    public var acceptsUnknownBlocks: Bool { false }
    public mutating func visitUnknownBlock(type: String, byteOffset: Int) throws {}
}

/// Progress callback: bytes of the file consumed so far, and the file size.
public typealias ReadProgress = @Sendable (_ bytesRead: Int, _ totalBytes: Int) -> Void

/// Entity and tag counts of a PBF file (the figures `osmium fileinfo -e` reports, plus tags).
public struct OSMPBFStatistics: Sendable, Equatable {
    public init() {}
    public var header = OSMHeader()
    public var nodes = 0
    public var ways = 0
    public var relations = 0
    public var nodeTags = 0
    public var wayTags = 0
    public var relationTags = 0
    public var wayNodeRefs = 0
    public var relationMembers = 0
    public var minNodeId = Int64.max, maxNodeId = Int64.min
    public var minWayId = Int64.max, maxWayId = Int64.min
    public var minRelationId = Int64.max, maxRelationId = Int64.min
    /// Bounding box of all node coordinates (minLon, minLat, maxLon, maxLat).
    public var minLon = Double.infinity, minLat = Double.infinity
    public var maxLon = -Double.infinity, maxLat = -Double.infinity
    /// Blocks of a type other than OSMHeader and OSMData (skipped), and the byte offset of the first.
    public var unknownBlocks = 0
    public var firstUnknownBlockOffset: Int?
    public var tags: Int { nodeTags + wayTags + relationTags }
}

// MARK: - Byte sources

/// Where PBF bytes come from: a file (streamed) or a buffer in memory.
protocol PBFByteSource {
    var totalBytes: Int { get }
    /// Reads up to `count` bytes at the current position into `buffer` (resized); returns the
    /// number actually read (less only at end of data).
    mutating func read(count: Int, into buffer: inout [UInt8]) throws -> Int
}

struct MemoryByteSource: PBFByteSource {
    let data: [UInt8]
    var position = 0
    var totalBytes: Int { data.count }

    mutating func read(count: Int, into buffer: inout [UInt8]) throws -> Int {
        let n = min(count, data.count - position)
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: data[position..<(position + n)])
        position += n
        return n
    }
}

final class FileByteSource: PBFByteSource {
    private let file: UnsafeMutablePointer<FILE>
    let totalBytes: Int
    let path: String

    init(path: String) throws {
        let descriptor: Int32
        switch InputFileCheck.openForReading(path, kind: "OSM PBF file", limit: 256 << 30) {
        case .success(let opened): descriptor = opened.descriptor
        case .failure(let refusal):
            throw RoadNetworkError.pbf(file: path, blockIndex: 0, byteOffset: 0,
                                       message: refusal.isSystemError ? "cannot open file (\(refusal.reason))" : "the file \(refusal.reason)")
        }
        guard let file = fdopen(descriptor, "rb") else {
            close(descriptor)
            throw RoadNetworkError.pbf(file: path, blockIndex: 0, byteOffset: 0,
                              message: "cannot open file (\(String(cString: strerror(errno))))")
        }
        self.file = file
        self.path = path
        fseeko(file, 0, SEEK_END)
        totalBytes = Int(ftello(file))
        fseeko(file, 0, SEEK_SET)
    }

    deinit { fclose(file) }

    func read(count: Int, into buffer: inout [UInt8]) throws -> Int {
        if buffer.count < count { buffer.append(contentsOf: repeatElement(0, count: count - buffer.count)) }
        let n = buffer.withUnsafeMutableBytes { fread($0.baseAddress!, 1, count, file) }
        if n < count && ferror(file) != 0 {
            throw ProtobufError(message: "read error (\(String(cString: strerror(errno))))")
        }
        buffer.removeLast(buffer.count - n)
        return n
    }
}

// MARK: - Reader

/// Streaming reader of `.osm.pbf` files.
///
/// ```swift
/// let reader = try OSMPBFReader(path: "monaco.osm.pbf")
/// let stats = try reader.statistics()
/// ```
/// or pass your own `OSMPBFVisitor` to `read(_:progress:)`. Supports raw and zlib blobs, plain and
/// dense nodes, ways and relations (relations are decoded only to id, tags and member count).
public struct OSMPBFReader: Sendable {
    /// Largest BlobHeader and uncompressed Blob sizes allowed by the format.
    static let maxHeaderSize = 64 * 1024
    static let maxBlobSize = 32 * 1024 * 1024

    private enum Origin: Sendable {
        case file(String)
        case memory([UInt8])
    }
    private let origin: Origin
    /// Name used in error messages.
    public let name: String

    public init(path: String) {
        self.origin = .file(path)
        self.name = path
    }

    public init(bytes: [UInt8], name: String = "<memory>") {
        self.origin = .memory(bytes)
        self.name = name
    }

    /// Reads the whole file (or until `visitor.isDone`), calling the visitor for each entity.
    public func read<V: OSMPBFVisitor>(_ visitor: inout V, progress: ReadProgress? = nil) throws {
        switch origin {
        case .file(let path):
            var source = try FileByteSource(path: path)
            try readBlocks(source: &source, visitor: &visitor, progress: progress)
        case .memory(let bytes):
            var source = MemoryByteSource(data: bytes)
            try readBlocks(source: &source, visitor: &visitor, progress: progress)
        }
    }

    /// Counts nodes, ways, relations and their tags over the whole file.
    public func statistics(progress: ReadProgress? = nil) throws -> OSMPBFStatistics {
        var counter = StatisticsVisitor()
        try read(&counter, progress: progress)
        return counter.stats
    }

    /// A block read from the file, not yet inflated.
    private struct RawBlock: Sendable {
        let index: Int, offset: Int, end: Int
        let type: String
        let blob: [UInt8]
    }

    /// Blocks are read sequentially in batches of `batchSize`, inflated in parallel on
    /// `inflateThreads` threads (zlib is the larger part of the work), then decoded in file order.
    /// At most `batchSize` compressed + inflated blocks are in memory (typically ~1 MiB each,
    /// 32 MiB at most by the format's limit).
    static let inflateThreads = 2
    static let batchSize = 8

    private func readBlocks<S: PBFByteSource, V: OSMPBFVisitor>(
        source: inout S, visitor: inout V, progress: ReadProgress?
    ) throws {
        let total = source.totalBytes
        var offset = 0
        var blockIndex = 0
        var lengthBuffer = [UInt8](), headerBuffer = [UInt8]()
        var decoder = BlockDecoder()
        var sawHeader = false
        var pendingError: RoadNetworkError?
        var reported = 0

        func fail(_ message: String) -> RoadNetworkError {
            RoadNetworkError.pbf(file: name, blockIndex: blockIndex, byteOffset: offset, message: message)
        }

        /// Reads the next block, nil at the end of the file.
        func readBlock() throws -> RawBlock? {
            let n = try wrap(blockIndex, offset) { try source.read(count: 4, into: &lengthBuffer) }
            if n == 0 { return nil }
            guard n == 4 else { throw fail("truncated file: \(n) byte(s) where a 4-byte block header length was expected") }
            let headerLength = Int(lengthBuffer[0]) << 24 | Int(lengthBuffer[1]) << 16 | Int(lengthBuffer[2]) << 8 | Int(lengthBuffer[3])
            guard headerLength > 0, headerLength <= Self.maxHeaderSize else {
                throw fail("invalid BlobHeader length \(headerLength) (corrupt file or not a PBF file)")
            }
            let hn = try wrap(blockIndex, offset) { try source.read(count: headerLength, into: &headerBuffer) }
            guard hn == headerLength else {
                throw fail("truncated file: BlobHeader needs \(headerLength) bytes, only \(hn) left")
            }
            let (type, dataSize) = try wrap(blockIndex, offset) { try Self.parseBlobHeader(headerBuffer) }
            guard dataSize >= 0, dataSize <= Self.maxBlobSize else {
                throw fail("invalid Blob size \(dataSize) in BlobHeader")
            }
            var blob = [UInt8]()
            let bn = try wrap(blockIndex, offset) { try source.read(count: dataSize, into: &blob) }
            guard bn == dataSize else {
                throw fail("truncated file: Blob of type \(type) needs \(dataSize) bytes, only \(bn) left")
            }
            let block = RawBlock(index: blockIndex, offset: offset, end: offset + 4 + headerLength + dataSize, type: type, blob: blob)
            offset = block.end
            blockIndex += 1
            return block
        }

        reading: while pendingError == nil {
            var batch: [RawBlock] = []
            do {
                while batch.count < Self.batchSize, let block = try readBlock() { batch.append(block) }
            } catch let error as RoadNetworkError {
                pendingError = error // decode the blocks read before it first
            }
            if batch.isEmpty { break }
            let inflated = inflateInParallel(batch)
            for (block, result) in zip(batch, inflated) {
                let data: [UInt8]
                switch result {
                case .success(let bytes): data = bytes
                case .failure(let error):
                    throw RoadNetworkError.pbf(file: name, blockIndex: block.index, byteOffset: block.offset, message: error.message)
                }
                func blockFail(_ message: String) -> RoadNetworkError {
                    RoadNetworkError.pbf(file: name, blockIndex: block.index, byteOffset: block.offset, message: message)
                }
                switch block.type {
                case "OSMHeader":
                    let header = try wrap(block.index, block.offset) { try Self.parseHeaderBlock(data) }
                    let supported: Set<String> = ["OsmSchema-V0.6", "DenseNodes", "HistoricalInformation"]
                    if let unknown = header.requiredFeatures.first(where: { !supported.contains($0) }) {
                        throw blockFail("unsupported required feature \"\(unknown)\"")
                    }
                    sawHeader = true
                    try visitor.visitHeader(header)
                case "OSMData":
                    guard sawHeader else { throw blockFail("OSMData block before the OSMHeader block") }
                    try wrap(block.index, block.offset) {
                        try data.withUnsafeBytes { try decoder.decodePrimitiveBlock($0, visitor: &visitor) }
                    }
                default:
                    guard visitor.acceptsUnknownBlocks else {
                        throw blockFail("block of unknown type \"\(block.type.prefix(40))\" (expected OSMHeader or OSMData): "
                                        + "its data would be lost, the type string is probably corrupted")
                    }
                    try visitor.visitUnknownBlock(type: block.type, byteOffset: block.offset)
                }
                progress?(block.end, total)
                reported = block.end
                if visitor.isDone { break reading }
            }
        }
        if let pendingError, !visitor.isDone { throw pendingError }
        // Stopped early by the visitor: the read is complete for the caller.
        if visitor.isDone, reported < total { progress?(total, total) }
        if !sawHeader {
            throw RoadNetworkError.pbf(file: name, blockIndex: blockIndex, byteOffset: offset,
                                       message: offset == 0 ? "empty file" : "no OSMHeader block")
        }
    }

    /// Inflates the blobs of a batch, on several threads when there is more than one.
    private func inflateInParallel(_ batch: [RawBlock]) -> [Result<[UInt8], ProtobufError>] {
        @Sendable func inflate(_ block: RawBlock) -> Result<[UInt8], ProtobufError> {
            var out = [UInt8]()
            do { try Self.inflateBlob(block.blob, into: &out) } catch let error as ProtobufError {
                return .failure(error)
            } catch {
                return .failure(ProtobufError(message: "\(error)"))
            }
            return .success(out)
        }
        if batch.count == 1 || Self.inflateThreads == 1 { return batch.map(inflate) }
        let slots = ResultSlots<Result<[UInt8], ProtobufError>>(count: batch.count)
        let workers = min(Self.inflateThreads, batch.count)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var i = worker
            while i < batch.count {
                slots.set(i, inflate(batch[i]))
                i += workers
            }
        }
        return (0..<batch.count).map { slots.get($0)! }
    }

    /// Runs `body`, turning wire-format errors into `RoadNetworkError.pbf` with the block position.
    private func wrap<T>(_ block: Int, _ offset: Int, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ProtobufError {
            throw RoadNetworkError.pbf(file: name, blockIndex: block, byteOffset: offset, message: error.message)
        }
    }

    static func parseBlobHeader(_ bytes: [UInt8]) throws -> (type: String, dataSize: Int) {
        try bytes.withUnsafeBytes { buffer in
            var reader = ProtobufReader(buffer)
            var type: String?
            var size: Int?
            while let (field, wire) = try reader.readKey() {
                switch (field, wire) {
                case (1, .lengthDelimited): type = reader.string(try reader.readLengthDelimited())
                case (3, .varint): size = Int(truncatingIfNeeded: Int32(truncatingIfNeeded: try reader.readVarint()))
                default: try reader.skip(wire)
                }
            }
            guard let type, let size else { throw ProtobufError(message: "BlobHeader without type or datasize") }
            return (type, size)
        }
    }

    static func inflateBlob(_ bytes: [UInt8], into output: inout [UInt8]) throws {
        try bytes.withUnsafeBytes { buffer in
            var reader = ProtobufReader(buffer)
            var rawSize: Int?
            var raw: Range<Int>?, zlib: Range<Int>?
            var otherCompression: String?
            while let (field, wire) = try reader.readKey() {
                switch (field, wire) {
                case (1, .lengthDelimited): raw = try reader.readLengthDelimited()
                case (2, .varint): rawSize = Int(truncatingIfNeeded: try reader.readVarint())
                case (3, .lengthDelimited): zlib = try reader.readLengthDelimited()
                case (4, _): otherCompression = "lzma"; try reader.skip(wire)
                case (5, _): otherCompression = "bzip2"; try reader.skip(wire)
                case (6, _): otherCompression = "lz4"; try reader.skip(wire)
                case (7, _): otherCompression = "zstd"; try reader.skip(wire)
                default: try reader.skip(wire)
                }
            }
            if let raw {
                output.removeAll(keepingCapacity: true)
                output.append(contentsOf: reader.bytes(raw))
                return
            }
            guard let zlib else {
                if let otherCompression {
                    throw ProtobufError(message: "unsupported \(otherCompression) compression: recompress with `osmium cat IN -o OUT.osm.pbf` (zlib)")
                }
                throw ProtobufError(message: "Blob without data")
            }
            guard let rawSize, rawSize >= 0, rawSize <= maxBlobSize else {
                throw ProtobufError(message: "zlib Blob without a valid raw_size")
            }
            if output.count < rawSize { output.append(contentsOf: repeatElement(0, count: rawSize - output.count)) }
            var destLength = uLongf(rawSize)
            let source = reader.bytes(zlib)
            let status = output.withUnsafeMutableBytes { dest in
                uncompress(dest.baseAddress!.assumingMemoryBound(to: Bytef.self), &destLength,
                           source.baseAddress?.assumingMemoryBound(to: Bytef.self), uLong(source.count))
            }
            guard status == Z_OK else {
                let reason = status == Z_DATA_ERROR ? "corrupt compressed data"
                    : status == Z_BUF_ERROR ? "data larger than the declared raw_size or truncated" : "zlib error \(status)"
                throw ProtobufError(message: "cannot inflate zlib Blob: \(reason)")
            }
            guard Int(destLength) == rawSize else {
                throw ProtobufError(message: "inflated \(destLength) bytes, Blob declares raw_size \(rawSize)")
            }
            output.removeLast(output.count - rawSize)
        }
    }

    static func parseHeaderBlock(_ bytes: [UInt8]) throws -> OSMHeader {
        try bytes.withUnsafeBytes { buffer in
            var reader = ProtobufReader(buffer)
            var header = OSMHeader()
            while let (field, wire) = try reader.readKey() {
                switch (field, wire) {
                case (1, .lengthDelimited):
                    var box = reader.subReader(try reader.readLengthDelimited())
                    var v: [Int64] = [0, 0, 0, 0] // left, right, top, bottom (nanodegrees)
                    while let (f, w) = try box.readKey() {
                        if (1...4).contains(f), w == .varint { v[Int(f) - 1] = try box.readSignedVarint() } else { try box.skip(w) }
                    }
                    header.bbox = (Double(v[0]) * 1e-9, Double(v[3]) * 1e-9, Double(v[1]) * 1e-9, Double(v[2]) * 1e-9)
                case (4, .lengthDelimited): header.requiredFeatures.append(reader.string(try reader.readLengthDelimited()))
                case (5, .lengthDelimited): header.optionalFeatures.append(reader.string(try reader.readLengthDelimited()))
                case (16, .lengthDelimited): header.writingProgram = reader.string(try reader.readLengthDelimited())
                default: try reader.skip(wire)
                }
            }
            return header
        }
    }
}

// MARK: - Primitive block decoding

/// Decodes PrimitiveBlocks, reusing its buffers between blocks.
struct BlockDecoder {
    private var strings: [String] = []
    private var tagPairs: [UInt32] = []
    private var refs: [Int64] = []
    private var scratch: [UInt64] = []

    mutating func decodePrimitiveBlock<V: OSMPBFVisitor>(_ buffer: UnsafeRawBufferPointer, visitor: inout V) throws {
        var reader = ProtobufReader(buffer)
        var stringTable: Range<Int>?
        var groups: [Range<Int>] = []
        var granularity: Int64 = 100, latOffset: Int64 = 0, lonOffset: Int64 = 0
        while let (field, wire) = try reader.readKey() {
            switch (field, wire) {
            case (1, .lengthDelimited): stringTable = try reader.readLengthDelimited()
            case (2, .lengthDelimited): groups.append(try reader.readLengthDelimited())
            case (17, .varint): granularity = Int64(truncatingIfNeeded: Int32(truncatingIfNeeded: try reader.readVarint()))
            case (19, .varint): latOffset = Int64(bitPattern: try reader.readVarint())
            case (20, .varint): lonOffset = Int64(bitPattern: try reader.readVarint())
            default: try reader.skip(wire)
            }
        }
        guard granularity > 0 else { throw ProtobufError(message: "invalid granularity \(granularity)") }
        strings.removeAll(keepingCapacity: true)
        var stringsDecoded = false
        /// The string table is decoded only for blocks holding a wanted entity kind.
        func decodeStrings() throws {
            stringsDecoded = true
            guard let stringTable else { return }
            var table = reader.subReader(stringTable)
            while let (field, wire) = try table.readKey() {
                if field == 1, wire == .lengthDelimited {
                    strings.append(table.string(try table.readLengthDelimited()))
                } else { try table.skip(wire) }
            }
        }
        let coords = Coordinates(granularity: granularity, latOffset: latOffset, lonOffset: lonOffset)
        let wanted = visitor.wantedKinds
        for group in groups {
            var g = reader.subReader(group)
            while let (field, wire) = try g.readKey() {
                guard wire == .lengthDelimited else { try g.skip(wire); continue }
                let range = try g.readLengthDelimited()
                if !stringsDecoded, wanted.contains(Self.kind(ofGroupField: field)) { try decodeStrings() }
                switch field {
                case 1 where wanted.contains(.nodes): try decodeNode(g.subReader(range), coords, &visitor)
                case 2 where wanted.contains(.nodes): try decodeDense(g.subReader(range), coords, &visitor)
                case 3 where wanted.contains(.ways): try decodeWay(g.subReader(range), &visitor)
                case 4 where wanted.contains(.relations): try decodeRelation(g.subReader(range), &visitor)
                default: break
                }
            }
        }
    }

    /// The entity kind of a PrimitiveGroup field (1 nodes, 2 dense nodes, 3 ways, 4 relations).
    static func kind(ofGroupField field: UInt32) -> OSMEntityKinds {
        switch field {
        case 1, 2: return .nodes
        case 3: return .ways
        case 4: return .relations
        default: return []
        }
    }

    struct Coordinates {
        let granularity: Int64, latOffset: Int64, lonOffset: Int64
        // Division (not * 1e-9) gives the double nearest to the decimal value, as parsing the decimal text would.
        @inline(__always) func lat(_ raw: Int64) -> Double { Double(latOffset &+ granularity &* raw) / 1e9 }
        @inline(__always) func lon(_ raw: Int64) -> Double { Double(lonOffset &+ granularity &* raw) / 1e9 }
    }

    @inline(__always)
    private func checkString(_ index: UInt64) throws -> UInt32 {
        guard index < UInt64(strings.count) else {
            throw ProtobufError(message: "string index \(index) outside the string table (\(strings.count) entries)")
        }
        return UInt32(index)
    }

    /// Reads `keys` and `vals` fields collected in `scratch` (keys) and `tagValues` into `tagPairs`.
    private mutating func pairTags(keys: [UInt64], values: [UInt64]) throws {
        guard keys.count == values.count else {
            throw ProtobufError(message: "\(keys.count) tag keys for \(values.count) values")
        }
        tagPairs.removeAll(keepingCapacity: true)
        for i in 0..<keys.count {
            tagPairs.append(try checkString(keys[i]))
            tagPairs.append(try checkString(values[i]))
        }
    }

    private mutating func decodeNode<V: OSMPBFVisitor>(_ r: ProtobufReader, _ c: Coordinates, _ visitor: inout V) throws {
        var r = r
        var id: Int64?, lat: Int64?, lon: Int64?
        var keys: [UInt64] = [], values: [UInt64] = []
        while let (field, wire) = try r.readKey() {
            switch (field, wire) {
            case (1, .varint): id = try r.readSignedVarint()
            case (2, _): try r.appendVarints(wire: wire, into: &keys)
            case (3, _): try r.appendVarints(wire: wire, into: &values)
            case (8, .varint): lat = try r.readSignedVarint()
            case (9, .varint): lon = try r.readSignedVarint()
            default: try r.skip(wire)
            }
        }
        guard let id, let lat, let lon else { throw ProtobufError(message: "Node without id, lat or lon") }
        try pairTags(keys: keys, values: values)
        try visitor.visitNode(id: id, lon: c.lon(lon), lat: c.lat(lat), tags: OSMTags(strings: strings, pairs: tagPairs))
    }

    private mutating func decodeDense<V: OSMPBFVisitor>(_ r: ProtobufReader, _ c: Coordinates, _ visitor: inout V) throws {
        var r = r
        var ids: Range<Int>?, lats: Range<Int>?, lons: Range<Int>?, keysVals: Range<Int>?
        while let (field, wire) = try r.readKey() {
            switch (field, wire) {
            case (1, .lengthDelimited): ids = try r.readLengthDelimited()
            case (8, .lengthDelimited): lats = try r.readLengthDelimited()
            case (9, .lengthDelimited): lons = try r.readLengthDelimited()
            case (10, .lengthDelimited): keysVals = try r.readLengthDelimited()
            default: try r.skip(wire)
            }
        }
        guard let ids else { return } // an empty DenseNodes message
        guard let lats, let lons else { throw ProtobufError(message: "DenseNodes without lat or lon") }
        var idReader = r.subReader(ids), latReader = r.subReader(lats), lonReader = r.subReader(lons)
        var kvReader = keysVals.map { r.subReader($0) }
        var id: Int64 = 0, lat: Int64 = 0, lon: Int64 = 0
        let strings = self.strings
        while !idReader.isAtEnd {
            id &+= try idReader.readSignedVarint()
            guard !latReader.isAtEnd, !lonReader.isAtEnd else {
                throw ProtobufError(message: "DenseNodes has fewer coordinates than ids")
            }
            lat &+= try latReader.readSignedVarint()
            lon &+= try lonReader.readSignedVarint()
            tagPairs.removeAll(keepingCapacity: true)
            if kvReader != nil {
                // keys_vals: (key, value)* 0 per node; an absent or exhausted list means no tags.
                while !kvReader!.isAtEnd {
                    let key = try kvReader!.readVarint()
                    if key == 0 { break }
                    guard !kvReader!.isAtEnd else { throw ProtobufError(message: "DenseNodes keys_vals ends after a key") }
                    let value = try kvReader!.readVarint()
                    tagPairs.append(try checkString(key))
                    tagPairs.append(try checkString(value))
                }
            }
            try visitor.visitNode(id: id, lon: c.lon(lon), lat: c.lat(lat), tags: OSMTags(strings: strings, pairs: tagPairs))
        }
        guard latReader.isAtEnd, lonReader.isAtEnd else {
            throw ProtobufError(message: "DenseNodes has more coordinates than ids")
        }
    }

    private mutating func decodeWay<V: OSMPBFVisitor>(_ r: ProtobufReader, _ visitor: inout V) throws {
        var r = r
        var id: Int64?
        var keys: [UInt64] = [], values: [UInt64] = []
        refs.removeAll(keepingCapacity: true)
        while let (field, wire) = try r.readKey() {
            switch (field, wire) {
            case (1, .varint): id = Int64(bitPattern: try r.readVarint())
            case (2, _): try r.appendVarints(wire: wire, into: &keys)
            case (3, _): try r.appendVarints(wire: wire, into: &values)
            case (8, _): try r.appendSignedVarints(wire: wire, into: &refs)
            default: try r.skip(wire)
            }
        }
        guard let id else { throw ProtobufError(message: "Way without id") }
        var ref: Int64 = 0
        for i in refs.indices { ref &+= refs[i]; refs[i] = ref }
        try pairTags(keys: keys, values: values)
        try visitor.visitWay(id: id, refs: refs, tags: OSMTags(strings: strings, pairs: tagPairs))
    }

    private mutating func decodeRelation<V: OSMPBFVisitor>(_ r: ProtobufReader, _ visitor: inout V) throws {
        var r = r
        var id: Int64?
        var keys: [UInt64] = [], values: [UInt64] = []
        var members = 0
        while let (field, wire) = try r.readKey() {
            switch (field, wire) {
            case (1, .varint): id = Int64(bitPattern: try r.readVarint())
            case (2, _): try r.appendVarints(wire: wire, into: &keys)
            case (3, _): try r.appendVarints(wire: wire, into: &values)
            case (9, .lengthDelimited):
                let range = try r.readLengthDelimited()
                members += ProtobufReader.countVarints(in: r.base, range: range)
            case (9, .varint): _ = try r.readVarint(); members += 1
            default: try r.skip(wire)
            }
        }
        guard let id else { throw ProtobufError(message: "Relation without id") }
        try pairTags(keys: keys, values: values)
        try visitor.visitRelation(id: id, memberCount: members, tags: OSMTags(strings: strings, pairs: tagPairs))
    }
}

// MARK: - Statistics

struct StatisticsVisitor: OSMPBFVisitor {
    var stats = OSMPBFStatistics()

    mutating func visitHeader(_ header: OSMHeader) throws { stats.header = header }

    var acceptsUnknownBlocks: Bool { true }
    mutating func visitUnknownBlock(type: String, byteOffset: Int) throws {
        stats.unknownBlocks += 1
        if stats.firstUnknownBlockOffset == nil { stats.firstUnknownBlockOffset = byteOffset }
    }

    mutating func visitNode(id: Int64, lon: Double, lat: Double, tags: OSMTags) throws {
        stats.nodes += 1
        stats.nodeTags += tags.count
        stats.minNodeId = min(stats.minNodeId, id); stats.maxNodeId = max(stats.maxNodeId, id)
        stats.minLon = min(stats.minLon, lon); stats.maxLon = max(stats.maxLon, lon)
        stats.minLat = min(stats.minLat, lat); stats.maxLat = max(stats.maxLat, lat)
    }

    mutating func visitWay(id: Int64, refs: [Int64], tags: OSMTags) throws {
        stats.ways += 1
        stats.wayTags += tags.count
        stats.wayNodeRefs += refs.count
        stats.minWayId = min(stats.minWayId, id); stats.maxWayId = max(stats.maxWayId, id)
    }

    mutating func visitRelation(id: Int64, memberCount: Int, tags: OSMTags) throws {
        stats.relations += 1
        stats.relationTags += tags.count
        stats.relationMembers += memberCount
        stats.minRelationId = min(stats.minRelationId, id); stats.maxRelationId = max(stats.maxRelationId, id)
    }
}
