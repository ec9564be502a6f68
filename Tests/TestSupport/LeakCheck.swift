import GeosGeometry
import Testing

/// Runs `body` with a lifetime tracker and checks that every GEOS handle it created was freed.
public func expectNoLeaks(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) rethrows {
    let tracker = LifetimeTracker()
    try LifetimeTracker.$current.withValue(tracker) { try body() }
    #expect(tracker.live == 0, "GEOS handles leaked", sourceLocation: sourceLocation)
}
