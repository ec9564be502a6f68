import Accessibility
import PopulationGrid

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
        median = PopulationStatistics.quantile(0.5, values: distances, populations: weights).map(kind.sameKind)
        p90 = PopulationStatistics.quantile(0.9, values: distances, populations: weights).map(kind.sameKind)
        maximum = communes.lazy.filter { $0.population > 0 }.compactMap { $0.nearest?.baseValue }.max().map(kind.sameKind)
        var classCounts: [CoverageClass: Int] = [:]
        for commune in communes { classCounts[commune.coverageClass, default: 0] += 1 }
        self.classCounts = classCounts
        let mainThreshold = parameters.main
        // Members by index (in input order), not copies of the commune results.
        departements = Dictionary(grouping: communes.indices, by: { communes[$0].input.departement }).sorted { $0.key < $1.key }.map { code, members in
            let withinMain: Double = members.reduce(0) { $0 + (mainThreshold.contains(communes[$1].nearest) ? communes[$1].population : 0) }
            let distances: [Double] = members.map { communes[$0].nearest?.baseValue ?? .infinity }
            let median: Proximity? = PopulationStatistics.quantile(0.5, values: distances, populations: members.map { communes[$0].population })
                .map(kind.sameKind)
            return Departement(
                code: code, communes: members.count, population: members.reduce(0) { $0 + communes[$1].population },
                populationWithinMainByPoint: withinMain,
                populationWithinMainAreaWeighted: members.reduce(0) { $0 + communes[$1].population * communes[$1].coveredShare[main] },
                whiteZoneAreaSquareMetres: members.reduce(0) { $0 + communes[$1].areaSquareMetres * (1 - communes[$1].coveredShare[main]) },
                whiteZonePopulation: members.reduce(0) { $0 + communes[$1].population * (1 - communes[$1].coveredShare[main]) },
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
        let mainIndex = result.parameters.mainThreshold
        let main = limits[mainIndex]
        let measure = model.measure
        // Group 0 is the whole territory, group 1 + d the département `departementCodes[d]`.
        let groupOfCode = Dictionary(uniqueKeysWithValues: departementCodes.enumerated().map { ($1, $0 + 1) })
        let communeGroup = result.communes.map { groupOfCode[$0.input.departement] ?? -1 }
        let groupCount = departementCodes.count + 1
        var total = [Double](repeating: 0, count: groupCount), white = [Double](repeating: 0, count: groupCount)
        var within = [[Double]](repeating: [Double](repeating: 0, count: limits.count), count: groupCount)
        var maximum: Double?
        // Sums in piece order, as each group's members are listed.
        for (i, piece) in pieces.enumerated() {
            let people = piece.population, value = measure[i]
            let group = communeGroup[piece.commune]
            var g = 0
            while true {
                total[g] += people
                for (t, limit) in limits.enumerated() where value <= limit { within[g][t] += people }
                if !(value <= main) { white[g] += people }
                guard g == 0, group > 0 else { break }
                g = group
            }
            if people > 0 && value.isFinite && value > (maximum ?? -.infinity) { maximum = value }
        }
        let (median, p90) = Self.quantiles(pieces: pieces, measure: measure, communeGroup: communeGroup,
                                           groupCount: groupCount)
        return ModelFigures(
            kind: model.kind, population: total[0], populationWithin: within[0], whiteZonePopulation: white[0],
            median: median[0].map(kind.sameKind), p90: p90[0].map(kind.sameKind), maximum: maximum.map(kind.sameKind),
            departements: departementCodes.enumerated().map { d, code in
                ModelDepartement(code: code, population: total[d + 1], populationWithinMain: within[d + 1][mainIndex],
                                 whiteZonePopulation: white[d + 1], median: median[d + 1].map(kind.sameKind))
            })
    }

    /// The population-weighted median and 90th percentile of the pieces' measures, for the whole
    /// territory (group 0) and each group of the pieces' communes (`communeGroup`: 1…; 0 or -1 for none): the figures of
    /// `PopulationStatistics.quantile`, from one sort of all pieces instead of two per group. Its stable
    /// sort of a group's pieces (ascending) by measure is the order by (measure, piece), which the
    /// whole order keeps for every group; sums run in that order, as there.
    static func quantiles(pieces: [PopulationPiece], measure: [Double], communeGroup: [Int],
                          groupCount: Int) -> (median: [Double?], p90: [Double?]) {
        struct Entry {
            let value: Double, piece: Int32, group: Int32, people: Double
        }
        var order: [Entry] = []
        order.reserveCapacity(pieces.count)
        for (i, piece) in pieces.enumerated() where piece.population > 0 {
            order.append(Entry(value: measure[i], piece: Int32(i), group: Int32(communeGroup[piece.commune]), people: piece.population))
        }
        if order.contains(where: { $0.value.isNaN }) {
            // Not a strict weak order: the general function on each group.
            return nanSafeQuantiles(pieces: pieces, measure: measure, communeGroup: communeGroup, groupCount: groupCount)
        }
        if order.allSatisfy({ $0.value >= 0 }) {
            // Entries are in piece order: a stable sort by value is the order by (value, piece).
            let permutation = StableOrder.ascending(keys: order.map { $0.value == 0 ? 0 : $0.value.bitPattern })
            order = permutation.map { order[Int($0)] }
        } else {
            order.sort { $0.value < $1.value || ($0.value == $1.value && $0.piece < $1.piece) }
        }
        var weightTotal = [Double](repeating: 0, count: groupCount)
        for entry in order {
            weightTotal[0] += entry.people
            if entry.group > 0 { weightTotal[Int(entry.group)] += entry.people }
        }
        var cumulative = [Double](repeating: 0, count: groupCount)
        var median = [Double](repeating: .nan, count: groupCount), p90 = [Double](repeating: .nan, count: groupCount)
        var last = [Double](repeating: .nan, count: groupCount)
        for entry in order {
            var g = 0
            while true {
                cumulative[g] += entry.people
                last[g] = entry.value
                if median[g].isNaN && cumulative[g] >= 0.5 * weightTotal[g] * (1 - 1e-12) { median[g] = entry.value }
                if p90[g].isNaN && cumulative[g] >= 0.9 * weightTotal[g] * (1 - 1e-12) { p90[g] = entry.value }
                guard g == 0, entry.group > 0 else { break }
                g = Int(entry.group)
            }
        }
        // nil without weight; the last value when rounding kept the cumulative weight short of the target.
        func answer(_ found: [Double]) -> [Double?] {
            (0..<groupCount).map { g in weightTotal[g] > 0 ? (found[g].isNaN ? last[g] : found[g]) : nil }
        }
        return (answer(median), answer(p90))
    }

    private static func nanSafeQuantiles(pieces: [PopulationPiece], measure: [Double], communeGroup: [Int],
                                         groupCount: Int) -> (median: [Double?], p90: [Double?]) {
        var members = [[Int]](repeating: [], count: groupCount)
        for i in pieces.indices {
            members[0].append(i)
            if case let group = communeGroup[pieces[i].commune], group > 0 { members[group].append(i) }
        }
        let weights = pieces.map(\.population)
        func quantile(_ q: Double, _ group: [Int]) -> Double? {
            PopulationStatistics.quantile(q, values: group.map { measure[$0] }, populations: group.map { weights[$0] })
        }
        return (members.map { quantile(0.5, $0) }, members.map { quantile(0.9, $0) })
    }
}
