import Foundation
import GeoCore
@testable import GeoIO
import Testing

/// Layers larger than one chunk are encoded in parallel: the bytes are those of the features encoded
/// one by one and joined as the collection's form says.
@Suite struct GeoJSONWriterChunkTests {
    @Test(arguments: [0, 1, GeoJSONWriter.featuresPerChunk, GeoJSONWriter.featuresPerChunk + 1, 3 * GeoJSONWriter.featuresPerChunk + 17])
    func chunkedEncodingIsTheFeaturesJoined(count: Int) {
        let writer = GeoJSONWriter(decimals: 6)
        var features: [Feature] = []
        for k in 0..<count {
            let name = k % 5 == 0 ? "Saint-\"Quote\"\n\(k)" : "Commune \(k)"
            let properties: [(key: String, value: JSONValue)] = [
                (key: "rank", value: .number(Double(k + 1))), (key: "nom", value: .string(name)),
                (key: "share", value: .number(Double(k) / 7)), (key: "none", value: .null),
            ]
            let geometry: Shape = k % 3 == 0 ? .point(XY(Double(k) * 1e-4, -45.5)) : .polygon([[XY(0, 0), XY(1, 0), XY(1, 1), XY(0, 0)]])
            features.append(Feature(properties: JSONObject(properties), geometry: geometry))
        }
        let foreign = JSONObject([(key: "maillage", value: .string("run"))])
        var expected = Array("{\"type\":\"FeatureCollection\",\"maillage\":\"run\",\"features\":[\n".utf8)
        for (index, feature) in features.enumerated() {
            expected += writer.encode(feature)
            expected += Array((index + 1 < features.count ? ",\n" : "\n").utf8)
        }
        expected += Array("]}\n".utf8)
        #expect(writer.encode(features, foreignMembers: foreign) == expected)
    }

    /// Strings without escapes are copied whole; the others escaped as before; integral numbers as integers.
    @Test func stringsAndNumbers() {
        var output = JSONOutput()
        output.appendString("Étrez")
        output.appendString("a\"b\\c\u{01}\t")
        output.appendNumber(-0.0)
        output.appendNumber(-1234567)
        output.appendNumber(999_999_999_999_999)
        output.appendNumber(1e15)
        output.appendNumber(0.1)
        output.appendNumber(.infinity)
        #expect(String(decoding: output.bytes, as: UTF8.self)
                == "\"Étrez\"\"a\\\"b\\\\c\\u0001\\t\"0-1234567999999999999999" + "1000000000000000.0" + "0.1" + "null")
    }
}
