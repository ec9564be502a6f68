import GeoCore

/// Transformers kept per thread, so parallel work reuses one PROJ context and transformation
/// per worker thread instead of creating one per task (PROJ objects must not cross threads).
public enum ThreadTransformers {
    private final class Cache {
        var transformers: [String: Transformer] = [:]
    }

    private static let caches = PerThread { Cache() }

    /// Runs `body` with this thread's transformer from `source` to `target`.
    public static func with<R>(from source: CRS, to target: CRS, _ body: (Transformer) throws -> R) throws -> R {
        let cache = caches.current
        let name = source.definition + "\u{1}" + target.definition
        if let transformer = cache.transformers[name] { return try body(transformer) }
        let transformer = try Transformer(from: source, to: target)
        cache.transformers[name] = transformer
        return try body(transformer)
    }
}
