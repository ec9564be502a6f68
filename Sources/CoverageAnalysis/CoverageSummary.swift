/// The figures of the summary, computed from the per-commune results.
public struct CoverageSummary: Sendable {
    public struct Threshold: Sendable {
        /// The threshold in the mode's unit (km or minutes).
        public let km: Double
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
        public let medianDistanceMetres: Double?
    }

    public let communes: Int
    public let population: Double
    public let areaSquareMetres: Double
    public let thresholds: [Threshold]
    public let whiteZoneAreaSquareMetres: Double
    public let whiteZonePopulation: Double
    /// Population-weighted distance (metres) or travel time (seconds) from the representative
    /// points to the nearest lieu.
    public let medianDistanceMetres: Double?
    public let p90DistanceMetres: Double?
    /// Largest distance among populated communes.
    public let maxDistanceMetres: Double?
    public let classCounts: [CoverageClass: Int]
    public let departements: [Departement]

    public init(_ result: AnalysisResult) {
        let communes = result.communes
        let main = result.parameters.mainThreshold
        self.communes = communes.count
        population = communes.reduce(0) { $0 + $1.population }
        areaSquareMetres = communes.reduce(0) { $0 + $1.areaSquareMetres }
        let parameters = result.parameters
        thresholds = parameters.thresholds.enumerated().map { t, value in
            Threshold(km: value,
                      populationByPoint: communes.reduce(0) { $0 + ($1.nearestMeasure <= parameters.baseValue(value) ? $1.population : 0) },
                      populationAreaWeighted: communes.reduce(0) { $0 + $1.population * $1.coveredShare[t] },
                      coveredAreaSquareMetres: communes.reduce(0) { $0 + $1.areaSquareMetres * $1.coveredShare[t] })
        }
        whiteZoneAreaSquareMetres = communes.reduce(0) { $0 + $1.areaSquareMetres * (1 - $1.coveredShare[main]) }
        whiteZonePopulation = communes.reduce(0) { $0 + $1.population * (1 - $1.coveredShare[main]) }
        let distances = communes.map(\.nearestMeasure), weights = communes.map(\.population)
        medianDistanceMetres = WeightedStatistics.quantile(0.5, values: distances, weights: weights)
        p90DistanceMetres = WeightedStatistics.quantile(0.9, values: distances, weights: weights)
        maxDistanceMetres = communes.filter { $0.population > 0 }.map(\.nearestMeasure).filter(\.isFinite).max()
        classCounts = Dictionary(grouping: communes, by: \.coverageClass).mapValues(\.count)
        departements = Dictionary(grouping: communes, by: \.input.departement).sorted { $0.key < $1.key }.map { code, members in
            let limit = parameters.baseValue(parameters.thresholds[main])
            return Departement(
                code: code, communes: members.count, population: members.reduce(0) { $0 + $1.population },
                populationWithinMainByPoint: members.reduce(0) { $0 + ($1.nearestMeasure <= limit ? $1.population : 0) },
                populationWithinMainAreaWeighted: members.reduce(0) { $0 + $1.population * $1.coveredShare[main] },
                whiteZoneAreaSquareMetres: members.reduce(0) { $0 + $1.areaSquareMetres * (1 - $1.coveredShare[main]) },
                whiteZonePopulation: members.reduce(0) { $0 + $1.population * (1 - $1.coveredShare[main]) },
                medianDistanceMetres: WeightedStatistics.quantile(0.5, values: members.map(\.nearestMeasure),
                                                                  weights: members.map(\.population)))
        }
    }
}
