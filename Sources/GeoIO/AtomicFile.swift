import Foundation
#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// Writes a whole file or nothing: the bytes go to a temporary file in the destination's
/// folder, are flushed to disk (fsync), then renamed over the destination. On any failure the
/// previous file is untouched and the temporary file is removed.
public enum AtomicFile {
    public static func write(_ bytes: some Collection<UInt8>, to url: URL) throws(GeoIOError) {
        let path = url.path
        let folder = url.deletingLastPathComponent().path
        let temporaryPath = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create a temporary file in \(folder)") }
        var keepTemporary = false
        defer { if !keepTemporary { unlink(temporaryPath) } }

        var errorCode = writeAll(bytes, to: descriptor)
        if errorCode == nil, fsync(descriptor) != 0 { errorCode = errno }
        if close(descriptor) != 0, errorCode == nil { errorCode = errno }
        if let errorCode { throw failure(path, nil, errorCode) }

        guard rename(temporaryPath, path) == 0 else { throw failure(path, "cannot replace the file") }
        keepTemporary = true
        // Make the rename itself durable; failing here does not undo a complete write.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    /// Creates `url` (which must not exist yet), writes every byte and flushes it to disk (fsync).
    /// On failure the partial file is removed.
    public static func writeNewFile(_ bytes: some Collection<UInt8>, to url: URL) throws(GeoIOError) {
        let path = url.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(path, "cannot create the file") }
        var errorCode = writeAll(bytes, to: descriptor)
        if errorCode == nil, fsync(descriptor) != 0 { errorCode = errno }
        if close(descriptor) != 0, errorCode == nil { errorCode = errno }
        if let errorCode {
            unlink(path)
            throw failure(path, nil, errorCode)
        }
    }

    /// Flushes a folder's entries (new names, renames) to disk; best effort.
    public static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        close(descriptor)
    }

    /// Writes every byte; returns errno on failure.
    private static func writeAll(_ bytes: some Collection<UInt8>, to descriptor: Int32) -> Int32? {
        let contiguous = bytes.withContiguousStorageIfAvailable { writeAll($0, to: descriptor) }
        return contiguous ?? Array(bytes).withUnsafeBufferPointer { writeAll($0, to: descriptor) }
    }

    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        guard var pointer = buffer.baseAddress else { return nil }
        var remaining = buffer.count
        while remaining > 0 {
            let count = systemWrite(descriptor, pointer, remaining)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            pointer += count
            remaining -= count
        }
        return nil
    }

    private static func failure(_ path: String, _ context: String?, _ code: Int32 = errno) -> GeoIOError {
        let reason = String(cString: strerror(code))
        return .writeFailed(path: path, reason: context.map { "\($0) (\(reason))" } ?? reason)
    }
}
