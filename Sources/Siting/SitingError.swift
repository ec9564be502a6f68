/// The one error type of the Siting module. Each case carries the offending index or value,
/// and `description` is a sentence a user can act on.
public enum SitingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The per-demand-unit arrays (weights, existing-coverage flags) have different lengths.
    case demandArrayLengthMismatch(name: String, count: Int, demandCount: Int)
    /// A demand weight is negative, NaN or infinite.
    case invalidDemandWeight(demandIndex: Int, weight: Double)
    /// The total demand weight is zero, so no share can be computed.
    case zeroTotalDemandWeight(demandCount: Int)
    /// A coverage list names a demand unit that does not exist.
    case demandIndexOutOfRange(candidateIndex: Int, demandIndex: Int, demandCount: Int)
    /// A candidate index is outside `0..<candidateCount`.
    case candidateIndexOutOfRange(candidateIndex: Int, candidateCount: Int)
    /// A per-candidate attribute array (costs, capacities) has the wrong length.
    case candidateArrayLengthMismatch(name: String, count: Int, candidateCount: Int)
    /// A candidate cost or capacity is negative, NaN or infinite.
    case invalidCandidateAttribute(name: String, candidateIndex: Int, value: Double)
    /// A distance between a candidate and a demand unit is negative or NaN.
    case invalidDistance(candidateIndex: Int, demandIndex: Int, distance: Double)
    /// The coverage threshold is negative, NaN or infinite.
    case invalidThreshold(threshold: Double)
    /// The requested number of new sites is negative.
    case invalidSiteCount(requested: Int)
    /// The target share is not in (0, 1].
    case invalidTargetShare(targetShare: Double)
    /// A budgeted solve was asked for but the problem has no candidate costs.
    case missingCandidateCosts
    /// The budget is negative, NaN or infinite.
    case invalidBudget(budget: Double)

    public var description: String {
        switch self {
        case let .demandArrayLengthMismatch(name, count, demandCount):
            return "The \(name) list has \(count) entries but there are \(demandCount) demand units; "
                + "give one value per demand unit."
        case let .invalidDemandWeight(demandIndex, weight):
            return "Demand unit \(demandIndex) has weight \(weight); populations must be finite and not negative."
        case let .zeroTotalDemandWeight(demandCount):
            return "The \(demandCount) demand units have a total weight of zero, so no coverage share can be "
                + "computed; check that the population column was read."
        case let .demandIndexOutOfRange(candidateIndex, demandIndex, demandCount):
            return "Candidate \(candidateIndex) lists demand unit \(demandIndex), but only \(demandCount) demand "
                + "units exist (indices 0 to \(demandCount - 1)); rebuild the coverage lists."
        case let .candidateIndexOutOfRange(candidateIndex, candidateCount):
            return "Candidate index \(candidateIndex) is out of range: there are \(candidateCount) candidates "
                + "(indices 0 to \(candidateCount - 1))."
        case let .candidateArrayLengthMismatch(name, count, candidateCount):
            return "The candidate \(name) list has \(count) entries but there are \(candidateCount) candidates; "
                + "give one value per candidate."
        case let .invalidCandidateAttribute(name, candidateIndex, value):
            return "Candidate \(candidateIndex) has \(name) \(value); it must be finite and not negative."
        case let .invalidDistance(candidateIndex, demandIndex, distance):
            return "The distance from candidate \(candidateIndex) to demand unit \(demandIndex) is \(distance); "
                + "distances must be zero or positive numbers."
        case let .invalidThreshold(threshold):
            return "The coverage threshold \(threshold) is not a finite, non-negative distance or time."
        case let .invalidSiteCount(requested):
            return "Cannot open \(requested) new sites; ask for zero or more."
        case let .invalidTargetShare(targetShare):
            return "The target share \(targetShare) must be greater than 0 and at most 1 (for example 0.95 "
                + "for 95 % of the population)."
        case .missingCandidateCosts:
            return "A budget was given but the candidates have no cost; add a cost column to the candidate "
                + "file or ask for a number of sites instead."
        case let .invalidBudget(budget):
            return "The budget \(budget) is not a finite, non-negative amount."
        }
    }
}
