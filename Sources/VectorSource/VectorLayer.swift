import Foundation
import GeoCore
import GeoIO

/// One layer read whole: its features in WGS84 longitude/latitude, and where they came from.
public struct VectorLayer: Sendable, Equatable {
    /// Features in layer order: properties in field order (integers and reals as numbers, strings, dates as
    /// ISO 8601 text, booleans, lists as arrays, null fields as `.null`), geometries as `Shape` in WGS84
    /// longitude/latitude (x = longitude), curves linearised, Z and M dropped, rings closed;
    /// a null or empty geometry is `nil`.
    public var features: FeatureCollection
    /// GDAL's short name of the driver that read the file: "ESRI Shapefile", "GPKG", "GeoJSON", "FlatGeobuf", "CSV"…
    public var driver: String
    /// The layer's declared CRS as "EPSG:n" when identifiable, else its WKT; nil when the layer has no geometry column.
    public var sourceCRS: String?
    public var layerName: String
    /// How many features have a null or empty geometry.
    public var featuresWithoutGeometry: Int

    public init(features: FeatureCollection, driver: String, sourceCRS: String?, layerName: String,
                featuresWithoutGeometry: Int) {
        self.features = features
        self.driver = driver
        self.sourceCRS = sourceCRS
        self.layerName = layerName
        self.featuresWithoutGeometry = featuresWithoutGeometry
    }
}

/// A layer of a dataset, as listed before reading.
public struct LayerInfo: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    /// OGR's name of the declared geometry type ("Multi Polygon", "Point", "Unknown (any)", "None").
    public var geometryType: String
    /// Polygons, multi-polygons or their curved forms.
    public var isPolygonal: Bool

    public init(name: String, geometryType: String, isPolygonal: Bool) {
        self.name = name
        self.geometryType = geometryType
        self.isPolygonal = isPolygonal
    }

    public var description: String { "\"\(name)\" (\(geometryType))" }

    static func list(_ layers: [LayerInfo]) -> String {
        layers.map(\.description).joined(separator: ", ")
    }
}

/// Which layer to read when a dataset has several.
public enum LayerChoice {
    /// The index of the layer to read: the one named `requested` (exact, else ignoring case); else the only
    /// layer; else the only polygon layer; else the layer named "commune" or "communes", or the only one whose
    /// name contains "commune" (ignoring case). nil when none of these rules decides.
    public static func choose(_ requested: String?, among layers: [LayerInfo]) -> Int? {
        if let requested {
            return layers.firstIndex { $0.name == requested }
                ?? layers.firstIndex { $0.name.lowercased() == requested.lowercased() }
        }
        if layers.count == 1 { return 0 }
        if let only = onlyIndex(in: layers, where: \.isPolygonal) { return only }
        if let named = layers.firstIndex(where: { ["commune", "communes"].contains($0.name.lowercased()) }) { return named }
        return onlyIndex(in: layers) { $0.name.lowercased().contains("commune") }
    }

    private static func onlyIndex(in layers: [LayerInfo], where matches: (LayerInfo) -> Bool) -> Int? {
        let indexes = layers.indices.filter { matches(layers[$0]) }
        return indexes.count == 1 ? indexes[0] : nil
    }
}

/// The cells of one sheet of a workbook, as text, every row as wide as the widest.
public struct SpreadsheetTable: Sendable, Equatable {
    /// The file, for messages.
    public var source: String
    /// The sheet read.
    public var sheet: String
    /// Every sheet of the workbook, in order.
    public var sheets: [String]
    /// Every row from the first, title lines and blank rows included (a blank row is all ""), so the
    /// caller can find the header row; an empty cell is "".
    public var rows: [[String]]

    public init(source: String, sheet: String, sheets: [String], rows: [[String]]) {
        self.source = source
        self.sheet = sheet
        self.sheets = sheets
        self.rows = rows
    }

    /// The index of the first row that has a cell equal to every one of `columns` (ignoring case and
    /// surrounding spaces): the header row below title lines.
    public func headerRowIndex(containing columns: [String]) -> Int? {
        let wanted = Set(columns.map(Self.normalised))
        return rows.firstIndex { row in wanted.isSubset(of: Set(row.map(Self.normalised))) }
    }

    /// The table whose header is row `headerRow` and whose rows are the non-blank rows below it, named
    /// after the file and sheet (line numbers in its messages count table rows, not sheet rows).
    public func csvTable(headerRow: Int) -> CSVTable {
        let body = rows[(headerRow + 1)...].filter { row in row.contains { !$0.isEmpty } }
        return CSVTable(header: rows[headerRow], rows: Array(body), source: "\(source) sheet \"\(sheet)\"")
    }

    private static func normalised(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased()
    }
}
