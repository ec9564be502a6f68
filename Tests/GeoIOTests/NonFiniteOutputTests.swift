import GeoCore
@testable import GeoIO
import Testing

/// JSON has no NaN or infinity: the writer gives null for them, and no number, however large, traps.
@Suite struct NonFiniteOutputTests {
    @Test func nonFiniteNumbersAreWrittenAsNull() {
        let properties: JSONObject = ["inf": .number(.infinity), "nan": .number(.nan), "huge": .number(1e308),
                                      "int64": .number(Double(Int64.max)), "negative": .number(-.infinity)]
        let feature = Feature(properties: properties, geometry: .point(XY(.infinity, .nan)))
        let text = String(decoding: GeoJSONWriter().encode([feature]), as: UTF8.self)
        #expect(text.contains(#""inf":null,"nan":null,"huge":1e+308,"int64":9.223372036854776e+18,"negative":null"#))
        #expect(text.contains(#""coordinates":[null,null]"#))
    }

    @Test func hugeAndOutOfRangeCoordinatesDoNotTrap() throws {
        let ring = [XY(0, 0), XY(1e300, 0), XY(1e300, 1e300), XY(-.infinity, .nan), XY(0, 0)]
        var writer = GeoJSONWriter(decimals: 6)
        writer.decimals = 40   // set past the initialiser's clamp
        let bytes = writer.encode([Feature(geometry: .polygon([ring])), Feature(geometry: .point(XY(1e19, -1e19)))])
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("null"))
        #expect(text.contains("10000000000000000000"))
    }
}
