import Foundation
internal import CGDAL

/// The process-wide GDAL set-up, done once whichever thread asks first (a Swift static `let` is
/// initialised exactly once, thread-safely): every driver registered, and no size limit on GeoJSON objects.
/// Everything else is per call: each call opens its own datasets, features and spatial references, and
/// silences GDAL's console messages on its own thread only, keeping the last one for the error it throws.
enum GDALSession {
    private static let configured: Void = {
        CPLSetConfigOption("OGR_GEOJSON_MAX_OBJ_SIZE", "0")
        GDALAllRegister()
    }()

    /// Runs `body` with GDAL configured and its messages on this thread kept out of the console.
    static func run<T>(_ body: () throws(VectorSourceError) -> T) throws(VectorSourceError) -> T {
        _ = configured
        CPLPushErrorHandler(CPLQuietErrorHandler)
        defer { CPLPopErrorHandler() }
        CPLErrorReset()
        return try body()
    }

    /// GDAL's last error message on this thread ("" when none), trimmed.
    static var lastErrorMessage: String {
        guard let message = CPLGetLastErrorMsg() else { return "" }
        return String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Calls `body` with a NULL-terminated C array of the strings (the `char **` lists of GDAL), or NULL for none.
    static func withCStringList<T, E: Error>(_ strings: [String],
                                             _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws(E) -> T) throws(E) -> T {
        if strings.isEmpty { return try body(nil) }
        let copies: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        let list: [UnsafePointer<CChar>?] = copies.map { $0.map { UnsafePointer($0) } } + [nil]
        let result = list.withUnsafeBufferPointer { buffer in
            Result { () throws(E) in try body(buffer.baseAddress) }
        }
        return try result.get()
    }
}

extension String {
    /// A C string GDAL owns (nil gives "").
    init(gdal pointer: UnsafePointer<CChar>?) {
        self = pointer.map { String(cString: $0) } ?? ""
    }
}
