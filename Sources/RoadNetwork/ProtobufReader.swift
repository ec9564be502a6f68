// A minimal, bounds-checked protobuf wire-format reader for the OSM PBF messages.
//
// Only what the OSM schema uses: varints (int32/int64/uint32/sint64/enum), length-delimited
// fields (bytes, strings, sub-messages, packed repeated scalars) and skipping of the fixed
// 32/64-bit wire types. Every read checks the remaining length and throws instead of trapping,
// so a corrupt block becomes an error naming the block, never a crash.

/// Error raised by the wire-format reader; the PBF reader adds the file offset and block number.
struct ProtobufError: Error, CustomStringConvertible, Sendable {
    let message: String
    var description: String { message }
}

/// Protobuf wire types.
enum WireType: UInt8 {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, fixed32 = 5
}

/// A cursor over a byte buffer. The buffer must outlive the reader (callers hold it inside a
/// `withUnsafeBytes` closure).
struct ProtobufReader {
    let base: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int

    init(_ buffer: UnsafeRawBufferPointer) {
        self.base = buffer
        self.position = 0
        self.end = buffer.count
    }

    init(_ buffer: UnsafeRawBufferPointer, range: Range<Int>) {
        self.base = buffer
        self.position = range.lowerBound
        self.end = range.upperBound
    }

    @inline(__always) var isAtEnd: Bool { position >= end }

    @inline(__always)
    mutating func readVarint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw ProtobufError(message: "truncated varint") }
            let byte = base[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            guard shift < 64 else { throw ProtobufError(message: "varint longer than 10 bytes") }
        }
    }

    @inline(__always)
    mutating func readSignedVarint() throws -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a field key; returns nil at the end of the message.
    @inline(__always)
    mutating func readKey() throws -> (field: UInt32, wire: WireType)? {
        guard position < end else { return nil }
        let key = try readVarint()
        guard let wire = WireType(rawValue: UInt8(key & 7)) else {
            throw ProtobufError(message: "unsupported wire type \(key & 7) at byte \(position)")
        }
        guard key >> 3 <= UInt64(UInt32.max), key >> 3 > 0 else {
            throw ProtobufError(message: "invalid field number \(key >> 3)")
        }
        return (UInt32(truncatingIfNeeded: key >> 3), wire)
    }

    /// Reads a length-delimited field and returns its byte range in the buffer.
    @inline(__always)
    mutating func readLengthDelimited() throws -> Range<Int> {
        let length = try readVarint()
        guard length <= UInt64(end - position) else {
            throw ProtobufError(message: "field length \(length) exceeds the \(end - position) bytes left")
        }
        let start = position
        position += Int(length)
        return start..<position
    }

    mutating func skip(_ wire: WireType) throws {
        switch wire {
        case .varint: _ = try readVarint()
        case .fixed64:
            guard end - position >= 8 else { throw ProtobufError(message: "truncated fixed64") }
            position += 8
        case .fixed32:
            guard end - position >= 4 else { throw ProtobufError(message: "truncated fixed32") }
            position += 4
        case .lengthDelimited: _ = try readLengthDelimited()
        }
    }

    func bytes(_ range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: base[range])
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: bytes(range), as: UTF8.self)
    }

    /// A reader over a sub-message or packed field.
    func subReader(_ range: Range<Int>) -> ProtobufReader {
        ProtobufReader(base, range: range)
    }

    /// Number of varints in a packed field (counts bytes without the continuation bit).
    static func countVarints(in buffer: UnsafeRawBufferPointer, range: Range<Int>) -> Int {
        var count = 0
        for i in range where buffer[i] < 0x80 { count += 1 }
        return count
    }
}

extension ProtobufReader {
    /// Reads a repeated scalar field that may be packed (wire type 2) or a single varint,
    /// appending the raw varints to `into`.
    mutating func appendVarints(wire: WireType, into values: inout [UInt64]) throws {
        try appendRepeated(wire: wire, into: &values, fieldKind: "integer") { try $0.readVarint() }
    }

    /// Like `appendVarints`, decoding zig-zag signed values.
    mutating func appendSignedVarints(wire: WireType, into values: inout [Int64]) throws {
        try appendRepeated(wire: wire, into: &values, fieldKind: "sint64") { try $0.readSignedVarint() }
    }

    @inline(__always)
    private mutating func appendRepeated<Value>(wire: WireType, into values: inout [Value], fieldKind: String,
                                                _ readValue: (inout ProtobufReader) throws -> Value) throws {
        if wire == .lengthDelimited {
            var packed = subReader(try readLengthDelimited())
            while !packed.isAtEnd { values.append(try readValue(&packed)) }
        } else if wire == .varint {
            values.append(try readValue(&self))
        } else {
            throw ProtobufError(message: "repeated \(fieldKind) field with wire type \(wire.rawValue)")
        }
    }
}
