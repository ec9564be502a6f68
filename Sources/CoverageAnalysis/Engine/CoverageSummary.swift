/// The figures of the summary, computed from the per-commune results.
public struct CoverageSummary: Sendable {
    public struct ThresholdFigures: Sendable {
        public let threshold: Threshold
        /// Population of the communes whose representative point is within the threshold of a lieu.
        public let populationByPoint: Double
        /// Population within the threshold, estimated by area share (uniform density per commune).
        public let populationAreaWeighted: Double
        public let coveredAreaSquareMetres: Double
    }

    public struct Departement: Sendable {
        public let code: String
        public let communes: Int
        public let population: Double
        public let populationWithinMainByPoint: Double
        public let populationWithinMainAreaWeighted: Double
        public let whiteZoneAreaSquareMetres: Double
        public let whiteZonePopulation: Double
        /// Population-weighted median distance or travel time to the nearest lieu.
        public let median: Proximity?
    }

    public let communes: Int
    public let population: Double
    public let areaSquareMetres: Double
    public let thresholds: [ThresholdFigures]
    public let whiteZoneAreaSquareMetres: Double
    public let whiteZonePopulation: Double
    /// Population-weighted distance or travel time from the representative points to the nearest lieu.
    public let median: Proximity?
    public let p90: Proximity?
    /// Largest distance or time among populated communes that reach a lieu.
    public let maximum: Proximity?
    public let classCounts: [CoverageClass: Int]
    public let departements: [Departement]
    /// With a population model other than uniform: the figures measured from its units.
    public let model: ModelFigures?

    /// The figures of a population model with units (grid cells or weighted cells), each unit
    /// measured from its cell centre.
    public struct ModelFigures: Sendable {
        public let kind: PopulationModelKind
        public let population: Double
        /// People within each threshold (bounds inclusive), in the order of the thresholds.
        public let populationWithin: [Double]
        /// People beyond the main threshold (or with no reachable lieu).
        public let whiteZonePopulation: Double
        public let median: Proximity?
        public let p90: Proximity?
        /// Largest distance or time among populated units that reach a lieu.
        public let maximum: Proximity?
        /// Per département (same order as `departements`).
        public let departements: [ModelDepartement]
    }

    public struct ModelDepartement: Sendable {
        public let code: String
        public let population: Double
        public let populationWithinMain: Double
        public let whiteZonePopulation: Double
        public let median: Proximity?
    }

    public init(_ result: AnalysisResult) {
        let communes = result.communes
        let main = result.parameters.mainThreshold
        self.communes = communes.count
        population = communes.reduce(0) { $0 + $1.population }
        areaSquareMetres = communes.reduce(0) { $0 + $1.areaSquareMetres }
        let parameters = result.parameters
        thresholds = parameters.thresholds.enumerated().map { t, threshold in
            ThresholdFigures(threshold: threshold,
                      populationByPoint: communes.reduce(0) { $0 + (threshold.contains($1.nearest) ? $1.population : 0) },
                      populationAreaWeighted: communes.reduce(0) { $0 + $1.population * $1.coveredShare[t] },
                      coveredAreaSquareMetres: communes.reduce(0) { $0 + $1.areaSquareMetres * $1.coveredShare[t] })
        }
        whiteZoneAreaSquareMetres = communes.reduce(0) { $0 + $1.areaSquareMetres * (1 - $1.coveredShare[main]) }
        whiteZonePopulation = communes.reduce(0) { $0 + $1.population * (1 - $1.coveredShare[main]) }
        // Unreachable communes count as infinitely far in the percentiles.
        let kind = parameters.main.limit
        let distances = communes.map { $0.nearest?.baseValue ?? .infinity }, weights = communes.map(\.population)
        median = WeightedStatistics.quantile(0.5, values: distances, weights: weights).map(kind.sameKind)
        p90 = WeightedStatistics.quantile(0.9, values: distances, weights: weights).map(kind.sameKind)
        maximum = communes.filter { $0.population > 0 }.compactMap { $0.nearest?.baseValue }.max().map(kind.sameKind)
        classCounts = Dictionary(grouping: communes, by: \.coverageClass).mapValues(\.count)
        let mainThreshold = parameters.main
        departements = Dictionary(grouping: communes, by: \.input.departement).sorted { $0.key < $1.key }.map { code, members in
            let withinMain: Double = members.reduce(0) { $0 + (mainThreshold.contains($1.nearest) ? $1.population : 0) }
            let distances: [Double] = members.map { $0.nearest?.baseValue ?? .infinity }
            let median: Proximity? = WeightedStatistics.quantile(0.5, values: distances, weights: members.map(\.population)).map(kind.sameKind)
            return Departement(
                code: code, communes: members.count, population: members.reduce(0) { $0 + $1.population },
                populationWithinMainByPoint: withinMain,
                populationWithinMainAreaWeighted: members.reduce(0) { $0 + $1.population * $1.coveredShare[main] },
                whiteZoneAreaSquareMetres: members.reduce(0) { $0 + $1.areaSquareMetres * (1 - $1.coveredShare[main]) },
                whiteZonePopulation: members.reduce(0) { $0 + $1.population * (1 - $1.coveredShare[main]) },
                median: median)
        }
        model = Self.modelFigures(result, departementCodes: departements.map(\.code))
    }

    static func modelFigures(_ result: AnalysisResult, departementCodes: [String]) -> ModelFigures? {
        let model = result.populationModel
        guard let units = model.units else { return nil }
        let pieces = units.pieces
        let kind = result.parameters.main.limit
        let limits = result.parameters.thresholds.map(\.limit.baseValue)
        let main = limits[result.parameters.mainThreshold]
        let weights = pieces.map(\.population)
        func figures(_ members: [Int]) -> (population: Double, within: [Double], white: Double, median: Proximity?, p90: Proximity?) {
            var within = [Double](repeating: 0, count: limits.count), total = 0.0, white = 0.0
            for i in members {
                let people = weights[i], measure = model.measure[i]
                total += people
                for (t, limit) in limits.enumerated() where measure <= limit { within[t] += people }
                if !(measure <= main) { white += people }
            }
            let values = members.map { model.measure[$0] }, memberWeights = members.map { weights[$0] }
            return (total, within, white,
                    WeightedStatistics.quantile(0.5, values: values, weights: memberWeights).map(kind.sameKind),
                    WeightedStatistics.quantile(0.9, values: values, weights: memberWeights).map(kind.sameKind))
        }
        let all = figures(Array(pieces.indices))
        let departementOf = result.communes.map(\.input.departement)
        let byDepartement = Dictionary(grouping: pieces.indices, by: { departementOf[pieces[$0].commune] })
        let maximum = pieces.indices.filter { weights[$0] > 0 && model.measure[$0].isFinite }.map { model.measure[$0] }.max()
        return ModelFigures(
            kind: model.kind, population: all.population, populationWithin: all.within, whiteZonePopulation: all.white,
            median: all.median, p90: all.p90, maximum: maximum.map(kind.sameKind),
            departements: departementCodes.map { code in
                let d = figures(byDepartement[code] ?? [])
                return ModelDepartement(code: code, population: d.population, populationWithinMain: d.within[result.parameters.mainThreshold],
                                        whiteZonePopulation: d.white, median: d.median)
            })
    }
}
