import Foundation
import GeoCore
import GeoIO
internal import CGDAL

/// Reads vector layers (Shapefile, GeoPackage, GeoJSON, FlatGeobuf, CSV… any format GDAL reads) into
/// `FeatureCollection` in WGS84 longitude/latitude, and spreadsheets (XLSX, ODS) into rows of text.
/// Each call opens its own GDAL dataset, so calls may run concurrently on different threads.
/// The library never prints and never exits; every failure is a `VectorSourceError`.
public enum VectorSource {
    /// Reads one layer of the dataset at `path`, reprojected to WGS84 longitude/latitude.
    /// - Parameter layer: the layer name; nil chooses by `LayerChoice` (the only layer, the only polygon
    ///   layer, the "commune" layer), else throws the list of layers.
    public static func read(path: String, layer: String? = nil) throws(VectorSourceError) -> VectorLayer {
        try GDALSession.run { () throws(VectorSourceError) in
            let dataset = try Dataset(path: path)
            defer { withExtendedLifetime(dataset) {} }  // open while its layers are read
            let available = dataset.layers
            guard !available.isEmpty else { throw .noLayers(path: path) }
            guard let index = LayerChoice.choose(layer, among: available) else {
                if let layer { throw .unknownLayer(path: path, layer: layer, available: available) }
                throw .ambiguousLayer(path: path, available: available)
            }
            return try readLayer(dataset, index: index, name: available[index].name)
        }
    }

    /// The layers of the dataset at `path`, with their declared geometry types.
    public static func layers(path: String) throws(VectorSourceError) -> [LayerInfo] {
        try GDALSession.run { () throws(VectorSourceError) in try Dataset(path: path).layers }
    }

    /// Every row of one sheet of an XLSX or ODS workbook as text (no row is taken as a header, so title
    /// lines above the header are kept and the caller finds the header row). Cells are GDAL's text of the
    /// stored value: text as is ("01001" keeps its zero), numbers as stored ("779", "0.1"), dates as "2024/03/01".
    /// - Parameter sheet: the sheet name (exact, else ignoring case); nil reads the first sheet.
    public static func readTable(path: String, sheet: String? = nil) throws(VectorSourceError) -> SpreadsheetTable {
        try GDALSession.run { () throws(VectorSourceError) in
            // Configuration options of this thread only (GDAL 3.6 has no open options for these): every row is
            // data, every cell text. The drivers read them while they parse, so they stay set until the end.
            let settings = ["OGR_XLSX_HEADERS": "DISABLE", "OGR_ODS_HEADERS": "DISABLE",
                            "OGR_XLSX_FIELD_TYPES": "STRING", "OGR_ODS_FIELD_TYPES": "STRING"]
            let previous = settings.keys.map { ($0, CPLGetThreadLocalConfigOption($0, nil).map { String(cString: $0) }) }
            settings.forEach { CPLSetThreadLocalConfigOption($0.key, $0.value) }
            defer { previous.forEach { CPLSetThreadLocalConfigOption($0.0, $0.1) } }
            let dataset = try Dataset(path: path, drivers: ["XLSX", "ODS"])
            defer { withExtendedLifetime(dataset) {} }  // open while its layers are read
            let sheets = dataset.layers.map(\.name)
            let index: Int
            if let sheet {
                guard let found = sheets.firstIndex(of: sheet) ?? sheets.firstIndex(where: { $0.lowercased() == sheet.lowercased() })
                else { throw .unknownSheet(path: path, sheet: sheet, available: sheets) }
                index = found
            } else {
                guard !sheets.isEmpty else { throw .noLayers(path: path) }
                index = 0
            }
            let layer = GDALDatasetGetLayer(dataset.handle, Int32(index))!
            let width = Int(OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer)))
            var rows: [[String]] = []
            OGR_L_ResetReading(layer)
            while let feature = OGR_L_GetNextFeature(layer) {
                defer { OGR_F_Destroy(feature) }
                rows.append((0..<Int32(width)).map { field in
                    OGR_F_IsFieldSetAndNotNull(feature, field) != 0 ? String(gdal: OGR_F_GetFieldAsString(feature, field)) : ""
                })
            }
            return SpreadsheetTable(source: path, sheet: sheets[index], sheets: sheets, rows: rows)
        }
    }

    /// The format of the file at `path`, from its first bytes and extension, for messages such as
    /// "this is a Shapefile (.shp)" instead of a parse error.
    public static func detectFormat(path: String) -> FileFormat {
        FileFormat.detect(path: path)
    }

    private static func readLayer(_ dataset: Dataset, index: Int, name: String) throws(VectorSourceError) -> VectorLayer {
        let path = dataset.path
        let layer = GDALDatasetGetLayer(dataset.handle, Int32(index))!
        let definition = OGR_L_GetLayerDefn(layer)!
        let hasGeometry = OGR_FD_GetGeomFieldCount(definition) > 0
        var sourceCRS: String?
        var transformation: CoordinateTransformation?
        if hasGeometry {
            guard let wgs84 = SpatialReference.wgs84() else {
                throw .noTransformation(path: path, layer: name, crs: "EPSG:4326", gdalMessage: GDALSession.lastErrorMessage)
            }
            if let declared = OGR_L_GetSpatialRef(layer), let source = SpatialReference(copying: declared) {
                sourceCRS = source.name
                if !source.isWGS84(wgs84) {
                    guard let made = CoordinateTransformation(from: source, to: wgs84) else {
                        throw .noTransformation(path: path, layer: name, crs: sourceCRS ?? "?",
                                                gdalMessage: GDALSession.lastErrorMessage)
                    }
                    transformation = made
                }
            } else if dataset.driver == "GeoJSON" || dataset.driver == "GeoJSONSeq" {
                sourceCRS = "EPSG:4326"  // RFC 7946: GeoJSON is WGS84 longitude/latitude by definition
            } else {
                throw .missingCRS(path: path, layer: name, driver: dataset.driver)
            }
        }

        let fields = FieldReader(definition: definition)
        var features: [Feature] = []
        let expected = OGR_L_GetFeatureCount(layer, 0)
        if expected > 0 { features.reserveCapacity(Int(expected)) }
        var withoutGeometry = 0
        OGR_L_ResetReading(layer)
        while let feature = OGR_L_GetNextFeature(layer) {
            defer { OGR_F_Destroy(feature) }
            let shape = try geometry(of: feature, transformation: transformation) { problem in
                VectorSourceError.badFeature(path: path, layer: name, featureIndex: features.count, problem: problem)
            }
            if shape == nil { withoutGeometry += 1 }
            features.append(Feature(properties: fields.properties(of: feature), geometry: shape))
        }
        return VectorLayer(features: FeatureCollection(features: features), driver: dataset.driver,
                           sourceCRS: sourceCRS, layerName: name, featuresWithoutGeometry: withoutGeometry)
    }

    /// The feature's geometry linearised, reprojected and converted; nil when null or empty.
    private static func geometry(of feature: OGRFeatureH, transformation: CoordinateTransformation?,
                                 failure: (String) -> VectorSourceError) throws(VectorSourceError) -> Shape? {
        guard var geometry = OGR_F_StealGeometry(feature) else { return nil }
        defer { OGR_G_DestroyGeometry(geometry) }
        guard OGR_G_IsEmpty(geometry) == 0 else { return nil }
        if OGR_GT_IsNonLinear(OGR_G_GetGeometryType(geometry)) != 0 {
            // Arcs become segments of at most 4° of arc (GDAL's default), in the source CRS.
            guard let linear = OGR_G_GetLinearGeometry(geometry, 0, nil) else {
                throw failure("its curved geometry could not be turned into segments")
            }
            OGR_G_DestroyGeometry(geometry)
            geometry = linear
        }
        if let transformation {
            CPLErrorReset()
            guard OGR_G_Transform(geometry, transformation.handle) == OGRERR_NONE else {
                let message = GDALSession.lastErrorMessage
                throw failure("its coordinates cannot be reprojected to WGS84" + (message.isEmpty ? "" : " (\(message))"))
            }
        }
        do {
            return try GeometryConversion.shape(geometry)
        } catch {
            switch error {
            case .unsupported(let type): throw failure("geometry type \(type) is not supported")
            }
        }
    }
}

/// A GDAL dataset opened read-only for vector data, closed on deinit.
private final class Dataset {
    let handle: GDALDatasetH
    let path: String
    let driver: String

    init(path: String, drivers: [String] = []) throws(VectorSourceError) {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        if !isFolder.boolValue, !FileManager.default.isReadableFile(atPath: path) {
            throw .unreadableFile(path: path, reason: "permission denied")
        }
        let opened = GDALSession.withCStringList(drivers) { allowed in
            GDALOpenEx(path, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY), allowed, nil, nil)
        }
        guard let opened else {
            let format = FileFormat.detect(path: path)
            let message = GDALSession.lastErrorMessage
            if drivers.isEmpty { throw .cannotOpen(path: path, format: format, gdalMessage: message) }
            throw .notASpreadsheet(path: path, format: format, gdalMessage: message)
        }
        handle = opened
        driver = String(gdal: GDALGetDriverShortName(GDALGetDatasetDriver(opened)))
    }

    deinit { GDALClose(handle) }

    var layers: [LayerInfo] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { index in
            guard let layer = GDALDatasetGetLayer(handle, index) else { return nil }
            let type = OGR_GT_Flatten(OGR_L_GetGeomType(layer))
            let polygonal = OGR_GT_IsSubClassOf(type, wkbCurvePolygon) != 0 || OGR_GT_IsSubClassOf(type, wkbMultiSurface) != 0
            return LayerInfo(name: String(gdal: OGR_L_GetName(layer)), geometryType: String(gdal: OGRGeometryTypeToName(type)),
                             isPolygonal: polygonal)
        }
    }
}
