import Foundation
import GeoCore
#if canImport(Glibc)
import Glibc
private let systemRead = Glibc.read
#elseif canImport(Darwin)
import Darwin
private let systemRead = Darwin.read
#endif

/// The kinds of text file GeoIO reads, with the largest size accepted for each.
enum TextFileKind {
    /// GeoJSON: at most 4 GB (the communes of all France are about 0.5 GB).
    case geoJSON
    /// CSV tables: at most 2 GB (the 200 m population grid of France is about 0.6 GB).
    case csv

    var name: String { self == .geoJSON ? "GeoJSON file" : "CSV table" }
    var limit: Int64 { self == .geoJSON ? 4 << 30 : 2 << 30 }
}

/// Reads a whole text file with POSIX calls, so errors carry the system's own reason
/// ("No such file or directory", "Permission denied"). Before reading, anything but a regular file
/// (folder, named pipe, device such as /dev/zero) and files larger than their kind's limit are
/// refused; a file whose first block holds NUL bytes (binary data, UTF-16 text, a sparse file of
/// zeros) is refused after that block. Memory stays bounded by the limit whatever the file.
enum FileBytes {
    /// Size of the first block checked for NUL bytes, and of each read.
    static let blockSize = 1 << 20

    static func read(_ url: URL, kind: TextFileKind = .csv) throws(GeoIOError) -> [UInt8] {
        let path = url.path
        let descriptor: Int32, size: Int64
        switch InputFileCheck.openForReading(path, kind: kind.name, limit: kind.limit) {
        case .success(let opened): (descriptor, size) = opened
        case .failure(let refusal): throw .unreadableFile(path: path, reason: refusal.reason)
        }
        defer { close(descriptor) }

        var bytes = [UInt8]()
        bytes.reserveCapacity(Int(size))
        var block = [UInt8](repeating: 0, count: blockSize)
        var isFirstBlock = true
        while true {
            let count = block.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(path)
            }
            if count == 0 { break }
            if isFirstBlock, let zero = block[..<count].firstIndex(of: 0) {
                throw .unreadableFile(path: path, reason: "holds binary data (a NUL byte at byte \(zero + 1)), not \(kind == .geoJSON ? "GeoJSON" : "CSV") text — "
                                      + "check that this is the right file; save text as UTF-8")
            }
            isFirstBlock = false
            guard Int64(bytes.count + count) <= kind.limit else {
                throw .unreadableFile(path: path, reason: "holds more than the \(InputFileCheck.readableSize(kind.limit)) a \(kind.name) may hold — "
                                      + "check that this is the right file (or split it)")
            }
            bytes.append(contentsOf: block[..<count])
        }
        return bytes
    }

    private static func failure(_ path: String, _ code: Int32 = errno) -> GeoIOError {
        .unreadableFile(path: path, reason: String(cString: strerror(code)))
    }
}
