import GeoCore
import Projection

/// Measures how the lieux serve a territory: proximity of every commune, catchments and service
/// areas of every lieu, coverage and white zones, by straight-line distance or by road travel
/// time (`AnalysisParameters.mode`).
public enum CoverageMeasurement {
    public static func measure(communes: [CommuneInput], population: PopulationJoin, lieux: [Lieu],
                               parameters: AnalysisParameters,
                               progress: @Sendable (String) -> Void = { _ in }) throws -> AnalysisResult {
        guard !communes.isEmpty else { throw AnalysisInputError.noCommunes(selection: "empty selection") }
        progress("projecting and checking \(communes.count) communes")
        let territories = try ProjectedTerritory.prepare(communes: communes, lieux: lieux)
        return try measure(territories: territories, communes: communes, population: population, lieux: lieux,
                           parameters: parameters, progress: progress)
    }

    /// The measurement of communes already projected by `ProjectedTerritory.prepare(communes:lieux:)`,
    /// whose lieu indices and points refer to `lieux`.
    public static func measure(territories: [ProjectedTerritory], communes: [CommuneInput], population: PopulationJoin,
                               lieux: [Lieu], parameters: AnalysisParameters,
                               progress: @Sendable (String) -> Void = { _ in }) throws -> AnalysisResult {
        var communeResults = [CommuneResult?](repeating: nil, count: communes.count)
        var lieuResults: [LieuResult] = []
        var byCommune: [WhiteZonePiece] = []
        var dissolved: [WhiteZonePiece] = []
        let unmatchedCodes = Set(population.unmatchedCommunes.map(\.code))
        var roads: RoadNetworkLoad?
        var roadReports: [RoadReport] = []
        if let settings = parameters.road {
            progress("reading road network \(settings.networkPath)")
            roads = try RoadNetworkLoad(settings: settings)
        }
        let measureKind = parameters.main.limit
        for zone in territories {
            var territory = zone
            guard !territory.lieuIndices.isEmpty else {
                throw AnalysisInputError.noLieux(source: "lieux", reason: "none in the zone of \(territory.crs) where "
                                                 + "\(territory.communeIndices.count) communes lie")
            }
            let engine: CoverageEngine
            var offRoad: [Double]?
            switch parameters.mode {
            case .road:
                progress("road graph, travel times and isochrones in \(territory.crs)")
                let road = try roads!.analyse(territory: zone, parameters: parameters)
                engine = road.engine
                territory = engine.territory
                offRoad = road.report.communeOffRoadMetres
                roadReports.append(road.report)
            case .straightLine(let quadrantSegments):
                engine = try CoverageEngine(territory: territory, radiiMetres: parameters.thresholds.map(\.limit.baseValue),
                                            mainThreshold: parameters.mainThreshold, quadrantSegments: quadrantSegments)
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
                let measured = coverage[position].nearestMeasure
                communeResults[global] = CommuneResult(
                    input: communes[global], population: pops[position],
                    populationMatched: !unmatchedCodes.contains(communes[global].code),
                    crs: territory.crs, areaSquareMetres: area, representativePoint: points[position],
                    nearestLieu: coverage[position].nearestLieu.map { territory.lieuIndices[$0] },
                    nearest: measured.isFinite ? measureKind.sameKind(measured) : nil, offRoadMetres: offRoad?[position],
                    lieuxWithin: coverage[position].lieuxWithin, coveredShare: shares, repairReason: repairs[position],
                    repairedGeometry: try repairs[position].map { _ in try toLonLat(territory.geometries[position]) },
                    coverageClass: CoverageClass(share: shares[parameters.mainThreshold]))
            }
            progress("assembling catchments and service areas")
            lieuResults += try CatchmentAssembly.lieuResults(engine: engine, coverage: coverage, populations: pops, toLonLat: toLonLat)
            progress("white zones")
            let zones = try WhiteZones.build(territory: territory, coverage: coverage,
                                            catchments: engine.polygons[parameters.mainThreshold],
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
}
