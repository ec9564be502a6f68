import Foundation

/// Step messages on standard error, only on a terminal and unless --quiet; with elapsed time.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private(set) var steps: [(name: String, seconds: Double)] = []
    private var last = Date()

    init(quiet: Bool, force: Bool = false) {
        enabled = force || (!quiet && isatty(STDERR_FILENO) == 1)
    }

    func step(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        if let previous = steps.last { steps[steps.count - 1].seconds = now.timeIntervalSince(last); _ = previous }
        steps.append((message, 0))
        last = now
        guard enabled else { return }
        FileHandle.standardError.write(Data(String(format: "[%6.1f s] %@\n", now.timeIntervalSince(start), message).utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if !steps.isEmpty { steps[steps.count - 1].seconds = Date().timeIntervalSince(last) }
    }

    /// Step durations, one per line (for --timings and the benchmark script).
    var timingReport: String {
        steps.map { String(format: "%8.3f s  %@", $0.seconds, $0.name) }.joined(separator: "\n")
            + String(format: "\n%8.3f s  total", Date().timeIntervalSince(start))
    }
}
