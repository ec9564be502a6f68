import Testing
@testable import GeoIO
import TestSupport
import GeoCore

@Suite("Number parsing and formatting properties")
struct NumberParsingPropertyTests {
    /// Random decimal tokens (1–20 significant digits, exponents −30…30) parse exactly as Swift's Double(String).
    @Test func randomDecimalTokensParseExactly() throws {
        var generator = SeededGenerator(seed: 7946)
        var tokens: [String] = []
        for _ in 0..<20_000 {
            let digitCount = Int.random(in: 1...20, using: &generator)
            var digits = String((0..<digitCount).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
            while digits.count > 1 && digits.hasPrefix("0") { digits.removeFirst() }
            var token = Bool.random(using: &generator) ? "-" : ""
            let point = Int.random(in: 0...digits.count, using: &generator)
            if point > 0 && point < digits.count {
                token += digits.prefix(point) + "." + digits.dropFirst(point)
            } else {
                token += digits
            }
            if Int.random(in: 0..<4, using: &generator) == 0 {
                token += "e\(Int.random(in: -30...30, using: &generator))"
            }
            tokens.append(token)
        }
        let text = "[" + tokens.joined(separator: ",") + "]"
        let parsed = try Array(text.utf8).withUnsafeBytes { buffer throws(GeoIOError) -> [JSONValue] in
            var scanner = JSONScanner(buffer, source: "random")
            return try scanner.readValue().arrayValue ?? []
        }
        try #require(parsed.count == tokens.count)
        var mismatches: [String] = []
        for (token, value) in zip(tokens, parsed) where value != .number(Double(token)!) {
            mismatches.append(token)
        }
        #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
    }

    /// Writing a coordinate with 6 decimals then reading it back lands within half a unit of the 6th decimal.
    @Test func writtenCoordinatesReadBackWithinHalfAMicrodegree() throws {
        var generator = SeededGenerator(seed: 4326)
        let positions = (0..<5_000).map { _ in
            XY(x: Double.random(in: -180...180, using: &generator), y: Double.random(in: -90...90, using: &generator))
        }
        let bytes = GeoJSONWriter().encode([Feature(geometry: .multiPoint(positions))])
        guard case .multiPoint(let reread)? = try GeoJSONReader.read(bytes: bytes, source: "out").features[0].geometry else {
            Issue.record("expected a MultiPoint")
            return
        }
        try #require(reread.count == positions.count)
        let worst = zip(positions, reread).map { max(abs($0.x - $1.x), abs($0.y - $1.y)) }.max()!
        #expect(worst <= 0.5e-6 + 1e-12)
    }
}
