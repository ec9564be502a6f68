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
        let settings = parameters.population
        let units = try PopulationUnits.build(settings: settings, communes: communes, legalPopulation: population.population,
                                              roadNetworkPath: parameters.road?.networkPath, progress: progress)
        // Without a population table, the communes' people are the grid's.
        let communePopulation = units.map { $0.scaled ? population.population : $0.communePopulations } ?? population.population
        let communePoints = try settings.communePointsPath.map { path in
            progress("reading commune points \(path)")
            return try CommunePoints.read(path: path)
        }
        var pointsMissing: [String] = []
        let pieceCount = units?.pieces.count ?? 0
        var unitNearest = [Int32](repeating: -1, count: pieceCount)
        var unitMeasure = [Double](repeating: .infinity, count: pieceCount)
        let measureKind = parameters.main.limit
        let mainLimit = parameters.main.limit.baseValue
        for zone in territories {
            guard !zone.lieuIndices.isEmpty else {
                throw AnalysisInputError.noLieux(source: "lieux", reason: "none in the zone of \(zone.crs) where "
                                                 + "\(zone.communeIndices.count) communes lie")
            }
            let (pointed, pointSources, missing) = try zone.choosingRepresentativePoints(
                communes: communes, communePoints: communePoints, units: units)
            pointsMissing += missing
            // Lieux at one point are measured once, then given back their own results below.
            let (merged, coincident) = pointed.mergingCoincidentLieux()
            var territory = merged
            let zoneUnits = try units.map { try TerritoryUnits(units: $0, territory: territory) }
            let engine: CoverageEngine
            var offRoad: [Double]?
            var unitMeasures: TerritoryUnitMeasure?
            var whiteCandidates: [Bool]?
            switch parameters.mode {
            case .road:
                progress("road graph, travel times and isochrones in \(territory.crs)")
                let road = try roads!.analyse(territory: territory, parameters: parameters, unitPoints: zoneUnits?.points ?? [])
                engine = road.engine
                territory = engine.territory
                offRoad = road.report.communeOffRoadMetres
                roadReports.append(road.report.naming(coincident))
                unitMeasures = zoneUnits.map { TerritoryUnitMeasure.byRoad($0, times: road.units, lieuCount: territory.lieuIndices.count) }
            case .straightLine(let quadrantSegments):
                engine = try CoverageEngine(territory: territory, radiiMetres: parameters.thresholds.map(\.limit.baseValue),
                                            mainThreshold: parameters.mainThreshold, quadrantSegments: quadrantSegments)
                if let zoneUnits {
                    progress("distance from \(zoneUnits.points.count) population units to the nearest lieu in \(territory.crs)")
                    let measured = TerritoryUnitMeasure.byDistance(zoneUnits, lieuPoints: territory.lieuPoints, radius: mainLimit)
                    unitMeasures = measured
                    whiteCandidates = WhiteZoneUnits.beyondInscribedDiscs(measure: measured.measure, radius: mainLimit,
                                                                          quadrantSegments: quadrantSegments)
                }
            }
            if let zoneUnits, let unitMeasures {
                for (unit, piece) in zoneUnits.pieces.enumerated() {
                    let lieu = unitMeasures.nearestLieu[unit]
                    unitNearest[piece] = lieu >= 0 ? Int32(territory.lieuIndices[Int(lieu)]) : -1
                    unitMeasure[piece] = unitMeasures.measure[unit]
                }
            }
            progress("coverage of \(territory.communeIndices.count) communes by \(territory.lieuCounts.reduce(0, +)) lieux "
                     + "at \(territory.lieuIndices.count) points in \(territory.crs)")
            let coverage = try engine.run()
            let pops = territory.communeIndices.map { communePopulation[$0] }
            let toLonLat = BackProjection(crs: territory.crs)
            var points = territory.representativePoints
            try ThreadTransformers.with(from: territory.crs, to: .wgs84) { try $0.transform(&points) }
            let repairs = Dictionary(uniqueKeysWithValues: territory.repairs.map { ($0.position, $0.reason) })
            for (position, global) in territory.communeIndices.enumerated() {
                let area = territory.areasSquareMetres[position]
                let shares = coverage[position].coveredAreaSquareMetres.map { area > 0 ? min(1, $0 / area) : 0 }
                let measured = coverage[position].nearestMeasure
                let withinMain: Double? = zoneUnits.map { zoneUnits in
                    zoneUnits.ranges[position].reduce(0.0) { sum, unit in
                        sum + (unitMeasure[zoneUnits.pieces[unit]] <= mainLimit ? zoneUnits.populations[unit] : 0)
                    }
                }
                communeResults[global] = CommuneResult(
                    input: communes[global], population: pops[position],
                    populationMatched: !unmatchedCodes.contains(communes[global].code),
                    crs: territory.crs, areaSquareMetres: area, representativePoint: points[position],
                    pointSource: pointSources[position],
                    nearestLieu: coverage[position].nearestLieu.map { territory.lieuIndices[$0] },
                    nearest: measured.isFinite ? measureKind.sameKind(measured) : nil, offRoadMetres: offRoad?[position],
                    lieuxWithin: coverage[position].lieuxWithin, coveredShare: shares, repairReason: repairs[position],
                    repairedGeometry: try repairs[position].map { _ in try toLonLat(territory.geometries[position]) },
                    coverageClass: CoverageClass(share: shares[parameters.mainThreshold]), modelPopulationWithinMain: withinMain)
            }
            progress("assembling catchments and service areas")
            var zoneLieux = try CatchmentAssembly.lieuResults(engine: engine, coverage: coverage, populations: pops, toLonLat: toLonLat)
            if let unitMeasures {
                let position = Dictionary(uniqueKeysWithValues: territory.lieuIndices.enumerated().map { ($1, $0) })
                for k in zoneLieux.indices {
                    guard let lieu = position[zoneLieux[k].lieu] else { continue }
                    zoneLieux[k].modelCatchmentPopulation = unitMeasures.catchmentPopulation[lieu]
                    zoneLieux[k].modelServicePopulation = unitMeasures.servicePopulation[lieu]
                }
            }
            lieuResults += zoneLieux + zoneLieux.flatMap { result in
                (coincident.others[result.lieu] ?? []).compactMap(result.coincidentLieu)
            }
            progress("white zones")
            let zones = try WhiteZones.build(territory: territory, coverage: coverage,
                                            catchments: engine.polygons[parameters.mainThreshold],
                                            populations: pops, toLonLat: toLonLat, units: zoneUnits,
                                            candidateUnits: whiteCandidates)
            byCommune += zones.byCommune
            dissolved += zones.dissolved
        }
        // Slivers left out of the white-zone layers, counted.
        func keepingLarge(_ pieces: [WhiteZonePiece]) -> ([WhiteZonePiece], LeftOutPieces) {
            var left = LeftOutPieces()
            let kept = pieces.filter { piece in
                guard piece.areaSquareMetres < settings.minWhiteZoneSquareMetres else { return true }
                left.count += 1
                left.areaSquareMetres += piece.areaSquareMetres
                left.population += piece.modelPopulation ?? piece.population
                return false
            }
            return (kept, left)
        }
        func ranked(_ pieces: [WhiteZonePiece]) -> [WhiteZonePiece] {
            pieces.sorted { (($0.modelPopulation ?? $0.population), $1.areaSquareMetres) > (($1.modelPopulation ?? $1.population), $0.areaSquareMetres) }
        }
        let (keptByCommune, leftByCommune) = keepingLarge(byCommune)
        let (keptDissolved, leftDissolved) = keepingLarge(dissolved)
        let model = PopulationModelResult(
            kind: units?.kind ?? .uniform, units: units, nearestLieu: unitNearest, measure: unitMeasure,
            communePointsSource: communePoints?.source, communePointsMissing: pointsMissing.sorted(),
            minWhiteZoneSquareMetres: settings.minWhiteZoneSquareMetres,
            leftOutByCommune: leftByCommune, leftOutDissolved: leftDissolved)
        return AnalysisResult(
            parameters: parameters, communes: communeResults.map { $0! }, lieux: lieux,
            lieuResults: lieuResults.sorted { $0.lieu < $1.lieu },
            whiteZonesByCommune: ranked(keptByCommune), whiteZonesDissolved: ranked(keptDissolved),
            crsUsed: territories.map(\.crs), roadReports: roadReports, populationModel: model)
    }
}
