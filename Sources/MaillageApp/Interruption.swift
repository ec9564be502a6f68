import Foundation

/// SIGINT, SIGTERM and SIGHUP while output files are written: the staged files of every write in
/// progress are removed and the signal then ends the process as it would have; a write that is
/// committing (renaming its files into place) finishes first.
///
/// The signal handler itself only writes the signal number to a pipe (async-signal-safe); a watcher
/// thread reads it and does the work under the lock that staging and commit steps hold, so it never
/// removes a file being renamed. Installed on the first write, for signals whose disposition is the
/// default (a signal ignored by the caller, e.g. SIGINT of a background job, stays ignored). With no
/// write in progress, a signal ends the process as before.
enum Interruption {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var writes: [String: [String]] = [:]   // staging path → file names
    nonisolated(unsafe) private static var serial = 0
    private static let installed: Bool = install()

    static func nextSerial() -> Int {
        lock.lock(); defer { lock.unlock() }
        serial += 1
        return serial
    }

    /// Creates the staging folder and records it, so that a signal removes it.
    static func register(staging: URL, names: [String]) throws {
        _ = installed
        try exclusive {
            guard mkdir(staging.path, 0o755) == 0 else {
                throw OutputFolderError("cannot create a staging folder in \(staging.deletingLastPathComponent().path): "
                                        + "\(String(cString: strerror(errno))) — check that the folder is writable")
            }
            writes[staging.path] = names
        }
    }

    /// Runs `body` while no signal cleanup can run (a signal arriving meanwhile waits for it). When a
    /// signal has already arrived, `body` does not run: this thread lets the cleanup run and waits for
    /// the end of the process.
    static func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        if relayedSignal != 0 {
            lock.unlock()
            waitIfInterrupted()
        }
        defer { lock.unlock() }
        return try body()
    }

    /// When a signal has arrived, waits for the watcher to end the process (a write just committed
    /// must not go on to exit normally, as if the signal had not come).
    static func waitIfInterrupted() {
        guard relayedSignal != 0 else { return }
        while true { sleep(1) }
    }

    /// Removes a write's staged files and staging folder, and forgets it.
    static func discard(staging: URL, names: [String]) {
        exclusive {
            removeStaged(staging.path, names: names)
            writes[staging.path] = nil
        }
    }

    /// Forgets a committed write; call with the lock held (inside `exclusive`).
    static func forgetLocked(staging: URL) { writes[staging.path] = nil }

    private static func removeStaged(_ staging: String, names: [String]) {
        for name in names + [OutputFolder.journalName] { unlink(staging + "/" + name) }
        if rmdir(staging) != 0 { try? FileManager.default.removeItem(atPath: staging) }
    }

    // MARK: - Signals

    nonisolated(unsafe) private static var pipeWriteEnd: Int32 = -1

    private static func install() -> Bool {
        relayedSignal = 0
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return false }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(ends[1], F_SETFL, fcntl(ends[1], F_GETFL) | O_NONBLOCK)
        pipeWriteEnd = ends[1]
        let readEnd = ends[0]
        // A mask inherited from the parent (test harnesses, some launchers) could hold these signals
        // back for good: unblock them in this thread, which then receives them.
        var handled = sigset_t()
        sigemptyset(&handled)
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&handled, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &handled, nil)
        let watcher = Thread { watch(readEnd) }
        watcher.name = "maillage signal watcher"
        watcher.start()
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            let previous = signal(signalNumber, relaySignal)
            // Keep what the caller chose to ignore (SIG_IGN is the handler value 1).
            if let previous, unsafeBitCast(previous, to: Int.self) == 1 { signal(signalNumber, previous) }
        }
        return true
    }

    /// Waits for signals relayed by the handler; on one, cleans up and ends the process by that signal.
    private static func watch(_ readEnd: Int32) -> Never {
        while true {
            var byte: UInt8 = 0
            let count = read(readEnd, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { Thread.sleep(forTimeInterval: 3600); continue }
            let signalNumber = Int32(byte)
            lock.lock()   // held until the process ends: no write starts or goes on after this
            for (staging, names) in writes { removeStaged(staging, names: names) }
            signal(signalNumber, SIG_DFL)
            kill(getpid(), signalNumber)
            Thread.sleep(forTimeInterval: 0.5)   // the default action ends the process; this is a fallback
            _exit(128 + signalNumber)
        }
    }
}

/// The last signal received (0: none), set by the raw handler.
nonisolated(unsafe) private var relayedSignal: Int32 = 0

/// The raw signal handler: it records the signal and writes its number to the watcher's pipe, both
/// async-signal-safe.
private let relaySignal: @convention(c) (Int32) -> Void = { signalNumber in
    relayedSignal = signalNumber
    var byte = UInt8(truncatingIfNeeded: signalNumber)
    _ = write(Interruption.pipeEnd, &byte, 1)
}

extension Interruption {
    /// The pipe's write end, read by the raw handler (set once before the handler is installed).
    fileprivate static var pipeEnd: Int32 { pipeWriteEnd }
}
