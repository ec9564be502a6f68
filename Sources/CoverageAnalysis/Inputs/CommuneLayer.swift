import Foundation
import GeoIO
import GeosGeometry
import Projection
import GeoCore

/// A commune as read from a GeoJSON file, in lon/lat.
public struct CommuneInput: Sendable {
    public let code: String
    public let name: String
    public let departement: String
    /// File and feature index, for messages.
    public let source: String
    public let featureIndex: Int
    public let lonLat: Shape
    /// The population property of the feature, when asked for.
    public let populationProperty: Double?
}

public struct CommuneReadOptions: Sendable {
    /// The code property; nil finds it among `codeNames` (ignoring case).
    public var codeProperty: String?
    /// The name property; nil finds it among `nameNames` (ignoring case); a layer without one gives empty names.
    public var nameProperty: String?
    /// Read the population from this property instead of a table.
    public var populationProperty: String?
    /// The layer of a multi-layer file (GeoPackage); nil chooses the only polygon layer or the "commune" one.
    public var layer: String?
    public init(codeProperty: String? = nil, nameProperty: String? = nil, populationProperty: String? = nil, layer: String? = nil) {
        self.codeProperty = codeProperty; self.nameProperty = nameProperty; self.populationProperty = populationProperty
        self.layer = layer
    }

    /// Usual spellings of the INSEE code: france-geojson, IGN ADMIN EXPRESS, INSEE.
    public static let codeNames = ["code", "insee_com", "codgeo", "code_insee", "com"]
    public static let nameNames = ["nom", "libgeo", "nom_com", "nom_m", "libelle", "name"]
}

public struct CommuneLayer: Sendable {
    public var communes: [CommuneInput]
    /// Features without geometry, reported and left out: (source, feature index, code).
    public var withoutGeometry: [(source: String, featureIndex: Int, code: String)]

    /// The code and name properties used (those of the first file read).
    public var fields: (code: String, name: String?) = ("code", "nom")

    public init(communes: [CommuneInput], withoutGeometry: [(source: String, featureIndex: Int, code: String)]) {
        self.communes = communes
        self.withoutGeometry = withoutGeometry
    }

    static let layerExtensions: Set<String> = ["geojson", "json", "shp", "gpkg", "fgb"]

    /// Files given directly, or vector files found in folders (GeoJSON, Shapefile, GeoPackage, FlatGeobuf), in name order.
    public static func files(in paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw GeoIOError.unreadableFile(path: path, reason: "no such file or folder")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { layerExtensions.contains(($0 as NSString).pathExtension.lowercased()) }.sorted()
                if names.isEmpty {
                    throw AnalysisInputError.unsupportedFormat(path: path, expected: "a folder of .geojson, .shp, .gpkg or .fgb files")
                }
                files += names.map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// Reads commune polygons from files (in parallel, one file per task).
    public static func read(_ files: [URL], options: CommuneReadOptions) throws -> CommuneLayer {
        let results = ParallelMap.map(files) { url -> Result<CommuneLayer, any Error> in
            Result { try read(file: url, options: options) }
        }
        var layer = CommuneLayer(communes: [], withoutGeometry: [])
        for (index, result) in results.enumerated() {
            let part = try result.get()
            if index == 0 { layer.fields = part.fields }
            layer.communes += part.communes
            layer.withoutGeometry += part.withoutGeometry
        }
        try layer.checkPlausible()
        return layer
    }

    /// Refuses a commune code given twice (its population would count twice) and coordinates whose longitude and
    /// latitude look swapped (outside France, but inside once swapped); every commune is checked, none is dropped.
    func checkPlausible() throws {
        var firstFeature: [String: CommuneInput] = [:]
        for commune in communes {
            if let first = firstFeature[commune.code] {
                throw AnalysisInputError.badParameter(
                    "commune \(commune.code) is given twice (\(first.source) feature \(first.featureIndex) and \(commune.source) feature "
                    + "\(commune.featureIndex)): its population would count twice — keep one feature per commune code")
            }
            firstFeature[commune.code] = commune
        }
        let swapped = communes.filter { commune in
            guard let point = commune.lonLat.allCoordinates.first else { return false }
            return !Self.isInFrance(longitude: point.x, latitude: point.y) && Self.isInFrance(longitude: point.y, latitude: point.x)
        }
        if let first = swapped.first {
            let which = swapped.count == communes.count ? "all \(communes.count) communes" : "commune \(first.code) (\(first.source) feature \(first.featureIndex))"
            throw AnalysisInputError.badParameter(
                "\(which): longitude and latitude look swapped (first point \(first.lonLat.allCoordinates[0].x), "
                + "\(first.lonLat.allCoordinates[0].y) lies in France once swapped) — write coordinates as [longitude, latitude]")
        }
    }

    /// Within the areas of use of the French CRSs (metropolitan France and Corsica, the overseas départements).
    static func isInFrance(longitude: Double, latitude: Double) -> Bool {
        TerritoryCRS.forLonLat(longitude: longitude, latitude: latitude) != TerritoryCRS.utmZone(longitude: longitude, latitude: latitude)
    }

    /// A geometry with an area: a polygon (or several) with at least one closed ring of 4 points.
    static func hasArea(_ shape: Shape) -> Bool {
        shape.polygons.contains { rings in (rings.first?.count ?? 0) >= 4 }
    }

    /// The property among `keys` named `explicit` (exactly, else ignoring case), else the first of `candidates` present.
    static func property(_ explicit: String?, candidates: [String], in keys: [String]) -> String? {
        if let explicit {
            return keys.first { $0 == explicit } ?? keys.first { $0.lowercased() == explicit.lowercased() }
        }
        for candidate in candidates {
            if let key = keys.first(where: { $0.lowercased() == candidate }) { return key }
        }
        return nil
    }

    /// An INSEE code as text: a number stored by a spreadsheet or a DBF integer field loses its leading zero.
    static func codeText(_ value: JSONValue?) -> String? {
        guard let value else { return nil }
        if case .number(let number) = value, number == number.rounded(), number >= 0, number < 100_000 {
            let digits = String(Int(number))
            return digits.count == 4 ? "0" + digits : digits
        }
        return value.stringValue?.trimmingCharacters(in: .whitespaces)
    }

    static func read(file url: URL, options: CommuneReadOptions) throws -> CommuneLayer {
        let collection = try FeatureFile.read(path: url.path, layer: options.layer, role: .communes).features
        let source = url.lastPathComponent
        var layer = CommuneLayer(communes: [], withoutGeometry: [])
        layer.communes.reserveCapacity(collection.features.count)
        let keys = collection.features.first?.properties.keys ?? []
        guard let codeKey = property(options.codeProperty, candidates: CommuneReadOptions.codeNames, in: keys) else {
            throw AnalysisInputError.missingProperty(source: source, featureIndex: 0,
                                                     property: options.codeProperty ?? CommuneReadOptions.codeNames.joined(separator: "/"),
                                                     available: keys)
        }
        let nameKey = property(options.nameProperty, candidates: CommuneReadOptions.nameNames, in: keys)
        if let wanted = options.nameProperty, nameKey == nil {
            throw AnalysisInputError.missingProperty(source: source, featureIndex: 0, property: wanted, available: keys)
        }
        layer.fields = (codeKey, nameKey)
        for (index, feature) in collection.features.enumerated() {
            guard let code = codeText(feature.properties[codeKey]), !code.isEmpty else {
                throw AnalysisInputError.missingProperty(source: source, featureIndex: index,
                                                         property: codeKey, available: feature.properties.keys)
            }
            // A Point, a LineString or an empty polygon has no area: left out and reported, as a missing geometry is.
            guard let geometry = feature.geometry, hasArea(geometry) else {
                layer.withoutGeometry.append((source, index, code))
                continue
            }
            var population: Double?
            if let property = options.populationProperty {
                guard let value = feature.properties[property] else {
                    throw AnalysisInputError.missingProperty(source: source, featureIndex: index, property: property,
                                                             available: feature.properties.keys)
                }
                guard let number = value.doubleValue ?? value.stringValue.flatMap(NumberText.parse) else {
                    throw AnalysisInputError.badNumber(source: source, location: "feature \(index)", column: property,
                                                       value: value.stringValue ?? "\(value)")
                }
                guard number.isFinite, number >= 0, number <= PopulationTable.largestCommunePopulation else {
                    throw AnalysisInputError.badNumber(source: source, location: "feature \(index)", column: property,
                                                       value: value.stringValue ?? "\(number)")
                }
                population = number
            }
            layer.communes.append(CommuneInput(
                code: code, name: nameKey.flatMap { feature.properties[$0]?.stringValue } ?? "",
                departement: TerritoryCRS.departement(ofCommune: code), source: source, featureIndex: index,
                lonLat: geometry, populationProperty: population))
        }
        return layer
    }

    /// The communes of the given départements (all when `departements` is empty); unknown codes are an error.
    public func selecting(departements: [String]) throws -> CommuneLayer {
        guard !departements.isEmpty else { return self }
        let known = Set(communes.map(\.departement))
        let wanted = departements.map { $0.uppercased().count == 1 ? "0" + $0.uppercased() : $0.uppercased() }
        let unknown = wanted.filter { !known.contains($0) }
        if !unknown.isEmpty { throw AnalysisInputError.unknownDepartements(unknown, known: known.sorted()) }
        let set = Set(wanted)
        var selected = self
        selected.communes = communes.filter { set.contains($0.departement) }
        selected.withoutGeometry = withoutGeometry.filter { set.contains(TerritoryCRS.departement(ofCommune: $0.code)) }
        return selected
    }
}
