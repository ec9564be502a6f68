/// Every error VectorSource throws. `description` is one sentence for the user: the file (and layer,
/// sheet or feature), what is wrong, and what to do.
public enum VectorSourceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file does not exist or cannot be read.
    case unreadableFile(path: String, reason: String)
    /// GDAL could not open the file as vector data; `format` is what its first bytes look like.
    case cannotOpen(path: String, format: FileFormat, gdalMessage: String)
    /// The dataset holds no layer at all.
    case noLayers(path: String)
    /// The requested layer does not exist.
    case unknownLayer(path: String, layer: String, available: [LayerInfo])
    /// No layer was requested and none can be chosen by the rules (see `LayerChoice`).
    case ambiguousLayer(path: String, available: [LayerInfo])
    /// The layer has geometries but declares no coordinate reference system.
    case missingCRS(path: String, layer: String, driver: String)
    /// No transformation from the layer's CRS to WGS84 longitude/latitude.
    case noTransformation(path: String, layer: String, crs: String, gdalMessage: String)
    /// A feature's geometry could not be reprojected or converted; `featureIndex` is 0-based in layer order.
    case badFeature(path: String, layer: String, featureIndex: Int, problem: String)
    /// The file is not an XLSX or ODS workbook.
    case notASpreadsheet(path: String, format: FileFormat, gdalMessage: String)
    /// The requested sheet does not exist.
    case unknownSheet(path: String, sheet: String, available: [String])

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason) — check the path and permissions"
        case .cannotOpen(let path, let format, let message):
            return "\(path): \(format.isKnown ? "this is \(format.label), which" : "this file") cannot be read as vector data"
                + Self.because(message) + " — \(format.advice)"
        case .noLayers(let path):
            return "\(path) holds no layer — check that it is the exported file, not an empty container"
        case .unknownLayer(let path, let layer, let available):
            return "\(path) has no layer \"\(layer)\" (layers: \(LayerInfo.list(available))) — give one of these names"
        case .ambiguousLayer(let path, let available):
            return "\(path) holds several layers and none is clearly the one to read (layers: \(LayerInfo.list(available))) "
                + "— give the layer name"
        case .missingCRS(let path, let layer, let driver):
            return "\(path) layer \"\(layer)\" declares no coordinate reference system, so its coordinates cannot be "
                + "placed on the map — " + (driver == "ESRI Shapefile"
                    ? "put the .prj file that came with the Shapefile beside it (same name), or assign the CRS, "
                    : "assign the CRS, ")
                + "e.g. `ogr2ogr -a_srs EPSG:2154 fixed.gpkg \(path)` for Lambert-93"
        case .noTransformation(let path, let layer, let crs, let message):
            return "\(path) layer \"\(layer)\": no transformation from \(Self.short(crs)) to WGS84 longitude/latitude"
                + Self.because(message) + " — check the CRS the file declares, or reproject it with `ogr2ogr -t_srs EPSG:4326`"
        case .badFeature(let path, let layer, let index, let problem):
            return "\(path) layer \"\(layer)\" feature \(index): \(problem) — fix or remove this feature "
                + "(e.g. in QGIS, or `ogr2ogr -makevalid`)"
        case .notASpreadsheet(let path, let format, let message):
            return "\(path): \(format.isKnown ? "this is \(format.label), not" : "this file is not") an XLSX or ODS workbook"
                + Self.because(message) + " — \(format == .xls ? "save it as .xlsx" : format.advice)"
        case .unknownSheet(let path, let sheet, let available):
            return "\(path) has no sheet \"\(sheet)\" (sheets: \(available.map { "\"\($0)\"" }.joined(separator: ", "))) "
                + "— give one of these names"
        }
    }

    private static func because(_ message: String) -> String {
        message.isEmpty ? "" : " (\(message))"
    }

    /// A CRS for a sentence: an EPSG code as is, a WKT by its name.
    private static func short(_ crs: String) -> String {
        guard let open = crs.firstIndex(of: "\""), crs.count > 40 else { return crs }
        let rest = crs[crs.index(after: open)...]
        return rest.firstIndex(of: "\"").map { "\"\(rest[..<$0])\"" } ?? crs
    }
}
