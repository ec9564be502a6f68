/// The coverage of an analysis summed by group of communes (région, EPCI, density class…): population, population
/// within the main threshold and white-zone population, as the headline estimate of the run (the population model's
/// units when one is active, else area weighting) with the by-point and area-weighted figures beside.
public struct CoverageGroupTable: Sendable {
    /// Sums over communes; every figure is a plain sum of the communes' own figures.
    public struct Figures: Sendable, Equatable {
        public var communes = 0
        public var population = 0.0
        /// Headline estimate: the units within the main threshold, else the area-weighted population.
        public var withinMain = 0.0
        /// Headline estimate: the units beyond the main threshold (or reaching no lieu), else the area-weighted population.
        public var whiteZone = 0.0
        /// Population of the communes whose representative point is within the main threshold.
        public var withinMainByPoint = 0.0
        /// Population × share of the area within the main threshold (uniform density).
        public var withinMainAreaWeighted = 0.0
        public var whiteZoneAreaWeighted = 0.0

        public init() {}

        mutating func add(_ other: Figures) {
            communes += other.communes; population += other.population; withinMain += other.withinMain
            whiteZone += other.whiteZone; withinMainByPoint += other.withinMainByPoint
            withinMainAreaWeighted += other.withinMainAreaWeighted; whiteZoneAreaWeighted += other.whiteZoneAreaWeighted
        }
    }

    public struct Row: Sendable {
        public let key: String
        public let name: String
        public let figures: Figures
    }

    public let level: String
    /// Sorted by key.
    public let rows: [Row]
    /// Every commune of the analysis, those without a group included.
    public let all: Figures
    public let grouping: CommuneGroupLevel

    /// Each commune's own figures (order of `result.communes`).
    public static func communeFigures(_ result: AnalysisResult) -> [Figures] {
        let main = result.parameters.mainThreshold
        let mainThreshold = result.parameters.main
        var unitsWhite: [Double]?
        let model = result.populationModel
        if let units = model.units {
            let limit = mainThreshold.limit.baseValue
            var white = [Double](repeating: 0, count: result.communes.count)
            for (index, piece) in units.pieces.enumerated() where !(model.measure[index] <= limit) { white[piece.commune] += piece.population }
            unitsWhite = white
        }
        return result.communes.enumerated().map { index, commune in
            var figures = Figures()
            figures.communes = 1
            figures.population = commune.population
            figures.withinMainByPoint = mainThreshold.contains(commune.nearest) ? commune.population : 0
            figures.withinMainAreaWeighted = commune.population * commune.coveredShare[main]
            figures.whiteZoneAreaWeighted = commune.population * (1 - commune.coveredShare[main])
            figures.withinMain = commune.modelPopulationWithinMain ?? figures.withinMainAreaWeighted
            figures.whiteZone = unitsWhite?[index] ?? figures.whiteZoneAreaWeighted
            return figures
        }
    }

    /// The figures of `perCommune` summed by the level's groups; rows sorted by key.
    public static func make(_ grouping: CommuneGroupLevel, perCommune: [Figures]) -> CoverageGroupTable {
        var sums: [String: Figures] = [:]
        var all = Figures()
        for (index, figures) in perCommune.enumerated() {
            all.add(figures)
            if let key = grouping.keys[index] { sums[key, default: Figures()].add(figures) }
        }
        return CoverageGroupTable(level: grouping.level,
                                  rows: sums.keys.sorted().map { Row(key: $0, name: grouping.names[$0] ?? "", figures: sums[$0]!) },
                                  all: all, grouping: grouping)
    }

    /// Région always, EPCI and density class when their table is given (départements are in the summary already).
    public static func standardLevels(_ result: AnalysisResult, epci: CommuneGroupTable?, density: CommuneGroupTable?,
                                      changes: CommuneChanges?) -> [CoverageGroupTable] {
        let perCommune = communeFigures(result)
        return CommuneGroupLevel.standard(codes: result.communes.map(\.input.code), epci: epci, density: density, changes: changes,
                                          departements: false).map { make($0, perCommune: perCommune) }
    }
}
