import Foundation

/// What a file is, told from its first bytes and, where bytes cannot tell, its extension.
public enum FileFormat: String, Sendable, Equatable, CaseIterable {
    case shapefile
    /// The .dbf, .shx, .prj or .cpg of a Shapefile, given instead of the .shp.
    case shapefilePart
    case geoPackage
    /// An SQLite database that is not a GeoPackage (e.g. SpatiaLite).
    case sqlite
    case flatGeobuf
    case geoJSON
    /// JSON that does not look like GeoJSON.
    case json
    case csv
    case xlsx
    case ods
    /// Excel 97–2003 (.xls).
    case xls
    /// A ZIP archive that is not a workbook (often a zipped Shapefile).
    case zip
    case osmPBF
    case kml
    case gml
    case gpx
    case parquet
    case mapInfo
    case unknown

    public var isKnown: Bool { self != .unknown }

    /// For sentences: "a Shapefile (.shp)".
    public var label: String {
        switch self {
        case .shapefile: "a Shapefile (.shp)"
        case .shapefilePart: "a side file of a Shapefile (.dbf, .shx, .prj or .cpg)"
        case .geoPackage: "a GeoPackage (.gpkg)"
        case .sqlite: "an SQLite database"
        case .flatGeobuf: "a FlatGeobuf file (.fgb)"
        case .geoJSON: "a GeoJSON file"
        case .json: "a JSON file that is not GeoJSON"
        case .csv: "a CSV text table"
        case .xlsx: "an Excel workbook (.xlsx)"
        case .ods: "an OpenDocument spreadsheet (.ods)"
        case .xls: "an Excel 97-2003 workbook (.xls)"
        case .zip: "a ZIP archive"
        case .osmPBF: "an OpenStreetMap extract (.osm.pbf)"
        case .kml: "a KML file"
        case .gml: "a GML file"
        case .gpx: "a GPX file"
        case .parquet: "a (Geo)Parquet file"
        case .mapInfo: "a MapInfo file"
        case .unknown: "a file of unknown format"
        }
    }

    /// What to do when this format cannot be used where it was given.
    var advice: String {
        switch self {
        case .shapefilePart: "give the .shp file, with its .dbf, .shx and .prj beside it"
        case .zip: "unzip it and give the .shp, .gpkg or .geojson inside"
        case .osmPBF: "an OpenStreetMap extract is a road network, not a table of features"
        case .xlsx, .ods, .xls, .csv: "export the sheet as CSV (UTF-8) or give it as a table"
        case .json: "the file must be GeoJSON (RFC 7946)"
        default: "convert it to GeoPackage, Shapefile or GeoJSON, e.g. `ogr2ogr out.gpkg \"input\"`"
        }
    }

    /// The format of the file at `path` from its first 4 KiB and its extension; `.unknown` when unreadable
    /// or not a regular file (a named pipe is never opened: opening it would wait for a writer).
    public static func detect(path: String) -> FileFormat {
        var status = stat()
        guard stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return .unknown }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)).map { [UInt8]($0) } ?? []
        return detect(head: head, fileExtension: (path as NSString).pathExtension.lowercased())
    }

    /// The format of a file beginning with `head`, named with `fileExtension` (lower case, no dot).
    public static func detect(head: [UInt8], fileExtension: String) -> FileFormat {
        if ["dbf", "shx", "prj", "cpg"].contains(fileExtension) { return .shapefilePart }
        if head.starts(with: [0x00, 0x00, 0x27, 0x0A]) { return .shapefile }
        if head.starts(with: Array("SQLite format 3\0".utf8)) {
            // The GeoPackage application_id lives at offset 68 of the SQLite header.
            let applicationID = head.count >= 72 ? Array(head[68..<72]) : []
            let isGeoPackage = ["GPKG", "GP10", "GP11"].contains { Array($0.utf8) == applicationID }
            return isGeoPackage || fileExtension == "gpkg" ? .geoPackage : .sqlite
        }
        if head.starts(with: Array("fgb".utf8) + [0x03]) { return .flatGeobuf }
        if head.starts(with: Array("PAR1".utf8)) { return .parquet }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            if contains(head, "application/vnd.oasis.opendocument.spreadsheet") || fileExtension == "ods" { return .ods }
            if contains(head, "xl/") || fileExtension == "xlsx" { return .xlsx }
            return .zip
        }
        // OSM PBF: a 4-byte big-endian length, then a BlobHeader whose field 1 (tag 0x0A) is "OSMHeader".
        if head.count >= 15, head[4] == 0x0A, Array(head[6..<15]) == Array("OSMHeader".utf8) { return .osmPBF }
        var text = head[...]
        if text.starts(with: [0xEF, 0xBB, 0xBF]) { text = text.dropFirst(3) }
        text = text.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x1E }
        if let first = text.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
            let geoJSONWords = ["\"FeatureCollection\"", "\"Feature\"", "\"coordinates\"", "\"geometry\""]
            return geoJSONWords.contains { contains(Array(text), $0) } || fileExtension == "geojson" ? .geoJSON : .json
        }
        if text.first == UInt8(ascii: "<") {
            let body = Array(text)
            if contains(body, "<kml") { return .kml }
            if contains(body, "<gpx") { return .gpx }
            if contains(body, "gml") { return .gml }
        }
        switch fileExtension {
        case "mif", "tab": return .mapInfo
        case "pbf": return .osmPBF
        default: break
        }
        if looksLikeDelimitedText(Array(text)) { return .csv }
        return .unknown
    }

    private static func contains(_ bytes: [UInt8], _ word: String) -> Bool {
        let needle = Array(word.utf8)
        guard bytes.count >= needle.count, let first = needle.first else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// Text without control bytes whose first line holds a `;`, `,` or tab separator.
    private static func looksLikeDelimitedText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, !bytes.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) else {
            return false
        }
        let firstLine = bytes.prefix { $0 != 0x0A && $0 != 0x0D }
        return firstLine.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: ",") || $0 == 0x09 }
    }
}
