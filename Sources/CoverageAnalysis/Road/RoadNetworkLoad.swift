import Foundation
import GeoIO
import GeosGeometry
import Projection
import RoadNetwork
import GeoCore

/// What the road mode built and found for one territory, for the outputs.
public struct RoadReport: Sendable {
    public let crs: CRS
    public let graph: RoadGraphReport
    public let components: ComponentFilterReport
    public let speedTableCSV: String
    /// Straight leg from each commune's representative point to its road node (territory order).
    public let communeOffRoadMetres: [Double]
    /// Communes (indices into the analysis's commune list) and lieux (indices into the lieu list)
    /// farther than the warning distance from any road, with that distance.
    public let farCommunes: [(commune: Int, metres: Double)]
    public internal(set) var farLieux: [(lieu: Int, metres: Double)]
    /// Communes from which no lieu can be reached by road (indices into the commune list).
    public let unreachableCommunes: [Int]
    /// Lieux of the territory's CRS zone left out because they lie farther than `lieuReachMetres`
    /// from any road node (indices into the lieu list): inside the territory's bounding box (a lieu
    /// the network misses), and outside it (other regions, not expected on this network).
    public internal(set) var lieuxOutsideNetwork: [Int]
    public internal(set) var lieuxBeyondTerritory: [Int]
    public var lieuReachMetres: Double { RoadNetworkLoad.networkReachMetres }
    public let settings: RoadSettings
}

extension RoadReport {
    /// The report with the lieux merged at one point named again one by one.
    func naming(_ coincident: CoincidentLieux) -> RoadReport {
        var report = self
        report.farLieux = farLieux.flatMap { far in coincident.all(far.lieu).map { (lieu: $0, metres: far.metres) } }
            .sorted { $0.lieu < $1.lieu }
        report.lieuxOutsideNetwork = lieuxOutsideNetwork.flatMap(coincident.all).sorted()
        report.lieuxBeyondTerritory = lieuxBeyondTerritory.flatMap(coincident.all).sorted()
        return report
    }
}

/// The road network read once, then turned into a graph per territory CRS.
struct RoadNetworkLoad: Sendable {
    let settings: RoadSettings
    let ways: RoadWaySet
    let rules: CarWayRules

    init(settings: RoadSettings) throws {
        self.settings = settings
        var profile = SpeedProfile.car
        if let path = settings.speedProfilePath { profile = try profile.overridden(byCSVFile: path) }
        rules = CarWayRules(profile: profile)
        let path = settings.networkPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw GeoIOError.unreadableFile(path: path, reason: "no such file")
        }
        if path.lowercased().hasSuffix(".pbf") {
            ways = try RoadWaySet.load(pbfPath: path, rules: rules)
        } else if path.lowercased().hasSuffix(".geojson") || path.lowercased().hasSuffix(".json") {
            ways = RoadWaySet(ways: try Self.readGeoJSONWays(path), rules: rules)
        } else {
            throw AnalysisInputError.unsupportedFormat(path: path, expected: "an OpenStreetMap .osm.pbf file or a GeoJSON of LineStrings with OSM tags")
        }
        guard ways.wayCount > 0 else {
            throw AnalysisInputError.badParameter("\(path): no drivable road (highway=motorway…living_street) in the network")
        }
    }

    /// LineStrings (and MultiLineStrings) with their string properties as tags.
    static func readGeoJSONWays(_ path: String) throws -> [RoadWay] {
        let collection = try GeoJSONReader.read(contentsOf: URL(fileURLWithPath: path))
        var ways: [RoadWay] = []
        for feature in collection.features {
            var tags: [String: String] = [:]
            for pair in feature.properties.pairs { if let text = pair.value.stringValue { tags[pair.key] = text } }
            func add(_ line: [XY]) { ways.append(RoadWay(nodeCoordinates: line, tags: tags)) }
            switch feature.geometry {
            case .lineString(let line)?: add(line)
            case .multiLineString(let lines)?: lines.forEach(add)
            default: continue
            }
        }
        return ways
    }

    /// Graph, travel times, counts and isochrones of one territory; the engine then measures
    /// coverage exactly as in distance mode, with isochrones as catchments.
    /// Lieux farther than this from every road node are outside the network's extent (e.g. mainland
    /// lieux for an island's network) and left out of the road analysis.
    static let networkReachMetres = 10_000.0

    /// Fewer communes than this share near a road (within --far-from-road-m) means the network is not the territory's.
    static let minimumCommuneShareNearRoads = 0.5

    /// Refuses a network that leaves most of the territory's communes far from any road (e.g. another region's extract):
    /// everything would be white.
    func checkCovers(_ zone: ProjectedTerritory, nodes: NearestNodeIndex) throws {
        let points = zone.representativePoints
        guard !points.isEmpty else { return }
        let near = points.filter { (nodes.nearest(x: $0.x, y: $0.y)?.distanceMetres ?? .infinity) <= settings.farFromRoadMetres }.count
        let share = Double(near) / Double(points.count)
        guard share >= Self.minimumCommuneShareNearRoads else {
            throw AnalysisInputError.badParameter(
                "\(URL(fileURLWithPath: settings.networkPath).lastPathComponent): only \(near) of the \(points.count) communes in \(zone.crs) "
                + "(\((share * 100).formatted(.number.precision(.fractionLength(1)))) %) lie within \(settings.farFromRoadMetres.formatted()) m "
                + "(--far-from-road-m) of a road; at least \(Int(Self.minimumCommuneShareNearRoads * 100)) % must — "
                + "give the road extract of the territory (e.g. its région's .osm.pbf)")
        }
    }

    /// The car graph in `crs` with its node index, and the positions of `points` (metric, in that CRS)
    /// within `networkReachMetres` of a road node (the others lie beyond the network's extent).
    func roadGraph(in crs: CRS, keepingPointsNear points: [XY])
        throws -> (graph: RoadGraph, report: RoadGraphReport, nodes: NearestNodeIndex, near: [Int]) {
        let project: LonLatToMetres = { lons, lats in
            var xs = lons, ys = lats
            do {
                try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(xs: &xs, ys: &ys) }
            } catch {
                return (xs.map { _ in .nan }, ys.map { _ in .nan })
            }
            return (xs, ys)
        }
        let (graph, report) = try RoadGraph.build(ways: ways, project: project)
        let nodes = NearestNodeIndex(graph: graph)
        let near = points.indices.filter {
            (nodes.nearest(x: points[$0].x, y: points[$0].y)?.distanceMetres ?? .infinity) <= Self.networkReachMetres
        }
        return (graph, report, nodes, near)
    }

    /// `unitPoints` (metric, in the territory's CRS) are measured with the same snapping and
    /// off-road leg as the communes' representative points, on the same graph.
    func analyse(territory zone: ProjectedTerritory, parameters: AnalysisParameters,
                 unitPoints: [XY] = []) throws -> (engine: CoverageEngine, report: RoadReport, units: RoadUnitTimes) {
        let crs = zone.crs
        let (graph, graphReport, nodes, inReach) = try roadGraph(in: crs, keepingPointsNear: zone.lieuPoints)
        try checkCovers(zone, nodes: nodes)
        let outside = Set(zone.lieuPoints.indices).subtracting(inReach).sorted()
        let inBox = outside.filter { zone.envelope.distance(to: zone.lieuPoints[$0]) == 0 }
        let beyond = outside.filter { zone.envelope.distance(to: zone.lieuPoints[$0]) > 0 }
        guard !inReach.isEmpty else {
            throw AnalysisInputError.noLieux(source: settings.networkPath, reason: "no lieu within \(Int(Self.networkReachMetres / 1000)) km of the road network")
        }
        let territory = zone.keepingLieux(inReach)
        let model = try RoadAccessModel(
            graph: graph, lieux: territory.lieuPoints,
            origins: territory.representativePoints + unitPoints,
            parameters: RoadAccessParameters(offRoadSpeedKmh: settings.offRoadSpeedKmh,
                                             farFromRoadWarningMetres: settings.farFromRoadMetres))
        let thresholdsSeconds = parameters.thresholds.map(\.limit.baseValue)
        let communeCount = territory.representativePoints.count
        let allNearest = model.nearestLieu()
        let nearest = Array(allNearest.prefix(communeCount))
        let counts = Array(model.lieuCountsWithin(thresholdsSeconds: thresholdsSeconds,
                                                                lieuWeights: territory.lieuCounts.map(Int32.init)).prefix(communeCount))
        let units = RoadUnitTimes(nearest: allNearest.dropFirst(communeCount),
                                  pairs: unitPoints.isEmpty ? nil
                                      : model.originLieuPairs(limitSeconds: thresholdsSeconds[parameters.mainThreshold]),
                                  communeCount: communeCount)
        let proximity = RoadProximity(
            nearestLieu: nearest.map { $0.totalSeconds.isFinite && $0.lieu >= 0 ? $0.lieu : nil },
            seconds: nearest.map { $0.totalSeconds.isFinite && $0.lieu >= 0 ? $0.totalSeconds : .infinity },
            counts: counts.map { $0.map(Int.init) })
        // Isochrones: the roads reached within each time, buffered.
        let kind = territory.geometries.first?.kind ?? .unspecified
        let segments = model.isochroneSegments(lieux: Array(territory.lieuPoints.indices), limitsSeconds: thresholdsSeconds)
        let raster = RasterIsochrone(cellMetres: settings.isochroneCellMetres, bufferMetres: settings.isochroneBufferMetres)
        let built: [Result<[(cells: Set<RasterIsochrone.Cell>, polygon: Geometry?)], any Error>] = ParallelMap.map(segments) { perLimit in
            Result {
                try perLimit.map { pieces in
                    let cells = raster.cells(pieces)
                    return (cells, try raster.polygon(cells: cells, kind: kind))
                }
            }
        }
        let byLieu = try built.map { try $0.get() }
        let isochrones = thresholdsSeconds.indices.map { t in byLieu.map { $0[t].polygon } }
        let cells = thresholdsSeconds.indices.map { t in byLieu.map { $0[t].cells } }
        let engine = CoverageEngine(territory: territory, isochrones: isochrones, cells: cells, raster: raster,
                                    limitsSeconds: thresholdsSeconds, mainThreshold: parameters.mainThreshold, proximity: proximity)
        let report = RoadReport(
            crs: crs, graph: graphReport, components: model.componentReport, speedTableCSV: rules.profile.csv,
            communeOffRoadMetres: model.originAccess.prefix(communeCount).map(\.offRoadMetres),
            farCommunes: model.farPoints.filter { $0.kind == .origin && $0.index < communeCount }.map { (territory.communeIndices[$0.index], $0.distanceMetres) },
            farLieux: model.farPoints.filter { $0.kind == .lieu }.map { (territory.lieuIndices[$0.index], $0.distanceMetres) },
            unreachableCommunes: proximity.nearestLieu.indices.filter { proximity.nearestLieu[$0] == nil }.map { territory.communeIndices[$0] },
            lieuxOutsideNetwork: inBox.map { zone.lieuIndices[$0] }, lieuxBeyondTerritory: beyond.map { zone.lieuIndices[$0] },
            settings: settings)
        return (engine, report, units)
    }
}

/// Road mode: nearest lieu and time of each population unit, and the lieux each reaches within the
/// main threshold (lieu positions in the engine's territory).
struct RoadUnitTimes: Sendable {
    /// Position of the nearest lieu, -1 when none is reachable.
    var nearestLieu: [Int32] = []
    /// Total time in seconds (infinity when none is reachable).
    var seconds: [Double] = []
    /// (unit, lieu) pairs within the main threshold.
    var unitLieuPairs: [(unit: Int32, lieu: Int32)] = []

    init(nearest: ArraySlice<NearestLieuTime>, pairs: OriginLieuTimes?, communeCount: Int) {
        for time in nearest {
            let reachable = time.totalSeconds.isFinite && time.lieu >= 0
            nearestLieu.append(reachable ? Int32(time.lieu) : -1)
            seconds.append(reachable ? time.totalSeconds : .infinity)
        }
        guard let pairs else { return }
        for k in 0..<pairs.count where Int(pairs.origins[k]) >= communeCount {
            unitLieuPairs.append((pairs.origins[k] - Int32(communeCount), pairs.lieux[k]))
        }
    }
}
