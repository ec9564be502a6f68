import Testing
import GeoIO

/// Reads GeoJSON text given inline in a test.
func readGeoJSON(_ text: String, options: GeoJSONReadOptions = .init()) throws(GeoIOError) -> FeatureCollection {
    try GeoJSONReader.read(bytes: Array(text.utf8), source: "test.geojson", options: options)
}

/// The GeoIOError thrown by `body`, or nil if it succeeded. Another error type is a test failure.
func geoIOError<T>(_ body: () throws -> T) -> GeoIOError? {
    do {
        _ = try body()
        return nil
    } catch let error as GeoIOError {
        return error
    } catch {
        Issue.record("expected a GeoIOError, got \(error)")
        return nil
    }
}
