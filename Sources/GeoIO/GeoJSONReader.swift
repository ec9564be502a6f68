import Foundation

/// What the reader checks besides GeoJSON structure.
public struct GeoJSONReadOptions: Sendable {
    /// Reject positions with |x| > 180 or |y| > 90 (projected coordinates in a GeoJSON file).
    public var checkLonLatRange = true
    /// Reject polygon rings that are not closed or have fewer than 4 positions,
    /// and LineStrings with fewer than 2 positions.
    public var checkRings = true

    public init(checkLonLatRange: Bool = true, checkRings: Bool = true) {
        self.checkLonLatRange = checkLonLatRange
        self.checkRings = checkRings
    }
}

/// Reads GeoJSON: a FeatureCollection, a single Feature or a bare geometry (the latter two
/// become a one-feature collection). Syntax errors give line and column; geometry errors name
/// the feature index and an id-like property.
public enum GeoJSONReader {
    public static func read(contentsOf url: URL, options: GeoJSONReadOptions = .init()) throws(GeoIOError) -> FeatureCollection {
        let bytes = try FileBytes.read(url, kind: .geoJSON)
        return try read(bytes: bytes, source: url.path, options: options)
    }

    /// `source` names the input in error messages (a file name, "stdin"…).
    public static func read(data: Data, source: String, options: GeoJSONReadOptions = .init()) throws(GeoIOError) -> FeatureCollection {
        let result = data.withUnsafeBytes { buffer in
            Result { () throws(GeoIOError) in try read(buffer: buffer, source: source, options: options) }
        }
        return try result.get()
    }

    public static func read(bytes: [UInt8], source: String, options: GeoJSONReadOptions = .init()) throws(GeoIOError) -> FeatureCollection {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(GeoIOError) in try read(buffer: buffer, source: source, options: options) }
        }
        return try result.get()
    }

    static func read(buffer: UnsafeRawBufferPointer, source: String, options: GeoJSONReadOptions) throws(GeoIOError) -> FeatureCollection {
        var decoder = GeoJSONDecoder(scanner: JSONScanner(buffer, source: source), options: options)
        return try decoder.decodeDocument()
    }
}
