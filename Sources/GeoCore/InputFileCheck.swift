#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an input file is refused before it is read: one sentence in plain words, with the fix.
public struct InputFileRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The system's reason when the file could not be opened ("No such file or directory"), else
    /// what the file is and what to do ("is a named pipe (FIFO), not a regular file — …").
    public let reason: String
    /// True when `reason` is the system's (`strerror`).
    public let isSystemError: Bool
    public init(_ reason: String, isSystemError: Bool = false) {
        self.reason = reason
        self.isSystemError = isSystemError
    }
    public var description: String { reason }
}

/// The checks every reader makes before reading an input file: it must be a regular file (not a
/// folder, a named pipe, a device such as /dev/zero, or a socket) and no larger than the limit of its
/// kind. The file is opened without blocking, so a named pipe with no writer is refused at once
/// instead of hanging.
public enum InputFileCheck {
    /// Opens `path` read-only and checks it. On success the descriptor is in blocking mode and
    /// belongs to the caller (close it); `size` is the size on disk now.
    /// - Parameters:
    ///   - kind: what the file should hold, for messages ("GeoJSON file", "CSV table"…).
    ///   - limit: the largest size accepted, in bytes.
    public static func openForReading(_ path: String, kind: String, limit: Int64) -> Result<(descriptor: Int32, size: Int64), InputFileRefusal> {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(InputFileRefusal(String(cString: strerror(errno)), isSystemError: true)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            return .failure(InputFileRefusal(reason, isSystemError: true))
        }
        if let problem = problem(mode: status.st_mode, size: Int64(status.st_size), kind: kind, limit: limit) {
            close(descriptor)
            return .failure(InputFileRefusal(problem))
        }
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }
        return .success((descriptor, Int64(status.st_size)))
    }

    /// Checks `path` without opening it (stat only, so a named pipe never blocks): nil when it is a
    /// regular file within `limit`, else the refusal.
    public static func check(_ path: String, kind: String, limit: Int64) -> InputFileRefusal? {
        var status = stat()
        guard stat(path, &status) == 0 else { return InputFileRefusal(String(cString: strerror(errno)), isSystemError: true) }
        return problem(mode: status.st_mode, size: Int64(status.st_size), kind: kind, limit: limit).map { InputFileRefusal($0) }
    }

    /// The refusal for a file of this mode and size, or nil when it may be read.
    public static func problem(mode: mode_t, size: Int64, kind: String, limit: Int64) -> String? {
        let fix = "give the path of a \(kind) saved on disk"
        switch mode & S_IFMT {
        case S_IFREG:
            guard size <= limit else {
                return "is \(readableSize(size)), more than the \(readableSize(limit)) a \(kind) may hold — "
                    + "check that this is the right file (or split it)"
            }
            return nil
        case S_IFDIR: return "is a folder, not a file — \(fix)"
        case S_IFIFO: return "is a named pipe (FIFO), not a regular file — save the data to a file first and \(fix)"
        case S_IFCHR, S_IFBLK: return "is a device (like /dev/zero), not a regular file — \(fix)"
        case S_IFSOCK: return "is a socket, not a regular file — \(fix)"
        default: return "is not a regular file — \(fix)"
        }
    }

    /// "4 GB", "512 MB", "12 KB", "37 bytes" (powers of 1024, like `ls -h`).
    public static func readableSize(_ bytes: Int64) -> String {
        let units: [(Int64, String)] = [(1 << 40, "TB"), (1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
        for (unit, name) in units where bytes >= unit {
            let value = Double(bytes) / Double(unit)
            return value == value.rounded() ? "\(Int64(value)) \(name)" : "\(Double(Int(value * 10)) / 10) \(name)"
        }
        return "\(bytes) bytes"
    }
}
