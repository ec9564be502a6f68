import Foundation
import GeoIO

/// Writes a command's set of output files into the output folder, whole or not at all.
///
/// The folder may hold the user's other files: only the files named in the set are ever replaced,
/// and nothing else in the folder is touched, apart from maillage's own temporary entries (below).
///
/// How a set is written:
/// 1. Stale entries of earlier runs whose process is gone are settled: a staging folder
///    `.maillage-staging-PID-N` with its `.commit` journal is rolled forward (its remaining files are
///    renamed into place), one without it is deleted; temporary files `.NAME.maillage-PID.tmp` and
///    `.NAME.tmp-PID-…` are deleted.
/// 2. Staging: every file is written into a new staging folder `.maillage-staging-PID-N` inside the
///    output folder and flushed to disk.
/// 3. Commit: the journal `.commit` (the list of names) is written into the staging folder, then each
///    file is renamed from the staging folder into the output folder, then the staging folder is
///    removed. Renames within one folder are atomic.
///
/// The guarantee, for the files of the set:
/// - An error, SIGINT, SIGTERM or SIGHUP before the commit leaves every previous file as it was and
///   removes the staging folder (the signal then ends the process as it would have).
/// - A signal during the commit is held until the commit ends: the folder then holds the complete
///   new set, and the signal ends the process.
/// - A crash or SIGKILL during the commit leaves the journal: the next run writing to this folder
///   completes the switch before anything else, so the folder holds the complete new set.
/// At no time after a run ends (or after the next run starts) does the folder hold a mix of
/// previous and new files.
///
/// Test hook: `MAILLAGE_TEST_PAUSE_BEFORE_STAGE=n` and `MAILLAGE_TEST_PAUSE_BEFORE_RENAME=n` make the
/// write print `maillage: test pause before stage|rename n` on standard error and wait one second
/// before writing the n-th staged file or the n-th rename (1-based), so that a test can interrupt it
/// there. Nothing else reads them.
enum OutputFolder {
    static let stagingPrefix = ".maillage-staging-"
    static let journalName = ".commit"

    /// Validates the folder (see `validate`), then writes the files as described above.
    static func write(_ files: [(name: String, bytes: [UInt8])], to folder: URL) throws {
        try validate(folder, inputs: [])
        try create(folder)
        try settleStaleEntries(in: folder)
        for file in files {
            guard !file.name.isEmpty, !file.name.contains("/"), !file.name.hasPrefix(".") else {
                throw OutputFolderError("an output file name must be a plain name, not \"\(file.name)\"")
            }
            var isDirectory: ObjCBool = false
            let final = folder.appendingPathComponent(file.name)
            if FileManager.default.fileExists(atPath: final.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw OutputFolderError("cannot write \(final.path): a folder of that name is in the way — "
                                        + "move or rename it, or choose another --out folder")
            }
        }

        let staging = folder.appendingPathComponent(stagingPrefix + "\(getpid())-\(Interruption.nextSerial())")
        let names = files.map(\.name)
        let pauses = TestPauses.fromEnvironment()
        try Interruption.register(staging: staging, names: names)
        var committed = false
        defer { if !committed { Interruption.discard(staging: staging, names: names) } }

        for (index, file) in files.enumerated() {
            pauses.pause(.stage, index + 1)
            try Interruption.exclusive {
                do { try AtomicFile.writeNewFile(file.bytes, to: staging.appendingPathComponent(file.name)) } catch {
                    throw OutputFolderError.writing(file.name, in: folder, error)
                }
            }
        }
        try Interruption.exclusive {
            do {
                try AtomicFile.writeNewFile(Array((names.joined(separator: "\n") + "\n").utf8),
                                            to: staging.appendingPathComponent(journalName))
            } catch {
                throw OutputFolderError.writing(journalName, in: folder, error)
            }
            AtomicFile.syncFolder(staging)
            for (index, name) in names.enumerated() {
                pauses.pause(.rename, index + 1)
                guard rename(staging.appendingPathComponent(name).path, folder.appendingPathComponent(name).path) == 0 else {
                    // Renames inside one folder do not fail once the checks above passed; if one does, the
                    // journal stays and the next run completes the switch.
                    let reason = String(cString: strerror(errno))
                    committed = true
                    Interruption.forgetLocked(staging: staging)
                    throw OutputFolderError("cannot move \(name) into \(folder.path): \(reason) — the new files are kept in "
                                            + "\(staging.lastPathComponent); run maillage again with the same --out to finish")
                }
            }
            AtomicFile.syncFolder(folder)
            unlink(staging.appendingPathComponent(journalName).path)
            rmdir(staging.path)
            committed = true
            Interruption.forgetLocked(staging: staging)
        }
        Interruption.waitIfInterrupted()
    }

    // MARK: - Checks

    /// Refuses an output folder that is empty text, an existing file, under /proc or /sys, or the
    /// folder of one of `inputs` (a file's folder, or a folder given as input): writing there could
    /// replace an input. Paths are compared once symbolic links are resolved.
    static func validate(_ folder: URL, inputs: [String]) throws {
        let path = folder.path
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OutputFolderError("--out is empty — give an output folder, e.g. --out output")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw OutputFolderError("--out \(path) is a file, not a folder — give a folder (it is created if missing), e.g. --out output")
        }
        let real = realPath(of: path)
        for system in ["/proc", "/sys", "/dev"] where real == system || real.hasPrefix(system + "/") {
            throw OutputFolderError("--out \(path) is under \(system), a system folder, not a place for files — "
                                    + "give a folder of your own, e.g. --out output")
        }
        for input in inputs where !input.isEmpty {
            var inputIsDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: input, isDirectory: &inputIsDirectory)
            let inputFolder = exists && inputIsDirectory.boolValue ? input : URL(fileURLWithPath: input).deletingLastPathComponent().path
            if realPath(of: inputFolder) == real {
                throw OutputFolderError("--out \(path) is the folder of the input \(input): the outputs could replace it — "
                                        + "give another folder, e.g. --out output")
            }
        }
    }

    /// The canonical absolute path: symbolic links, `.` and `..` resolved in the part that exists.
    static func realPath(of path: String) -> String {
        let absolute = URL(fileURLWithPath: path.isEmpty ? "." : path).standardizedFileURL
        var existing = absolute
        var rest: [String] = []
        while existing.path != "/" && !FileManager.default.fileExists(atPath: existing.path) {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        guard let resolved = realpath(existing.path, nil) else { return absolute.path }
        defer { free(resolved) }
        let base = String(cString: resolved)
        return rest.isEmpty ? base : (base == "/" ? "" : base) + "/" + rest.joined(separator: "/")
    }

    private static func create(_ folder: URL) throws {
        // mkdir -p through a file fails with an unhelpful Foundation error: name the file instead.
        var ancestor = folder.standardizedFileURL
        while ancestor.path != "/" {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: ancestor.path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw OutputFolderError("cannot create the output folder \(folder.path): \(ancestor.path) is a file, not a folder — "
                                            + "give another --out, e.g. --out output")
                }
                break
            }
            ancestor = ancestor.deletingLastPathComponent()
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw OutputFolderError("cannot create the output folder \(folder.path): \(OutputFolderError.plainReason(error)) — "
                                    + "choose a folder you can write to, e.g. --out output")
        }
        guard access(folder.path, W_OK | X_OK) == 0 else {
            throw OutputFolderError("cannot write into the output folder \(folder.path): \(String(cString: strerror(errno))) — "
                                    + "choose a folder you can write to, or change its permissions")
        }
    }

    // MARK: - Stale entries

    /// Settles what earlier runs that are no longer running left in the folder (see the type's notes).
    static func settleStaleEntries(in folder: URL) throws {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for entry in entries where entry.hasPrefix(".") {
            guard let pid = ownerProcess(ofTemporaryEntry: entry), !isRunning(pid) else { continue }
            let url = folder.appendingPathComponent(entry)
            if entry.hasPrefix(stagingPrefix) {
                try rollForwardOrDelete(staging: url, into: folder)
            } else {
                unlink(url.path)
            }
        }
    }

    /// The process id written in the name of one of maillage's temporary entries, or nil when the
    /// name is not one of theirs: `.maillage-staging-PID-N`, `.NAME.maillage-PID.tmp`, `.NAME.tmp-PID-RANDOM`.
    static func ownerProcess(ofTemporaryEntry name: String) -> pid_t? {
        if name.hasPrefix(stagingPrefix) {
            let fields = name.dropFirst(stagingPrefix.count).split(separator: "-")
            return fields.count == 2 && Int(fields[1]) != nil ? pid_t(fields[0]) : nil
        }
        if name.hasSuffix(".tmp"), let marker = name.range(of: ".maillage-", options: .backwards) {
            return pid_t(name[marker.upperBound..<name.index(name.endIndex, offsetBy: -4)])
        }
        if let marker = name.range(of: ".tmp-", options: .backwards) {
            let fields = name[marker.upperBound...].split(separator: "-")
            return fields.count == 2 && UInt32(fields[1]) != nil ? pid_t(fields[0]) : nil
        }
        return nil
    }

    /// True when a process with this id runs (or when its state cannot be known). This process counts
    /// as running: its own entries belong to writes still in progress.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard pid > 0 else { return false }
        return pid == getpid() || kill(pid, 0) == 0 || errno == EPERM
    }

    private static func rollForwardOrDelete(staging: URL, into folder: URL) throws {
        let journal = staging.appendingPathComponent(journalName)
        if let text = try? String(contentsOf: journal, encoding: .utf8) {
            for name in text.split(separator: "\n").map(String.init) where !name.isEmpty && !name.contains("/") {
                let staged = staging.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: staged.path) else { continue }   // already moved
                guard rename(staged.path, folder.appendingPathComponent(name).path) == 0 else {
                    throw OutputFolderError("cannot finish the interrupted write of \(name) in \(folder.path): "
                                            + "\(String(cString: strerror(errno))) — check the folder's permissions")
                }
            }
            AtomicFile.syncFolder(folder)
        }
        try? FileManager.default.removeItem(at: staging)
    }
}

/// An output-folder problem, in one sentence with the fix.
struct OutputFolderError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }

    static func writing(_ name: String, in folder: URL, _ error: any Error) -> OutputFolderError {
        OutputFolderError("cannot write \(name) into \(folder.path): \(plainReason(error)) — the previous files are kept; "
                          + "check that the disk is not full and the folder is writable")
    }

    /// The reason of a Foundation or POSIX error in a few words (never a raw NSError dump).
    static func plainReason(_ error: any Error) -> String {
        if let error = error as? GeoIOError, case .writeFailed(_, let reason) = error { return reason }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        switch nsError.code {
        case NSFileWriteFileExistsError: return "a file is in the way of a folder of the path"
        case NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "no space left on the disk"
        case NSFileWriteVolumeReadOnlyError: return "the disk is read-only"
        default: return "the system refused (\(nsError.domain) \(nsError.code))"
        }
    }
}

/// The pauses of the test hook (see `OutputFolder`).
struct TestPauses {
    enum Phase: String { case stage, rename }
    var beforeStage: Int?
    var beforeRename: Int?

    static func fromEnvironment() -> TestPauses {
        let environment = ProcessInfo.processInfo.environment
        return TestPauses(beforeStage: environment["MAILLAGE_TEST_PAUSE_BEFORE_STAGE"].flatMap { Int($0) },
                          beforeRename: environment["MAILLAGE_TEST_PAUSE_BEFORE_RENAME"].flatMap { Int($0) })
    }

    func pause(_ phase: Phase, _ index: Int) {
        guard (phase == .stage ? beforeStage : beforeRename) == index else { return }
        FileHandle.standardError.write(Data("maillage: test pause before \(phase.rawValue) \(index)\n".utf8))
        var duration = timespec(tv_sec: 1, tv_nsec: 0)
        // A signal held during the commit may interrupt the sleep; the commit then goes on.
        _ = nanosleep(&duration, nil)
    }
}
