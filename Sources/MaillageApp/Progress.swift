import Foundation

/// Step messages on standard error, only on a terminal and unless --quiet; with elapsed time.
final class Progress: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private(set) var steps: [(name: String, seconds: Double, cpuSeconds: Double)] = []
    private var last = Date()
    private var lastCPU = Progress.processCPUSeconds()

    /// CPU time of all threads of the process, to attribute work to steps on a busy machine.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    init(quiet: Bool, force: Bool = false) {
        enabled = force || (!quiet && isatty(STDERR_FILENO) == 1)
    }

    func step(_ message: String) {
        lock.lock(); defer { lock.unlock() }
        let now = Date(), cpu = Self.processCPUSeconds()
        if !steps.isEmpty { steps[steps.count - 1].seconds = now.timeIntervalSince(last); steps[steps.count - 1].cpuSeconds = cpu - lastCPU }
        steps.append((message, 0, 0))
        last = now
        lastCPU = cpu
        guard enabled else { return }
        FileHandle.standardError.write(Data(String(format: "[%6.1f s] %@\n", now.timeIntervalSince(start), message).utf8))
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if !steps.isEmpty {
            steps[steps.count - 1].seconds = Date().timeIntervalSince(last)
            steps[steps.count - 1].cpuSeconds = Self.processCPUSeconds() - lastCPU
        }
    }

    /// Step durations, one per line (for --timings and the benchmark script).
    var timingReport: String {
        "    wall       cpu  step\n"
            + steps.map { String(format: "%8.3f s %8.3f s  %@", $0.seconds, $0.cpuSeconds, $0.name) }.joined(separator: "\n")
            + String(format: "\n%8.3f s %8.3f s  total", Date().timeIntervalSince(start), Self.processCPUSeconds())
    }
}
