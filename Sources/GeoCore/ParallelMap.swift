import Dispatch

/// Order-preserving parallel map over the machine's cores (GEOS and PROJ work is per thread).
public enum ParallelMap {
    public static func map<T: Sendable, R>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        return [R](unsafeUninitializedCapacity: items.count) { buffer, count in
            let base = buffer.baseAddress!
            nonisolated(unsafe) let output = base
            DispatchQueue.concurrentPerform(iterations: items.count) { index in
                (output + index).initialize(to: transform(items[index]))
            }
            count = items.count
        }
    }

    /// Maps index ranges in chunks, for many small items.
    public static func mapIndices<R>(_ count: Int, chunk: Int = 64, _ transform: @Sendable (Int) -> R) -> [R] {
        guard count > 0 else { return [] }
        let chunks = (count + chunk - 1) / chunk
        let parts: [[R]] = map(Array(0..<chunks)) { c in (c * chunk..<min(count, (c + 1) * chunk)).map(transform) }
        return parts.flatMap { $0 }
    }
}
