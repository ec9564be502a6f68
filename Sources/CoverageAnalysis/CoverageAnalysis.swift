import GeoIO
import GeosGeometry
import Projection
import GeoCore

/// How the proximity of a commune to a lieu is measured.
public enum ProximityMode: Sendable {
    /// Straight-line distance in the territory's metric CRS; thresholds in km.
    case distance
    /// Travel time by car on a road network; thresholds in minutes.
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
    public var mode: ProximityMode
    /// Thresholds as given, in km (distance mode) or minutes (road mode).
    public var thresholds: [Double]
    /// Position in `thresholds` of the threshold used for catchments, shares and white zones.
    public var mainThreshold: Int
    /// Segments per quarter circle of the catchment discs (shapely's default is 16).
    public var quadrantSegments: Int

    public init(thresholdsKm: [Double] = [10], mainThreshold: Int? = nil, quadrantSegments: Int = 16) {
        mode = .distance
        thresholds = thresholdsKm
        // The default 10 km is the main threshold when listed, otherwise the first one.
        self.mainThreshold = mainThreshold ?? thresholdsKm.firstIndex(of: 10) ?? 0
        self.quadrantSegments = quadrantSegments
    }

    public init(thresholdsMinutes: [Double], mainThreshold: Int? = nil, road: RoadSettings) {
        mode = .road(road)
        thresholds = thresholdsMinutes
        // 20 minutes is the main threshold when listed, otherwise the first one.
        self.mainThreshold = mainThreshold ?? thresholdsMinutes.firstIndex(of: 20) ?? 0
        quadrantSegments = 16
    }

    public var isRoad: Bool { if case .road = mode { true } else { false } }
    /// "km" or "min".
    public var unit: String { isRoad ? "min" : "km" }
    /// A threshold in the measure's base unit: metres (distance) or seconds (road).
    public func baseValue(_ threshold: Double) -> Double { threshold * (isRoad ? 60 : 1000) }
    public var mainThresholdValue: Double { thresholds[mainThreshold] }
}

/// Coverage class of a commune at the main threshold.
public enum CoverageClass: String, Sendable, CaseIterable {
    case covered = "couverte"
    case partlyCovered = "partiellement couverte"
    case whiteZone = "zone blanche"

    /// Shares within 1e-6 of 0 or 1 count as 0 or 1 (slivers from simplified boundaries).
    public init(share: Double) {
        self = share >= 1 - 1e-6 ? .covered : share <= 1e-6 ? .whiteZone : .partlyCovered
    }
}

public struct CommuneResult: Sendable {
    public let input: CommuneInput
    public let population: Double
    public let populationMatched: Bool
    public let crs: CRS
    public let areaSquareMetres: Double
    public let representativePoint: XY           // lon/lat
    public let nearestLieu: Int?                 // index into the lieu list
    /// Distance (metres) or travel time (seconds) to the nearest lieu, from the representative point.
    public let nearestMeasure: Double
    /// Road mode: straight leg from the representative point to its road node (metres).
    public let offRoadMetres: Double?
    public var nearestDistanceMetres: Double { nearestMeasure }
    public let lieuxWithin: [Int]
    /// Share of the commune's area within each threshold.
    public let coveredShare: [Double]
    public let repairReason: String?
    /// The repaired geometry in lon/lat, when the input was invalid.
    public let repairedGeometry: Shape?
    public var coverageClass: CoverageClass
}

public struct LieuResult: Sendable {
    public let lieu: Int                      // index into the lieu list
    public let catchment: Shape?              // lon/lat
    public let catchmentAreaSquareMetres: Double
    public let catchmentPopulation: Double
    public let serviceArea: Shape?            // lon/lat
    public let serviceAreaSquareMetres: Double
    public let servicePopulation: Double
    /// Number of communes whose representative point has this lieu as nearest.
    public let nearestForCommunes: Int
}

public struct WhiteZonePiece: Sendable {
    public let geometry: Shape                // lon/lat
    public let areaSquareMetres: Double
    public let population: Double
    /// The commune (index into `communes`) for per-commune pieces; nil for dissolved zones.
    public let commune: Int?
    /// Communes touched by a dissolved zone.
    public let communeCount: Int
}

public struct AnalysisResult: Sendable {
    public let parameters: AnalysisParameters
    public let communes: [CommuneResult]
    public let lieux: [Lieu]
    public let lieuResults: [LieuResult]
    public let whiteZonesByCommune: [WhiteZonePiece]
    public let whiteZonesDissolved: [WhiteZonePiece]
    public let crsUsed: [CRS]
    /// Road mode: what was built from the network, per territory.
    public let roadReports: [RoadReport]
}

/// The analysis: proximity, catchments, service areas, coverage and white zones, by straight-line
/// distance or by road travel time (`AnalysisParameters.mode`).
public enum DistanceAnalysis {
    public static func run(communes: [CommuneInput], population: PopulationJoin, lieux: [Lieu],
                           parameters: AnalysisParameters,
                           progress: @Sendable (String) -> Void = { _ in }) throws -> AnalysisResult {
        guard !communes.isEmpty else { throw AnalysisInputError.noCommunes(selection: "empty selection") }
        progress("projecting and checking \(communes.count) communes")
        let territories = try ProjectedTerritory.prepare(communes: communes, lieux: lieux)
        return try run(territories: territories, communes: communes, population: population, lieux: lieux,
                       parameters: parameters, progress: progress)
    }

    /// The analysis of communes already projected by `ProjectedTerritory.prepare(communes:lieux:)`,
    /// whose lieu indices and points refer to `lieux`.
    public static func run(territories: [ProjectedTerritory], communes: [CommuneInput], population: PopulationJoin,
                           lieux: [Lieu], parameters: AnalysisParameters,
                           progress: @Sendable (String) -> Void = { _ in }) throws -> AnalysisResult {
        var communeResults = [CommuneResult?](repeating: nil, count: communes.count)
        var lieuResults: [LieuResult] = []
        var byCommune: [WhiteZonePiece] = []
        var dissolved: [WhiteZonePiece] = []
        let matched = Set(population.unmatchedCommunes.map(\.code))
        var roads: RoadNetworkLoad?
        var roadReports: [RoadReport] = []
        if case .road(let settings) = parameters.mode {
            progress("reading road network \(settings.networkPath)")
            roads = try RoadNetworkLoad(settings: settings)
        }
        for zone in territories {
            var territory = zone
            guard !territory.lieuIndices.isEmpty else {
                throw AnalysisInputError.noLieux(source: "lieux", reason: "none in the zone of \(territory.crs) where "
                                                 + "\(territory.communeIndices.count) communes lie")
            }
            let engine: CoverageEngine
            var offRoad: [Double]?
            if let roads {
                progress("road graph, travel times and isochrones in \(territory.crs)")
                let road = try roads.analyse(territory: zone, parameters: parameters)
                engine = road.engine
                territory = engine.territory
                offRoad = road.report.communeOffRoadMetres
                roadReports.append(road.report)
            } else {
                engine = try CoverageEngine(territory: territory, thresholdsMetres: parameters.thresholds.map { $0 * 1000 },
                                            mainThreshold: parameters.mainThreshold, quadrantSegments: parameters.quadrantSegments)
            }
            progress("coverage of \(territory.communeIndices.count) communes by \(territory.lieuIndices.count) lieux in \(territory.crs)")
            let coverage = try engine.run()
            let pops = territory.communeIndices.map { population.population[$0] }
            let toLonLat = BackProjection(crs: territory.crs)
            var points = territory.representativePoints
            try ThreadTransformers.with(from: territory.crs, to: .wgs84) { try $0.transform(&points) }
            let repairs = Dictionary(uniqueKeysWithValues: territory.repairs.map { ($0.position, $0.reason) })
            for (position, global) in territory.communeIndices.enumerated() {
                let area = territory.areasSquareMetres[position]
                let shares = coverage[position].coveredAreaSquareMetres.map { area > 0 ? min(1, $0 / area) : 0 }
                communeResults[global] = CommuneResult(
                    input: communes[global], population: pops[position], populationMatched: !matched.contains(communes[global].code),
                    crs: territory.crs, areaSquareMetres: area, representativePoint: points[position],
                    nearestLieu: coverage[position].nearestLieu.map { territory.lieuIndices[$0] },
                    nearestMeasure: coverage[position].nearestMeasure, offRoadMetres: offRoad?[position],
                    lieuxWithin: coverage[position].lieuxWithin, coveredShare: shares, repairReason: repairs[position],
                    repairedGeometry: try repairs[position].map { _ in try toLonLat(territory.geometries[position]) },
                    coverageClass: CoverageClass(share: shares[parameters.mainThreshold]))
            }
            progress("assembling catchments and service areas")
            lieuResults += try assembleLieux(engine: engine, coverage: coverage, populations: pops, toLonLat: toLonLat)
            progress("white zones")
            let zones = try WhiteZones.build(territory: territory, coverage: coverage, discs: engine.discs[parameters.mainThreshold],
                                            populations: pops, toLonLat: toLonLat)
            byCommune += zones.byCommune
            dissolved += zones.dissolved
        }
        return AnalysisResult(
            parameters: parameters, communes: communeResults.map { $0! }, lieux: lieux,
            lieuResults: lieuResults.sorted { $0.lieu < $1.lieu },
            whiteZonesByCommune: byCommune.sorted { ($0.population, $1.areaSquareMetres) > ($1.population, $0.areaSquareMetres) },
            whiteZonesDissolved: dissolved.sorted { ($0.population, $1.areaSquareMetres) > ($1.population, $0.areaSquareMetres) },
            crsUsed: territories.map(\.crs), roadReports: roadReports)
    }

    /// Catchment and service-area geometry and population of every lieu that reaches the territory.
    ///
    /// Populations add up the area-weighted shares of each commune piece. Geometries are the disc
    /// (or Voronoi cell) clipped to the union of the communes it touches; when the pieces fill the
    /// whole disc or cell, it is its own clip.
    static func assembleLieux(engine: CoverageEngine, coverage: [CommuneCoverage], populations: [Double],
                              toLonLat: BackProjection) throws -> [LieuResult] {
        let territory = engine.territory
        let count = territory.lieuIndices.count
        var catchmentPieces = [[(piece: LieuPiece, commune: Int)]](repeating: [], count: count)
        var servicePieces = [[(piece: LieuPiece, commune: Int)]](repeating: [], count: count)
        var nearestCount = [Int](repeating: 0, count: count)
        for (position, result) in coverage.enumerated() {
            for piece in result.catchmentPieces { catchmentPieces[piece.lieu].append((piece, position)) }
            for piece in result.servicePieces { servicePieces[piece.lieu].append((piece, position)) }
            if let nearest = result.nearestLieu { nearestCount[nearest] += 1 }
        }
        let (catchments, services, nearestCounts) = (catchmentPieces, servicePieces, nearestCount)
        let relevant = (0..<count).filter { !catchmentPieces[$0].isEmpty || !servicePieces[$0].isEmpty || nearestCount[$0] > 0 }
        let mainDiscs = engine.discs[engine.mainThreshold]
        let results: [Result<LieuResult, any Error>] = ParallelMap.map(relevant) { lieu in
            Result {
                func assemble(_ pieces: [(piece: LieuPiece, commune: Int)], whole: Geometry?) throws -> (Shape?, Double, Double) {
                    guard !pieces.isEmpty else { return (nil, 0, 0) }
                    let area = pieces.reduce(0.0) { $0 + $1.piece.areaSquareMetres }
                    let people = pieces.reduce(0.0) {
                        $0 + populations[$1.commune] * $1.piece.areaSquareMetres / max(territory.areasSquareMetres[$1.commune], .leastNormalMagnitude)
                    }
                    let geometry: Geometry
                    if let whole, abs(try whole.area() - area) <= 1e-9 * area {
                        geometry = whole
                    } else if let whole {
                        geometry = try whole.intersection(try territory.union(of: pieces.map(\.commune)))
                    } else {
                        geometry = try territory.union(of: pieces.map(\.commune))   // road mode: whole communes
                    }
                    return (try toLonLat(geometry), area, people)
                }
                let catchment = try assemble(catchments[lieu], whole: mainDiscs[lieu])
                let service = try assemble(services[lieu], whole: engine.cells[lieu])
                return LieuResult(lieu: territory.lieuIndices[lieu], catchment: catchment.0, catchmentAreaSquareMetres: catchment.1,
                                  catchmentPopulation: catchment.2, serviceArea: service.0, serviceAreaSquareMetres: service.1,
                                  servicePopulation: service.2, nearestForCommunes: nearestCounts[lieu])
            }
        }
        return try results.map { try $0.get() }
    }
}

/// Projects metric geometries back to WGS84 lon/lat coordinates for the outputs (one PROJ call per
/// geometry; the result feeds the writers directly, without rebuilding a GEOS geometry).
struct BackProjection: Sendable {
    let crs: CRS
    func callAsFunction(_ geometry: Geometry) throws -> Shape {
        try ThreadTransformers.with(from: crs, to: .wgs84) { try $0.transform(geometry.shape) }
    }
}
