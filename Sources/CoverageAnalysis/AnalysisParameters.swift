/// How the proximity of a commune to a lieu is measured.
public enum ProximityMode: Sendable {
    /// Straight-line distance in the territory's metric CRS; catchments are discs whose quarter
    /// circles have `quadrantSegments` segments (shapely's default is 16); thresholds in km.
    case straightLine(quadrantSegments: Int)
    /// Travel time by car on a road network; catchments are isochrones; thresholds in minutes.
    case road(RoadSettings)
}

/// The road network and the parameters of the road (travel time) mode.
public struct RoadSettings: Sendable {
    /// `.osm.pbf` file, or a GeoJSON layer of LineStrings with OSM tags.
    public var networkPath: String
    /// CSV `highway,kmh` overriding the default speed table.
    public var speedProfilePath: String?
    /// Speed of the straight leg between a point and its nearest road node.
    public var offRoadSpeedKmh: Double
    /// Points farther than this from any road are listed.
    public var farFromRoadMetres: Double
    /// Isochrones are the grid cells whose centre lies within this distance of a reached road…
    public var isochroneBufferMetres: Double
    /// …on a square grid of this cell size.
    public var isochroneCellMetres: Double

    public init(networkPath: String, speedProfilePath: String? = nil, offRoadSpeedKmh: Double = 15,
                farFromRoadMetres: Double = 1_000, isochroneBufferMetres: Double = 500, isochroneCellMetres: Double = 200) {
        self.networkPath = networkPath; self.speedProfilePath = speedProfilePath; self.offRoadSpeedKmh = offRoadSpeedKmh
        self.farFromRoadMetres = farFromRoadMetres; self.isochroneBufferMetres = isochroneBufferMetres
        self.isochroneCellMetres = isochroneCellMetres
    }
}

/// Parameters of an analysis; every one is written to the outputs.
public struct AnalysisParameters: Sendable {
    public let mode: ProximityMode
    /// Thresholds as given: all in km (straight line) or all in minutes (road).
    public let thresholds: [Threshold]
    /// Position in `thresholds` of the threshold used for catchments, shares and white zones.
    public let mainThreshold: Int
    /// Population model, representative points and white-zone slivers.
    public var population = PopulationSettings()

    /// Straight-line distances in km. The main threshold defaults to 10 km when listed, else the first one.
    public init(thresholdsKm: [Double], mainThreshold: Int? = nil, quadrantSegments: Int = 16) {
        mode = .straightLine(quadrantSegments: quadrantSegments)
        thresholds = thresholdsKm.map(Threshold.kilometres)
        self.mainThreshold = mainThreshold ?? thresholdsKm.firstIndex(of: 10) ?? 0
    }

    /// Road travel times in minutes. The main threshold defaults to 20 minutes when listed, else the first one.
    public init(thresholdsMinutes: [Double], mainThreshold: Int? = nil, road: RoadSettings) {
        mode = .road(road)
        thresholds = thresholdsMinutes.map(Threshold.minutes)
        self.mainThreshold = mainThreshold ?? thresholdsMinutes.firstIndex(of: 20) ?? 0
    }

    public var main: Threshold { thresholds[mainThreshold] }
    /// The road settings in road mode, nil by straight-line distance.
    public var road: RoadSettings? { if case .road(let settings) = mode { settings } else { nil } }
    /// Segments per quarter circle of the catchment discs, nil in road mode (isochrones).
    public var quadrantSegments: Int? { if case .straightLine(let segments) = mode { segments } else { nil } }
    /// "km" or "min".
    public var unit: String { road == nil ? "km" : "min" }
}
