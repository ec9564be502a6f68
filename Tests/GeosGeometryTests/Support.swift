import Foundation
import GeosGeometry
import Testing
import GeoCore

func square(_ x0: Double, _ y0: Double, _ size: Double) -> [XY] {
    [XY(x0, y0), XY(x0 + size, y0), XY(x0 + size, y0 + size), XY(x0, y0 + size), XY(x0, y0)]
}

/// Runs `body` with a lifetime tracker and checks that every GEOS handle it created was freed.
func expectNoLeaks(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) rethrows {
    let tracker = LifetimeTracker()
    try LifetimeTracker.$current.withValue(tracker) { try body() }
    #expect(tracker.live == 0, "GEOS handles leaked", sourceLocation: sourceLocation)
}
