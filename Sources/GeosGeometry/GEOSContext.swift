internal import CGEOS
import GeoCore
import Foundation

/// One GEOS context per thread, created on first use and finished when the thread exits.
///
/// GEOS's reentrant API (`*_r`) takes a context handle on every call; a handle must not be
/// used by two threads at once. Every call in this module goes through `GEOSContext.withCurrent`,
/// which hands the calling thread's own context to a synchronous closure (never held across `await`).
final class GEOSContext {
    let handle: GEOSContextHandle_t
    /// Last message given to the error handler; cleared before each call.
    var lastError: String?

    private init() {
        guard let handle = GEOS_init_r() else { fatalError("GEOS_init_r returned NULL (out of memory)") }
        self.handle = handle
        // The handler receives `self` as user data; the context outlives its handle.
        GEOSContext_setErrorMessageHandler_r(handle, { message, userData in
            guard let userData, let message else { return }
            let context = Unmanaged<GEOSContext>.fromOpaque(userData).takeUnretainedValue()
            context.lastError = String(cString: message)
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    deinit { GEOS_finish_r(handle) }

    private static let perThread = PerThread { GEOSContext() }

    /// Runs `body` with this thread's context, with its last error cleared.
    @inline(__always)
    static func withCurrent<R>(_ body: (GEOSContext) throws(GeometryError) -> R) throws(GeometryError) -> R {
        let context = perThread.current
        context.lastError = nil
        return try body(context)
    }

    /// Handle of the calling thread's context, for calls that cannot fail (destroy, getters).
    static var currentHandle: GEOSContextHandle_t {
        // withCurrent never throws when the body does not.
        (try? withCurrent { (context: GEOSContext) throws(GeometryError) in context.handle })!
    }

    func error(_ operation: String) -> GeometryError {
        .geos(operation: operation, message: lastError ?? "unknown GEOS error")
    }
}

// MARK: - Funnels: one per C convention, so each operation is a few lines.

/// A call returning a new geometry (NULL = exception). Ownership of the result passes to Swift.
@inline(__always)
func geosGeometry(_ operation: String, kind: CoordinateKind,
                  _ call: (GEOSContextHandle_t) -> OpaquePointer?) throws(GeometryError) -> Geometry {
    try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Geometry in
        guard let pointer = call(context.handle) else { throw context.error(operation) }
        return Geometry(owning: pointer, kind: kind)
    }
}

/// A call writing a double through a pointer and returning 0 on exception.
@inline(__always)
func geosDouble(_ operation: String,
                _ call: (GEOSContextHandle_t, UnsafeMutablePointer<Double>) -> Int32) throws(GeometryError) -> Double {
    try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Double in
        var value = 0.0
        guard call(context.handle, &value) != 0 else { throw context.error(operation) }
        return value
    }
}

/// A predicate returning 1 (true), 0 (false) or 2 (exception).
@inline(__always)
func geosPredicate(_ operation: String, _ call: (GEOSContextHandle_t) -> CChar) throws(GeometryError) -> Bool {
    try GEOSContext.withCurrent { (context: GEOSContext) throws(GeometryError) -> Bool in
        switch call(context.handle) {
        case 0: return false
        case 1: return true
        default: throw context.error(operation)
        }
    }
}
