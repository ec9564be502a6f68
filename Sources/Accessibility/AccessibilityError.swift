/// Why an accessibility computation refused its inputs. Every case names the offending entry, so a
/// caller can point the user at the commune, lieu or option at fault.
public enum AccessibilityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A population (demand weight) that is negative, NaN or infinite.
    case invalidPopulation(index: Int, value: Double)
    /// A capacity that is not a finite positive number.
    case invalidCapacity(index: Int, value: Double)
    /// A pair's cost that is negative, NaN or infinite.
    case invalidCost(pair: Int, value: Double)
    /// A pair naming a demand or supply point that does not exist.
    case pairIndexOutOfRange(pair: Int, demand: Int, supply: Int)
    /// The three columns of the pair list have different lengths.
    case mismatchedPairColumns(demand: Int, supply: Int, cost: Int)
    /// A catchment that is not a finite positive number.
    case invalidCatchment(Double)
    /// An enhanced method with no step.
    case noSteps
    /// A step bound that is not a finite positive number.
    case invalidStepBound(step: Int, value: Double)
    /// A step bound not strictly greater than the one before it.
    case unsortedSteps(step: Int, previous: Double, value: Double)
    /// A step weight outside (0, 1].
    case invalidStepWeight(step: Int, value: Double)
    /// A gravity exponent that is negative, NaN or infinite.
    case invalidGravityExponent(Double)
    /// A gravity minimum cost that is not a finite positive number.
    case invalidMinimumCost(Double)
    /// A result multiplier that is not a finite positive number.
    case invalidScale(Double)
    /// Group statistics given columns of different lengths.
    case mismatchedColumns(values: Int, populations: Int, keys: Int?)
    /// A value to summarise that is NaN or infinite.
    case invalidValue(index: Int, value: Double)

    public var description: String {
        switch self {
        case let .invalidPopulation(index, value):
            "demand point \(index): population \(value) must be a finite number ≥ 0"
        case let .invalidCapacity(index, value):
            "supply point \(index): capacity \(value) must be a finite number > 0"
        case let .invalidCost(pair, value):
            "pair \(pair): cost \(value) must be a finite number ≥ 0"
        case let .pairIndexOutOfRange(pair, demand, supply):
            "pair \(pair): demand point \(demand) or supply point \(supply) does not exist"
        case let .mismatchedPairColumns(demand, supply, cost):
            "pair columns differ in length: \(demand) demand indices, \(supply) supply indices, \(cost) costs"
        case let .invalidCatchment(value):
            "catchment \(value) must be a finite number > 0"
        case .noSteps:
            "the enhanced method needs at least one step (upper bound, weight)"
        case let .invalidStepBound(step, value):
            "step \(step + 1): upper bound \(value) must be a finite number > 0"
        case let .unsortedSteps(step, previous, value):
            "step \(step + 1): upper bound \(value) must be greater than the previous bound \(previous); give steps in increasing order"
        case let .invalidStepWeight(step, value):
            "step \(step + 1): weight \(value) must lie in (0, 1]"
        case let .invalidGravityExponent(value):
            "gravity exponent \(value) must be a finite number ≥ 0"
        case let .invalidMinimumCost(value):
            "gravity minimum cost \(value) must be a finite number > 0"
        case let .invalidScale(value):
            "result multiplier \(value) must be a finite number > 0"
        case let .mismatchedColumns(values, populations, keys):
            "columns differ in length: \(values) values, \(populations) populations"
                + (keys.map { ", \($0) group keys" } ?? "")
        case let .invalidValue(index, value):
            "unit \(index): value \(value) must be finite"
        }
    }
}
