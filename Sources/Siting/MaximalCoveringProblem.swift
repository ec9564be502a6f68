/// A covering-location instance on numbers only: demand units with weights, the demand units
/// already covered by existing lieux, and for each candidate site the demand units it would cover.
///
/// Geometry stays outside: the caller decides what "covers" means (distance or travel time within
/// a threshold) and builds the lists, for instance with `CoverageListBuilder`. For area-weighted
/// partial coverage, split each commune into pieces and give each piece its area share of the
/// population as its own demand unit; the problem stays binary.
///
/// Candidate costs and capacities are carried as attributes only: no solver reads them yet.
public struct MaximalCoveringProblem: Sendable, Equatable {
    /// Weight of each demand unit (population), finite and not negative.
    public let demandWeights: [Double]
    /// Whether each demand unit is already within the threshold of an existing lieu.
    public let coveredByExisting: [Bool]
    /// For each candidate, the sorted, duplicate-free indices of the demand units it covers.
    public let candidateCoverage: [[Int32]]
    /// Candidates that must never be chosen (filtered out by the user); they keep their index.
    public let excludedCandidates: Set<Int>
    /// Optional cost per candidate (attribute only).
    public let candidateCosts: [Double]?
    /// Optional capacity per candidate (attribute only: coverage is not capacity-constrained).
    public let candidateCapacities: [Double]?

    /// Sum of all demand weights; shares are fractions of this total.
    public let totalWeight: Double
    /// Weight already covered by existing lieux.
    public let existingCoveredWeight: Double

    /// Compact forward and inverse coverage restricted to what new sites can still gain.
    let sparse: SparseCoverage

    public var demandCount: Int { demandWeights.count }
    public var candidateCount: Int { candidateCoverage.count }
    /// Demand units that new sites can still gain, after merging units covered by exactly the same
    /// candidates (a diagnostic: the solvers work on these merged classes).
    public var gainableDemandClassCount: Int { sparse.unitCount }

    /// Validates the inputs and normalises each coverage list (sorted, duplicates removed).
    /// - Throws: `SitingError` naming the first invalid weight, index or attribute.
    public init(
        demandWeights: [Double],
        coveredByExisting: [Bool]? = nil,
        candidateCoverage: [[Int32]],
        excludedCandidates: Set<Int> = [],
        candidateCosts: [Double]? = nil,
        candidateCapacities: [Double]? = nil
    ) throws {
        let demandCount = demandWeights.count
        let existingFlags = coveredByExisting ?? Array(repeating: false, count: demandCount)
        guard existingFlags.count == demandCount else {
            throw SitingError.demandArrayLengthMismatch(
                name: "covered-by-existing", count: existingFlags.count, demandCount: demandCount)
        }
        var total = 0.0
        var existing = 0.0
        for (index, weight) in demandWeights.enumerated() {
            guard weight.isFinite, weight >= 0 else {
                throw SitingError.invalidDemandWeight(demandIndex: index, weight: weight)
            }
            total += weight
            if existingFlags[index] { existing += weight }
        }
        guard total > 0 else { throw SitingError.zeroTotalDemandWeight(demandCount: demandCount) }

        var normalised: [[Int32]] = []
        normalised.reserveCapacity(candidateCoverage.count)
        for (candidate, list) in candidateCoverage.enumerated() {
            for demand in list where demand < 0 || Int(demand) >= demandCount {
                throw SitingError.demandIndexOutOfRange(
                    candidateIndex: candidate, demandIndex: Int(demand), demandCount: demandCount)
            }
            normalised.append(Self.sortedUnique(list))
        }
        let candidateCount = normalised.count
        for candidate in excludedCandidates where candidate < 0 || candidate >= candidateCount {
            throw SitingError.candidateIndexOutOfRange(candidateIndex: candidate, candidateCount: candidateCount)
        }
        try Self.validateAttribute(candidateCosts, name: "cost", candidateCount: candidateCount)
        try Self.validateAttribute(candidateCapacities, name: "capacity", candidateCount: candidateCount)

        self.demandWeights = demandWeights
        self.coveredByExisting = existingFlags
        self.candidateCoverage = normalised
        self.excludedCandidates = excludedCandidates
        self.candidateCosts = candidateCosts
        self.candidateCapacities = candidateCapacities
        self.totalWeight = total
        self.existingCoveredWeight = existing
        self.sparse = SparseCoverage(
            demandWeights: demandWeights, coveredByExisting: existingFlags,
            candidateCoverage: normalised, excludedCandidates: excludedCandidates)
    }

    /// Share of the total weight, clamped to [0, 1] against rounding.
    func share(ofWeight weight: Double) -> Double {
        min(1, max(0, weight / totalWeight))
    }

    /// Absolute tolerance used when comparing weights (improvements, targets).
    var weightTolerance: Double { 1e-9 * totalWeight }

    private static func sortedUnique(_ list: [Int32]) -> [Int32] {
        var isSortedUnique = true
        for position in list.indices.dropFirst() where list[position - 1] >= list[position] {
            isSortedUnique = false
            break
        }
        if isSortedUnique { return list }
        var sorted = list.sorted()
        var write = 0
        for read in sorted.indices where read == 0 || sorted[read] != sorted[write - 1] {
            sorted[write] = sorted[read]
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }

    private static func validateAttribute(_ values: [Double]?, name: String, candidateCount: Int) throws {
        guard let values else { return }
        guard values.count == candidateCount else {
            throw SitingError.candidateArrayLengthMismatch(name: name, count: values.count, candidateCount: candidateCount)
        }
        for (candidate, value) in values.enumerated() where !(value.isFinite && value >= 0) {
            throw SitingError.invalidCandidateAttribute(name: name, candidateIndex: candidate, value: value)
        }
    }
}
