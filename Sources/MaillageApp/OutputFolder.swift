import Foundation
import GeoIO

/// Writes a set of output files all together: every file is first written to a temporary file
/// beside its destination, and only when all are written are they renamed into place. A failure
/// before that leaves the folder as it was; only the named files are ever replaced.
enum OutputFolder {
    static func write(_ files: [(name: String, bytes: [UInt8])], to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var staged: [(temporary: URL, final: URL)] = []
        do {
            for file in files {
                let final = folder.appendingPathComponent(file.name)
                let temporary = folder.appendingPathComponent(".\(file.name).maillage-\(getpid()).tmp")
                staged.append((temporary, final))
                try AtomicFile.write(file.bytes, to: temporary)
            }
        } catch {
            for file in staged { try? FileManager.default.removeItem(at: file.temporary) }
            throw error
        }
        for file in staged {
            guard rename(file.temporary.path, file.final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                for rest in staged { try? FileManager.default.removeItem(at: rest.temporary) }
                throw GeoIOError.writeFailed(path: file.final.path, reason: reason)
            }
        }
    }
}
