import GeosGeometry
import Testing
import TestSupport
import GeoCore

@Suite struct ConcurrencyTests {
    /// The same operations in parallel tasks give exactly the serial results (bit for bit).
    @Test func parallelEqualsSerial() async throws {
        let shared = try Geometry.polygon([square(0, 0, 100)])   // shared read-only across tasks
        func work(_ i: Int) throws -> [Double] {
            let disc = try Geometry.point(XY(Double(i), Double(i % 37))).buffer(Double(10 + i % 7), quadrantSegments: 8)
            let clipped = try disc.intersection(shared)
            let union = try Geometry.unaryUnion(of: [disc, try Geometry.polygon([square(Double(i), 0, 5)])])
            let valid = try Geometry.polygon([[XY(0, 0), XY(2, 2), XY(2, 0), XY(0, 2), XY(0, 0)]]).makeValid()
            return [try clipped.area(), try union.area(), try valid.area(), try disc.distance(to: shared),
                    try clipped.pointOnSurface().pointXY?.x ?? -1]
        }
        let serial = try (0..<200).map(work)
        let parallel = try await withThrowingTaskGroup(of: (Int, [Double]).self) { group in
            for i in 0..<200 { group.addTask { (i, try work(i)) } }
            var results = [[Double]](repeating: [], count: 200)
            for try await (i, values) in group { results[i] = values }
            return results
        }
        #expect(parallel == serial)
    }
}
