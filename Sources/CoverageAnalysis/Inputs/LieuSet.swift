import Foundation
import GeoIO
import GeosGeometry
import GeoCore

/// A lieu (France Services, tiers-lieu…) with its position in lon/lat and all its attributes.
public struct Lieu: Sendable {
    public let id: String
    public let name: String
    public let type: String
    public let lonLat: XY
    /// Every column or property of the input, carried to the outputs.
    public let attributes: JSONObject
}

/// How lieux are read: column names (nil = found from the usual spellings) and filters.
public struct LieuReadOptions: Sendable {
    public var longitudeColumn: String?
    public var latitudeColumn: String?
    public var idColumn: String?
    public var nameColumn: String?
    public var typeColumn: String?
    public var filters: [LieuFilter] = []
    public init() {}

    static let longitudeNames = ["longitude", "lon", "lng", "long", "x"]
    static let latitudeNames = ["latitude", "lat", "y"]
    static let idNames = ["id", "id_fs", "matricule", "identifiant", "code", "uid"]
    static let nameNames = ["nom", "name", "lib_fs", "lib_france_services", "libelle", "label"]
    static let typeNames = ["type", "type_fs", "format_fs", "categorie", "category"]
}

/// `PROPERTY=VALUE` or `PROPERTY!=VALUE`; VALUE may list alternatives separated by `|`.
public struct LieuFilter: Sendable, CustomStringConvertible {
    public let property: String
    public let values: [String]
    public let negated: Bool

    public init(parsing text: String) throws {
        if let range = text.range(of: "!=") {
            property = String(text[..<range.lowerBound]); values = text[range.upperBound...].split(separator: "|").map(String.init)
            negated = true
        } else if let range = text.range(of: "=") {
            property = String(text[..<range.lowerBound]); values = text[range.upperBound...].split(separator: "|").map(String.init)
            negated = false
        } else {
            throw AnalysisInputError.badFilter(text)
        }
        if property.isEmpty || values.isEmpty { throw AnalysisInputError.badFilter(text) }
    }

    public func accepts(_ attributes: JSONObject) -> Bool {
        let value = attributes[property]?.stringValue ?? ""
        return values.contains(value) != negated
    }

    public var description: String { "\(property)\(negated ? "!=" : "=")\(values.joined(separator: "|"))" }
}

public struct LieuSet: Sendable {
    public var lieux: [Lieu]
    public let source: String
    /// Lieux left out by the filters.
    public var filteredOut: Int
    /// Groups of lieux (indices into `lieux`) sharing the same coordinates.
    public var duplicateGroups: [[Int]]
    /// Names of the columns used.
    public var columns: (id: String?, name: String?, type: String?, longitude: String?, latitude: String?)

    public static func read(contentsOf url: URL, options: LieuReadOptions) throws -> LieuSet {
        let source = url.lastPathComponent
        let ext = url.pathExtension.lowercased()
        var set: LieuSet
        switch ext {
        case "geojson", "json": set = try readGeoJSON(url, source: source, options: options)
        case "csv", "txt", "tsv": set = try readCSV(url, source: source, options: options)
        default: throw AnalysisInputError.unsupportedFormat(path: url.path, expected: "GeoJSON points (.geojson) or CSV with longitude/latitude (.csv)")
        }
        if set.lieux.isEmpty {
            throw AnalysisInputError.noLieux(source: source, reason: set.filteredOut > 0 ? "all \(set.filteredOut) filtered out" : "the file has none")
        }
        var groups: [XY: [Int]] = [:]
        for (index, lieu) in set.lieux.enumerated() { groups[lieu.lonLat, default: []].append(index) }
        set.duplicateGroups = groups.values.filter { $0.count > 1 }.sorted { $0[0] < $1[0] }
        return set
    }

    static func pick(_ explicit: String?, _ candidates: [String], in keys: [String], role: String, source: String,
                     required: Bool) throws -> String? {
        if let explicit {
            guard keys.contains(explicit) else {
                throw AnalysisInputError.missingColumn(source: source, role: role, tried: [explicit], header: keys)
            }
            return explicit
        }
        for candidate in candidates {
            if let key = keys.first(where: { $0.lowercased() == candidate }) { return key }
        }
        if required { throw AnalysisInputError.missingColumn(source: source, role: role, tried: candidates, header: keys) }
        return nil
    }

    static func readCSV(_ url: URL, source: String, options: LieuReadOptions) throws -> LieuSet {
        let table = try CSVTable.read(contentsOf: url, delimiter: nil, encoding: .auto)
        let keys = table.header
        let lonKey = try pick(options.longitudeColumn, LieuReadOptions.longitudeNames, in: keys, role: "longitude", source: source, required: true)!
        let latKey = try pick(options.latitudeColumn, LieuReadOptions.latitudeNames, in: keys, role: "latitude", source: source, required: true)!
        let idKey = try pick(options.idColumn, LieuReadOptions.idNames, in: keys, role: "id", source: source, required: false)
        let nameKey = try pick(options.nameColumn, LieuReadOptions.nameNames, in: keys, role: "name", source: source, required: false)
        let typeKey = try pick(options.typeColumn, LieuReadOptions.typeNames, in: keys, role: "type", source: source, required: false)
        var set = LieuSet(lieux: [], source: source, filteredOut: 0, duplicateGroups: [],
                          columns: (idKey, nameKey, typeKey, lonKey, latKey))
        for (rowIndex, row) in table.rows.enumerated() {
            let attributes = JSONObject(zip(keys, row).map { (key: $0, value: JSONValue.string($1)) })
            guard options.filters.allSatisfy({ $0.accepts(attributes) }) else { set.filteredOut += 1; continue }
            let id = idKey.flatMap { attributes[$0]?.stringValue } ?? String(rowIndex + 1)
            let lonText = attributes[lonKey]?.stringValue ?? "", latText = attributes[latKey]?.stringValue ?? ""
            guard let lon = Double(lonText.replacingOccurrences(of: ",", with: ".")),
                  let lat = Double(latText.replacingOccurrences(of: ",", with: ".")) else {
                throw AnalysisInputError.badLieuCoordinates(source: source, location: "line \(table.lineNumber(ofRow: rowIndex))", id: id,
                                                            reason: "longitude '\(lonText)' / latitude '\(latText)' are not numbers")
            }
            try set.append(id: id, lonLat: XY(lon, lat), attributes: attributes, location: "line \(table.lineNumber(ofRow: rowIndex))", nameKey: nameKey, typeKey: typeKey)
        }
        return set
    }

    static func readGeoJSON(_ url: URL, source: String, options: LieuReadOptions) throws -> LieuSet {
        let collection = try GeoJSONReader.read(contentsOf: url)
        let keys = collection.features.first?.properties.keys ?? []
        let idKey = try pick(options.idColumn, LieuReadOptions.idNames, in: keys, role: "id", source: source, required: false)
        let nameKey = try pick(options.nameColumn, LieuReadOptions.nameNames, in: keys, role: "name", source: source, required: false)
        let typeKey = try pick(options.typeColumn, LieuReadOptions.typeNames, in: keys, role: "type", source: source, required: false)
        var set = LieuSet(lieux: [], source: source, filteredOut: 0, duplicateGroups: [], columns: (idKey, nameKey, typeKey, nil, nil))
        for (index, feature) in collection.features.enumerated() {
            guard options.filters.allSatisfy({ $0.accepts(feature.properties) }) else { set.filteredOut += 1; continue }
            let id = idKey.flatMap { feature.properties[$0]?.stringValue } ?? feature.id?.stringValue ?? String(index)
            let position: XY
            switch feature.geometry {
            case .point(let p)?: position = p
            case .multiPoint(let points)? where points.count == 1: position = points[0]
            case nil:
                throw AnalysisInputError.badLieuCoordinates(source: source, location: "feature \(index)", id: id, reason: "feature has no geometry")
            case let other?:
                throw AnalysisInputError.badLieuCoordinates(source: source, location: "feature \(index)", id: id,
                                                            reason: "geometry is a \(other.typeName), a Point is expected")
            }
            try set.append(id: id, lonLat: XY(position.x, position.y), attributes: feature.properties, location: "feature \(index)",
                           nameKey: nameKey, typeKey: typeKey)
        }
        return set
    }

    private mutating func append(id: String, lonLat: XY, attributes: JSONObject, location: String, nameKey: String?, typeKey: String?) throws {
        guard abs(lonLat.x) <= 180, abs(lonLat.y) <= 90 else {
            throw AnalysisInputError.badLieuCoordinates(
                source: source, location: location, id: id,
                reason: "(\(lonLat.x), \(lonLat.y)) is not longitude/latitude in degrees (projected metres?)")
        }
        lieux.append(Lieu(id: id, name: nameKey.flatMap { attributes[$0]?.stringValue } ?? "",
                          type: typeKey.flatMap { attributes[$0]?.stringValue } ?? "", lonLat: lonLat, attributes: attributes))
    }
}
