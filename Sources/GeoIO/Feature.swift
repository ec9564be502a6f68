import GeoCore

/// A GeoJSON Feature: optional id, ordered properties and an optional geometry (`"geometry": null`).
public struct Feature: Sendable, Equatable {
    public var id: JSONValue?
    public var properties: JSONObject
    public var geometry: Shape?

    public init(id: JSONValue? = nil, properties: JSONObject = [:], geometry: Shape?) {
        self.id = id
        self.properties = properties
        self.geometry = geometry
    }
}

/// What a GeoJSON file holds once read: its features, and the top-level members
/// that are not `type`, `features` or `bbox` (for example `name` or a legacy `crs`), in file order.
public struct FeatureCollection: Sendable, Equatable {
    public var features: [Feature]
    public var foreignMembers: JSONObject

    public init(features: [Feature], foreignMembers: JSONObject = [:]) {
        self.features = features
        self.foreignMembers = foreignMembers
    }

    /// Indexes of the features whose geometry is `null`, so the caller can report them.
    public var indexesOfFeaturesWithoutGeometry: [Int] {
        features.indices.filter { features[$0].geometry == nil }
    }

    /// How many features have `"geometry": null`.
    public var featuresWithoutGeometry: Int {
        features.reduce(0) { $0 + ($1.geometry == nil ? 1 : 0) }
    }
}
