import Foundation

/// One object per thread, made on a thread's first use and released when that thread exits: for
/// C library state (GEOS contexts, PROJ transformations) that must not be shared between threads.
/// The object never leaves its thread, so it need not be `Sendable`.
public final class PerThread<Value: AnyObject>: Sendable {
    @usableFromInline let key: pthread_key_t
    @usableFromInline let make: @Sendable () -> Value

    public init(_ make: @escaping @Sendable () -> Value) {
        var key = pthread_key_t()
        // Destructor: release the retained object when its thread exits.
        pthread_key_create(&key) { pointer in
            guard let pointer else { return }
            Unmanaged<AnyObject>.fromOpaque(pointer).release()
        }
        self.key = key
        self.make = make
    }

    /// The calling thread's object.
    @inlinable public var current: Value {
        if let pointer = pthread_getspecific(key) {
            return Unmanaged<Value>.fromOpaque(pointer).takeUnretainedValue()
        }
        let value = make()
        pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
        return value
    }
}
