import Foundation

/// `--name value` options (a flag followed by another option or by nothing has the value "").
struct BenchOptions {
    private var values: [String: String] = [:]

    init(_ arguments: some Sequence<String>) throws {
        var rest = Array(arguments)[...]
        while let key = rest.popFirst() {
            guard key.hasPrefix("--") else { throw BenchError("unexpected argument \(key)") }
            values[String(key.dropFirst(2))] = rest.first.map { $0.hasPrefix("--") ? "" : rest.removeFirst() } ?? ""
        }
    }

    func string(_ name: String) -> String? { values[name] }
    func has(_ name: String) -> Bool { values[name] != nil }
    func int(_ name: String, default value: Int) -> Int { values[name].flatMap { Int($0) } ?? value }
    func double(_ name: String, default value: Double) -> Double { values[name].flatMap { Double($0) } ?? value }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Stops the run: a benchmark whose answer is wrong has measured nothing.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("bench check FAILED: \(message)\n".utf8))
    exit(1)
}

/// Peak resident memory of this process so far, MiB (getrusage reports KiB on Linux).
func peakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

/// CPU time of the process (user + system), seconds: less disturbed than wall time when other jobs
/// share the machine.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

/// Wall seconds of `body`.
func wallSeconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    return seconds(ContinuousClock.now - start)
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}
