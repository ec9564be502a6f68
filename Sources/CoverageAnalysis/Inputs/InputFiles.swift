import Foundation
import GeoCore
import GeoIO
import VectorSource

/// What an input file is given as, for messages that say where a misplaced file belongs.
public enum InputRole: String, Sendable {
    case communes, lieux, candidates, population, populationGrid

    /// The command-line option of this role.
    var option: String {
        switch self {
        case .communes: "--communes"
        case .lieux: "--lieux"
        case .candidates: "--candidates"
        case .population: "--population"
        case .populationGrid: "--population-grid"
        }
    }
}

/// Features read from a vector file, in WGS84 longitude/latitude.
public struct FeatureFile: Sendable {
    public var features: FeatureCollection
    /// "GeoJSON" (the byte-level WGS84 reader) or the GDAL driver that read the file ("ESRI Shapefile", "GPKG"…).
    public var reader: String
    /// The CRS the file declares ("EPSG:2154"…); "EPSG:4326" for WGS84 GeoJSON.
    public var sourceCRS: String?

    /// Reads any vector file: WGS84 GeoJSON (no `crs` member, or CRS84/EPSG:4326) with the fast byte-level
    /// reader, everything else (Shapefile, GeoPackage, FlatGeobuf, GeoJSON in another CRS…) through GDAL,
    /// reprojected to WGS84. Tables, archives and road networks are refused with the option they belong to.
    public static func read(path: String, layer: String? = nil, role: InputRole) throws -> FeatureFile {
        try InputFileCheck.requireReadable(path, role: role)
        let format = VectorSource.detectFormat(path: path)
        try InputFormatCheck.refuse(format, path: path, role: role, expectingTable: false)
        // A .geojson whose bytes say nothing (binary, zeros) goes to the GeoJSON reader too, which names the problem.
        let namedGeoJSON = format == .unknown && ["geojson", "json"].contains((path as NSString).pathExtension.lowercased())
        if format == .geoJSON || format == .json || namedGeoJSON, layer == nil, !declaresOtherCRS(head: headText(path)) {
            let collection = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path))
            if let crs = collection.foreignMembers["crs"], !isWGS84(crsMember: crs) {
                return try gdal(path: path, layer: layer)
            }
            return FeatureFile(features: collection, reader: "GeoJSON", sourceCRS: "EPSG:4326")
        }
        return try gdal(path: path, layer: layer)
    }

    private static func gdal(path: String, layer: String?) throws -> FeatureFile {
        let read = try VectorSource.read(path: path, layer: layer)
        return FeatureFile(features: read.features, reader: read.driver, sourceCRS: read.sourceCRS)
    }

    private static func headText(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        return String(decoding: (try? handle.read(upToCount: 8192)) ?? Data(), as: UTF8.self)
    }

    /// Whether the first bytes of a GeoJSON file hold a `"crs"` member naming something other than WGS84.
    static func declaresOtherCRS(head: String) -> Bool {
        guard let range = head.range(of: "\"crs\"") else { return false }
        let member = head[range.upperBound...].prefix(300)
        return !["CRS84", "EPSG::4326", "EPSG:4326", "CRS:84"].contains { member.contains($0) }
    }

    static func isWGS84(crsMember: JSONValue) -> Bool {
        let name = crsMember.objectValue?["properties"]?.objectValue?["name"]?.stringValue ?? ""
        return ["CRS84", "EPSG::4326", "EPSG:4326", "CRS:84"].contains { name.contains($0) }
    }
}

/// A table (CSV, XLSX or ODS) read as text with its header row found below any title lines.
public enum TableFile {
    /// Reads the table at `path`. The header is row `skipRows` + 1 when given, else the first row holding
    /// every one of `columns` (ignoring case), else the first row. CSV: `;`, `,` or tab, UTF-8 (BOM or not)
    /// or Latin-1/Windows-1252. XLSX/ODS: the first sheet, or `sheet`.
    public static func read(path: String, columns: [String], skipRows: Int? = nil, sheet: String? = nil,
                            encoding: CSVEncoding = .auto, role: InputRole) throws -> CSVTable {
        try InputFileCheck.requireReadable(path, role: role)
        let format = VectorSource.detectFormat(path: path)
        try InputFormatCheck.refuse(format, path: path, role: role, expectingTable: true)
        switch format {
        case .xlsx, .ods:
            let sheetTable = try VectorSource.readTable(path: path, sheet: sheet)
            let header = skipRows ?? sheetTable.headerRowIndex(containing: columns)
                ?? sheetTable.rows.firstIndex { row in row.contains { !$0.isEmpty } } ?? 0
            guard header < sheetTable.rows.count else {
                throw AnalysisInputError.badParameter("\(path): the sheet has \(sheetTable.rows.count) rows, fewer than the rows to skip")
            }
            return sheetTable.csvTable(headerRow: header)
        default:
            return try CSVTable.read(contentsOf: URL(fileURLWithPath: path), headerContaining: columns, skipLines: skipRows,
                                     encoding: encoding)
        }
    }
}

/// Refuses files given to the wrong option, naming what they are and where they belong.
enum InputFormatCheck {
    static func refuse(_ format: FileFormat, path: String, role: InputRole, expectingTable: Bool) throws {
        let isTable = [.xlsx, .ods, .csv].contains(format)
        let isVector = [.shapefile, .geoPackage, .flatGeobuf, .geoJSON].contains(format)
        let advice: String?
        switch format {
        case .osmPBF: advice = "a road network: give it as --network"
        case .xls: advice = "save it as .xlsx (or CSV) first"
        case .zip: advice = "unzip it and give the .shp, .gpkg or .geojson inside"
        case .shapefilePart: advice = "give the .shp file, with its .dbf, .shx and .prj beside it"
        default:
            if isTable && role == .communes {
                advice = "a table: give it as --population (commune polygons come as Shapefile, GeoPackage or GeoJSON)"
            } else if isVector && expectingTable && role == .population {
                advice = "a vector layer: give commune polygons as --communes (a population table is a CSV, XLSX or ODS sheet)"
            } else {
                advice = nil
            }
        }
        if let advice { throw AnalysisInputError.wrongFormat(path: path, format: format.label, role: role.option, advice: advice) }
    }
}

extension InputFileCheck {
    /// Refuses, before any reader (ours or GDAL's) opens it, an input that is not a regular file
    /// (folder, named pipe, device) or is larger than any input of its kind may be (16 GB).
    static func requireReadable(_ path: String, role: InputRole) throws {
        if let refusal = check(path, kind: "\(role.rawValue) file", limit: 16 << 30) {
            throw GeoIOError.unreadableFile(path: path, reason: refusal.reason)
        }
    }
}
