import Foundation
import GeoIO
import GeosGeometry
import GeoCore
import Projection
import VectorSource

/// A lieu (France Services, tiers-lieu…) with its position in lon/lat and all its attributes.
public struct Lieu: Sendable {
    public let id: String
    public let name: String
    public let type: String
    public let lonLat: XY
    /// Every column or property of the input, carried to the outputs (`located_at_commune: true` added for a
    /// lieu placed at its commune's representative point).
    public let attributes: JSONObject
}

/// How lieux are read: column names (nil = found from the usual spellings), coordinates' CRS, filters.
public struct LieuReadOptions: Sendable {
    public var longitudeColumn: String?
    public var latitudeColumn: String?
    public var idColumn: String?
    public var nameColumn: String?
    public var typeColumn: String?
    /// The INSEE code column used to place rows without coordinates at their commune.
    public var codeColumn: String?
    /// CRS of projected coordinate columns (LAMBERT_X/LAMBERT_Y, X/Y, x_l93/y_l93), e.g. "EPSG:2154".
    public var crs: String?
    /// The layer of a multi-layer file (GeoPackage).
    public var layer: String?
    public var filters: [LieuFilter] = []
    /// The run fails only when more than this share of the rows kept by the filters has no usable position.
    public var maxBadShare = 0.1
    public init() {}

    static let longitudeNames = ["longitude", "lon", "lng", "long"]
    static let latitudeNames = ["latitude", "lat"]
    static let projectedXNames = ["lambert_x", "x_l93", "x"]
    static let projectedYNames = ["lambert_y", "y_l93", "y"]
    static let pointNames = ["geo_point_2d", "geopoint", "geo_point", "coordonnees"]
    static let codeNames = ["insee_com", "code_insee", "codgeo", "code_commune", "com_insee", "depcom"]
    static let idNames = ["id", "id_fs", "matricule", "identifiant", "code", "uid"]
    static let nameNames = ["nom", "name", "lib_fs", "lib_france_services", "libelle", "label", "nom_structure"]
    static let typeNames = ["type", "type_fs", "format_fs", "categorie", "category"]
}

/// `PROPERTY=VALUE` or `PROPERTY!=VALUE`; VALUE may list alternatives separated by `|`, and may be empty
/// (`P=` keeps rows where P is empty or missing). Values compare ignoring case and surrounding spaces.
public struct LieuFilter: Sendable, CustomStringConvertible {
    public let property: String
    public let values: [String]
    public let negated: Bool

    public init(parsing text: String) throws {
        let separator = text.range(of: "!=") ?? text.range(of: "=")
        guard let separator else { throw AnalysisInputError.badFilter(text) }
        property = String(text[..<separator.lowerBound]).trimmingCharacters(in: .whitespaces)
        values = text[separator.upperBound...].split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        negated = text[separator].count == 2
        if property.isEmpty { throw AnalysisInputError.badFilter(text) }
    }

    static func normalised(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }

    public func accepts(_ attributes: JSONObject) -> Bool {
        let value = Self.normalised(attributes[property]?.stringValue ?? "")
        return values.contains { Self.normalised($0) == value } != negated
    }

    /// Checks the filter against every row before filtering: the property must exist (ignoring case: a filter
    /// written `FORMAT_FS=` matches the column `format_fs`), and each value must occur in some row.
    func checked(against rows: [JSONObject]) throws -> LieuFilter {
        var keys: [String] = []
        var seen = Set<String>()
        for row in rows { for key in row.keys where seen.insert(key).inserted { keys.append(key) } }
        guard let key = keys.first(where: { $0 == property }) ?? keys.first(where: { $0.lowercased() == property.lowercased() }) else {
            throw AnalysisInputError.unknownFilterProperty(filter: description, available: keys)
        }
        var counts: [String: (text: String, count: Int)] = [:]
        for row in rows {
            let text = (row[key]?.stringValue ?? "").trimmingCharacters(in: .whitespaces)
            counts[Self.normalised(text), default: (text, 0)].count += 1
        }
        if values.contains(where: { counts[Self.normalised($0)] == nil }) {
            let present = counts.values.sorted { ($1.count, $0.text) < ($0.count, $1.text) }
                .map { "'\($0.text)' (\($0.count))" }
            throw AnalysisInputError.unknownFilterValue(filter: description, property: key, present: present)
        }
        return LieuFilter(property: key, values: values, negated: negated)
    }

    private init(property: String, values: [String], negated: Bool) {
        self.property = property; self.values = values; self.negated = negated
    }

    public var description: String { "\(property)\(negated ? "!=" : "=")\(values.joined(separator: "|"))" }
}

/// A row that could not be placed: where it is and why.
public struct SkippedLieu: Sendable, Equatable {
    public let location: String
    public let id: String
    public let reason: String
    public var description: String { "\(location) (lieu \(id)): \(reason)" }
}

public struct LieuSet: Sendable {
    public var lieux: [Lieu]
    public let source: String
    /// Lieux left out by the filters.
    public var filteredOut: Int
    /// Groups of lieux (indices into `lieux`) sharing the same coordinates.
    public var duplicateGroups: [[Int]]
    /// Names of the columns used (`longitude`/`latitude` name the point column when one holds both, e.g. geo_point_2d).
    public var columns: (id: String?, name: String?, type: String?, longitude: String?, latitude: String?)
    /// The INSEE code column, when found.
    public var codeColumn: String?
    /// Ids given to more than one lieu, in order of first appearance (kept: each row stays a lieu).
    public var duplicateIds: [String] = []
    /// Rows kept by the filters but without a usable position, left out.
    public var skipped: [SkippedLieu] = []
    /// How many lieux were placed at their commune's representative point (flagged `located_at_commune`).
    public var locatedAtCommune = 0
    /// Rows without coordinates but with a commune code, while reading.
    var pending: [(id: String, code: String, attributes: JSONObject, location: String)] = []
    var nameKey: String?, typeKey: String?
    var maxBadShare = 0.1

    /// Reads lieux from a CSV/XLSX/ODS table or any vector file (GeoJSON, GeoPackage, Shapefile… of points).
    /// Rows without coordinates but with an INSEE code are placed at the representative point of their commune,
    /// looked up in `communes` in order (skipped when in none); rows with neither are skipped and listed. Fails when more than
    /// `options.maxBadShare` of the rows are skipped, and when no lieu is left.
    public static func read(contentsOf url: URL, options: LieuReadOptions, communes: [CommuneLayer] = []) throws -> LieuSet {
        let source = url.lastPathComponent
        try InputFileCheck.requireReadable(url.path, role: .lieux)
        let format = VectorSource.detectFormat(path: url.path)
        var set: LieuSet
        switch format {
        case .csv, .xlsx, .ods:
            set = try readTable(url, format: format, source: source, options: options)
        case .geoJSON, .json, .shapefile, .geoPackage, .flatGeobuf, .kml, .gml, .gpx:
            set = try readFeatures(url, source: source, options: options)
        default:
            if ["csv", "txt", "tsv"].contains(url.pathExtension.lowercased()) {
                set = try readTable(url, format: .csv, source: source, options: options)
            } else {
                try InputFormatCheck.refuse(format, path: url.path, role: .lieux, expectingTable: false)
                throw AnalysisInputError.unsupportedFormat(
                    path: url.path, expected: "lieux as CSV/XLSX with coordinate columns, or points (GeoJSON, GeoPackage, Shapefile) — this is \(format.label)")
            }
        }
        set.maxBadShare = options.maxBadShare
        try set.locateAtCommunes(communes)
        return set
    }

    static func pick(_ explicit: String?, _ candidates: [String], in keys: [String], role: String, source: String,
                     required: Bool) throws -> String? {
        if let explicit {
            guard let key = keys.first(where: { $0 == explicit }) ?? keys.first(where: { $0.lowercased() == explicit.lowercased() }) else {
                throw AnalysisInputError.missingColumn(source: source, role: role, tried: [explicit], header: keys)
            }
            return key
        }
        for candidate in candidates {
            if let key = keys.first(where: { $0.lowercased() == candidate }) { return key }
        }
        if required { throw AnalysisInputError.missingColumn(source: source, role: role, tried: candidates, header: keys) }
        return nil
    }

    /// How a table gives positions.
    enum Coordinates {
        case lonLat(String, String)
        case projected(String, String, crs: String)
        case point(String)   // "lat, lon"
        case none
    }

    static func readTable(_ url: URL, format: FileFormat, source: String, options: LieuReadOptions) throws -> LieuSet {
        let table: CSVTable
        if format == .csv {
            table = try CSVTable.read(contentsOf: url, delimiter: nil, encoding: .auto)
        } else {
            let sheet = try VectorSource.readTable(path: url.path)
            table = sheet.csvTable(headerRow: sheet.rows.firstIndex { row in row.contains { !$0.isEmpty } } ?? 0)
        }
        let keys = table.header
        let rows = table.rows.map { row in JSONObject(zip(keys, row).map { (key: $0, value: JSONValue.string($1)) }) }
        let coordinates = try chooseCoordinates(keys: keys, rows: rows, source: source, options: options)
        let idKey = try pick(options.idColumn, LieuReadOptions.idNames, in: keys, role: "id", source: source, required: false)
        let nameKey = try pick(options.nameColumn, LieuReadOptions.nameNames, in: keys, role: "name", source: source, required: false)
        let typeKey = try pick(options.typeColumn, LieuReadOptions.typeNames, in: keys, role: "type", source: source, required: false)
        let codeKey = try pick(options.codeColumn, LieuReadOptions.codeNames, in: keys, role: "commune code", source: source, required: false)
        if case .none = coordinates, codeKey == nil {
            throw AnalysisInputError.missingColumn(source: source, role: "longitude",
                                                   tried: LieuReadOptions.longitudeNames + LieuReadOptions.projectedXNames
                                                       + LieuReadOptions.pointNames + LieuReadOptions.codeNames, header: keys)
        }
        let columns: (String?, String?) = switch coordinates {
        case .lonLat(let x, let y), .projected(let x, let y, _): (x, y)
        case .point(let column): (column, column)
        case .none: (nil, nil)
        }
        var set = LieuSet(lieux: [], source: source, filteredOut: 0, duplicateGroups: [],
                          columns: (idKey, nameKey, typeKey, columns.0, columns.1))
        set.codeColumn = codeKey; set.nameKey = nameKey; set.typeKey = typeKey
        let filters = try options.filters.map { try $0.checked(against: rows) }
        var projected: [(index: Int, id: String, xy: XY, location: String)] = []
        for (rowIndex, attributes) in rows.enumerated() {
            guard filters.allSatisfy({ $0.accepts(attributes) }) else { set.filteredOut += 1; continue }
            let location = "line \(table.lineNumber(ofRow: rowIndex))"
            let id = idKey.flatMap { attributes[$0]?.stringValue }.flatMap { $0.isEmpty ? nil : $0 } ?? String(rowIndex + 1)
            func text(_ key: String) -> String { (attributes[key]?.stringValue ?? "").trimmingCharacters(in: .whitespaces) }
            var position: XY?
            var problem: String?
            switch coordinates {
            case .lonLat(let x, let y), .projected(let x, let y, _):
                let (xText, yText) = (text(x), text(y))
                if xText.isEmpty && yText.isEmpty { break }
                if let xValue = NumberText.parse(xText), let yValue = NumberText.parse(yText) {
                    position = XY(xValue, yValue)
                } else {
                    problem = "coordinates '\(xText)' / '\(yText)' are not numbers"
                }
            case .point(let column):
                let value = text(column)
                if value.isEmpty { break }
                if let point = parsePoint(value) { position = point } else { problem = "'\(value)' is not \"latitude, longitude\"" }
            case .none:
                break
            }
            if let position {
                if case .projected = coordinates {
                    projected.append((set.lieux.count, id, position, location))
                    set.lieux.append(Lieu(id: id, name: "", type: "", lonLat: position, attributes: attributes))
                } else {
                    set.place(id: id, lonLat: position, attributes: attributes, location: location)
                }
            } else if problem == nil, let codeKey, !text(codeKey).isEmpty {
                set.pending.append((id, Self.code(text(codeKey)), attributes, location))
            } else {
                set.skipped.append(SkippedLieu(location: location, id: id, reason: problem ?? "no coordinates and no commune code"))
            }
        }
        if case .projected(_, _, let crs) = coordinates, !projected.isEmpty {
            var points = projected.map(\.xy)
            let transformer = try Transformer(from: CRS(crs), to: .wgs84)
            try transformer.transform(&points)
            // Projected rows were appended in place; rebuild them now that their lon/lat is known.
            let lieux = set.lieux
            set.lieux = []
            var next = 0
            for (index, lieu) in lieux.enumerated() {
                if next < projected.count, projected[next].index == index {
                    set.place(id: lieu.id, lonLat: points[next], attributes: lieu.attributes, location: projected[next].location)
                    next += 1
                } else {
                    set.lieux.append(lieu)
                }
            }
        }
        return set
    }

    /// Lon/lat columns; else projected columns with their CRS (refused without one unless the values are plainly
    /// lon/lat); else a "lat, lon" point column; else none (rows are placed by commune code).
    static func chooseCoordinates(keys: [String], rows: [JSONObject], source: String, options: LieuReadOptions) throws -> Coordinates {
        if options.longitudeColumn != nil || options.latitudeColumn != nil {
            let x = try pick(options.longitudeColumn, LieuReadOptions.longitudeNames + LieuReadOptions.projectedXNames, in: keys,
                             role: "longitude", source: source, required: true)!
            let y = try pick(options.latitudeColumn, LieuReadOptions.latitudeNames + LieuReadOptions.projectedYNames, in: keys,
                             role: "latitude", source: source, required: true)!
            return options.crs.map { .projected(x, y, crs: $0) } ?? .lonLat(x, y)
        }
        let projectedX = try pick(nil, LieuReadOptions.projectedXNames, in: keys, role: "x", source: source, required: false)
        let projectedY = try pick(nil, LieuReadOptions.projectedYNames, in: keys, role: "y", source: source, required: false)
        if let crs = options.crs {
            guard let projectedX, let projectedY else {
                throw AnalysisInputError.missingColumn(source: source, role: "projected x (--lieux-crs \(crs))",
                                                       tried: LieuReadOptions.projectedXNames, header: keys)
            }
            return .projected(projectedX, projectedY, crs: crs)
        }
        if let lon = try pick(nil, LieuReadOptions.longitudeNames, in: keys, role: "longitude", source: source, required: false),
           let lat = try pick(nil, LieuReadOptions.latitudeNames, in: keys, role: "latitude", source: source, required: false) {
            return .lonLat(lon, lat)
        }
        if let projectedX, let projectedY {
            let values = rows.lazy.compactMap { row -> XY? in
                guard let x = row[projectedX]?.stringValue.flatMap(NumberText.parse),
                      let y = row[projectedY]?.stringValue.flatMap(NumberText.parse) else { return nil }
                return XY(x, y)
            }
            if values.allSatisfy({ abs($0.x) <= 180 && abs($0.y) <= 90 }) { return .lonLat(projectedX, projectedY) }
            throw AnalysisInputError.projectedLieuCoordinates(source: source, columns: "\(projectedX)/\(projectedY)")
        }
        if let point = try pick(nil, LieuReadOptions.pointNames, in: keys, role: "point", source: source, required: false) {
            return .point(point)
        }
        return .none
    }

    /// "48.85, 2.35" or "48.85,2.35" (latitude first, as data.gouv.fr/Opendatasoft geo_point_2d columns).
    static func parsePoint(_ text: String) -> XY? {
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.first == "[" || body.first == "(", body.last == "]" || body.last == ")" { body = body.dropFirst().dropLast() }
        let parts = body.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let lat = Double(parts[0].trimmingCharacters(in: .whitespaces)),
              let lon = Double(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
        return XY(lon, lat)
    }

    /// An INSEE code cell: "1053" (a spreadsheet dropped its zero) is "01053".
    static func code(_ text: String) -> String { text.count == 4 && text.allSatisfy(\.isNumber) ? "0" + text : text }

    static func readFeatures(_ url: URL, source: String, options: LieuReadOptions) throws -> LieuSet {
        let collection = try FeatureFile.read(path: url.path, layer: options.layer, role: .lieux).features
        var seen = Set<String>()
        var keys: [String] = []
        for feature in collection.features { for key in feature.properties.keys where seen.insert(key).inserted { keys.append(key) } }
        let idKey = try pick(options.idColumn, LieuReadOptions.idNames, in: keys, role: "id", source: source, required: false)
        let nameKey = try pick(options.nameColumn, LieuReadOptions.nameNames, in: keys, role: "name", source: source, required: false)
        let typeKey = try pick(options.typeColumn, LieuReadOptions.typeNames, in: keys, role: "type", source: source, required: false)
        let codeKey = try pick(options.codeColumn, LieuReadOptions.codeNames, in: keys, role: "commune code", source: source, required: false)
        var set = LieuSet(lieux: [], source: source, filteredOut: 0, duplicateGroups: [], columns: (idKey, nameKey, typeKey, nil, nil))
        set.codeColumn = codeKey; set.nameKey = nameKey; set.typeKey = typeKey
        let filters = try options.filters.map { try $0.checked(against: collection.features.map(\.properties)) }
        for (index, feature) in collection.features.enumerated() {
            guard filters.allSatisfy({ $0.accepts(feature.properties) }) else { set.filteredOut += 1; continue }
            let id = idKey.flatMap { feature.properties[$0]?.stringValue } ?? feature.id?.stringValue ?? String(index)
            let location = "feature \(index)"
            switch feature.geometry {
            case .point(let p)?:
                set.place(id: id, lonLat: p, attributes: feature.properties, location: location)
            case .multiPoint(let points)? where points.count == 1:
                set.place(id: id, lonLat: points[0], attributes: feature.properties, location: location)
            case nil:
                if let codeKey, let code = feature.properties[codeKey]?.stringValue, !code.isEmpty {
                    set.pending.append((id, Self.code(code), feature.properties, location))
                } else {
                    set.skipped.append(SkippedLieu(location: location, id: id, reason: "no geometry and no commune code"))
                }
            case let other?:
                throw AnalysisInputError.badLieuCoordinates(source: source, location: location, id: id,
                                                            reason: "geometry is a \(other.typeName), a Point is expected")
            }
        }
        return set
    }

    private mutating func place(id: String, lonLat: XY, attributes: JSONObject, location: String) {
        guard abs(lonLat.x) <= 180, abs(lonLat.y) <= 90, lonLat.x.isFinite, lonLat.y.isFinite else {
            let reason = lonLat.x.isFinite && lonLat.y.isFinite
                ? "(\(lonLat.x), \(lonLat.y)) is not longitude/latitude in degrees (projected metres? give --lieux-crs)"
                : "(\(lonLat.x), \(lonLat.y)) is not a finite position"
            skipped.append(SkippedLieu(location: location, id: id, reason: reason))
            return
        }
        lieux.append(Lieu(id: id, name: nameKey.flatMap { attributes[$0]?.stringValue } ?? "",
                          type: typeKey.flatMap { attributes[$0]?.stringValue } ?? "", lonLat: lonLat, attributes: attributes))
    }

    /// Places the pending rows at the representative point of their commune, looked up in the layers in order
    /// (rows whose commune is in none are skipped), then checks the share of bad rows and finds duplicates.
    mutating func locateAtCommunes(_ layers: [CommuneLayer]) throws {
        var pointByCode: [String: XY] = [:]
        let wanted = Set(pending.map(\.code))
        var found: [String: CommuneInput] = [:]
        for layer in layers {
            for commune in layer.communes where wanted.contains(commune.code) && found[commune.code] == nil { found[commune.code] = commune }
        }
        let codes = Array(found.keys), communes = found
        let points = ParallelMap.map(codes) { code in Result { try CommunePoint.lonLat(of: communes[code]!) } }
        for (code, point) in zip(codes, points) { pointByCode[code] = try point.get() }
        for row in pending {
            if let point = pointByCode[row.code] {
                var attributes = row.attributes
                attributes["located_at_commune"] = .bool(true)
                place(id: row.id, lonLat: point, attributes: attributes, location: row.location)
                locatedAtCommune += 1
            } else {
                skipped.append(SkippedLieu(location: row.location, id: row.id,
                                           reason: "no coordinates, and commune \(row.code) is not in the commune layer"))
            }
        }
        pending = []
        try finish()
    }

    /// Checks the share of bad rows and finds duplicates.
    mutating func finish() throws {
        let total = lieux.count + skipped.count
        if !skipped.isEmpty, Double(skipped.count) > maxBadShare * Double(total) {
            throw AnalysisInputError.tooManyBadLieux(source: source, bad: skipped.count, total: total, maxShare: maxBadShare,
                                                     examples: skipped.prefix(5).map(\.description))
        }
        if lieux.isEmpty {
            throw AnalysisInputError.noLieux(source: source, reason: filteredOut > 0 ? "all \(filteredOut) filtered out" : "the file has none")
        }
        duplicateGroups = CoincidentPoints.groups(lieux.map(\.lonLat)).filter { $0.count > 1 }
        var idCounts: [String: Int] = [:]
        for lieu in lieux { idCounts[lieu.id, default: 0] += 1 }
        var reported = Set<String>()
        duplicateIds = lieux.map(\.id).filter { idCounts[$0, default: 0] > 1 && reported.insert($0).inserted }
    }
}

/// The representative point of a commune as `analyse` measures from it: the GEOS point-on-surface of the
/// commune projected to its territory's metric CRS (repaired when invalid), back in lon/lat.
enum CommunePoint {
    static func lonLat(of commune: CommuneInput) throws -> XY {
        let crs = TerritoryCRS.forDepartement(commune.departement) ?? ProjectedTerritory.zoneCRS(of: commune.lonLat)
        let metric = try ThreadTransformers.with(from: .wgs84, to: crs) { transformer in
            var geometry = try Geometry.make(try transformer.transform(commune.lonLat), kind: transformer.targetKind)
            if try !geometry.isValid { geometry = try geometry.makeValid() }
            return try geometry.pointOnSurface().pointXY ?? XY(0, 0)
        }
        return try ThreadTransformers.with(from: crs, to: .wgs84) { try $0.transform(metric) }
    }
}
