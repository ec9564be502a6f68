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
    public var codeProperty = "code"
    public var nameProperty = "nom"
    /// Read the population from this property instead of a table.
    public var populationProperty: String?
    public init(codeProperty: String = "code", nameProperty: String = "nom", populationProperty: String? = nil) {
        self.codeProperty = codeProperty; self.nameProperty = nameProperty; self.populationProperty = populationProperty
    }
}

public struct CommuneLayer: Sendable {
    public var communes: [CommuneInput]
    /// Features without geometry, reported and left out: (source, feature index, code).
    public var withoutGeometry: [(source: String, featureIndex: Int, code: String)]

    /// GeoJSON files given directly or found (`*.geojson`, `*.json`) in folders, in name order.
    public static func files(in paths: [String]) throws -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw GeoIOError.unreadableFile(path: path, reason: "no such file or folder")
            }
            if isFolder.boolValue {
                let names = try FileManager.default.contentsOfDirectory(atPath: path)
                    .filter { $0.hasSuffix(".geojson") || $0.hasSuffix(".json") }.sorted()
                if names.isEmpty { throw AnalysisInputError.unsupportedFormat(path: path, expected: "a folder of .geojson files") }
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
        for result in results {
            let part = try result.get()
            layer.communes += part.communes
            layer.withoutGeometry += part.withoutGeometry
        }
        return layer
    }

    static func read(file url: URL, options: CommuneReadOptions) throws -> CommuneLayer {
        let collection = try GeoJSONReader.read(contentsOf: url)
        let source = url.lastPathComponent
        var layer = CommuneLayer(communes: [], withoutGeometry: [])
        layer.communes.reserveCapacity(collection.features.count)
        for (index, feature) in collection.features.enumerated() {
            guard let code = feature.properties[options.codeProperty]?.stringValue, !code.isEmpty else {
                throw AnalysisInputError.missingProperty(source: source, featureIndex: index,
                                                         property: options.codeProperty, available: feature.properties.keys)
            }
            guard let geometry = feature.geometry else {
                layer.withoutGeometry.append((source, index, code))
                continue
            }
            var population: Double?
            if let property = options.populationProperty {
                guard let value = feature.properties[property] else {
                    throw AnalysisInputError.missingProperty(source: source, featureIndex: index, property: property,
                                                             available: feature.properties.keys)
                }
                guard let number = value.doubleValue else {
                    throw AnalysisInputError.badNumber(source: source, location: "feature \(index)", column: property,
                                                       value: value.stringValue ?? "\(value)")
                }
                population = number
            }
            layer.communes.append(CommuneInput(
                code: code, name: feature.properties[options.nameProperty]?.stringValue ?? "",
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
        return CommuneLayer(communes: communes.filter { set.contains($0.departement) },
                            withoutGeometry: withoutGeometry.filter { set.contains(TerritoryCRS.departement(ofCommune: $0.code)) })
    }
}
