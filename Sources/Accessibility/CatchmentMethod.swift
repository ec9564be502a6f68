import Foundation

/// One step of an enhanced (E2SFCA) distance decay: costs in (previous bound, `upperBound`] weigh `weight`.
/// The first step starts at 0 inclusive, and a cost exactly on a bound belongs to the lower step.
public struct WeightStep: Sendable, Hashable {
    public var upperBound: Double
    public var weight: Double

    public init(upperBound: Double, weight: Double) {
        self.upperBound = upperBound
        self.weight = weight
    }
}

/// How a pair's cost (km, minutes: the core is unit-agnostic) turns into a weight W(d), applied in both
/// steps of the floating catchment. Every method weighs 0 beyond its catchment, and the catchment bound
/// is inclusive (d = catchment counts).
public enum CatchmentMethod: Sendable, Hashable {
    /// 2SFCA (Luo & Wang 2003): W = 1 for d ≤ catchment.
    case twoStep(catchment: Double)
    /// E2SFCA (Luo & Qi 2009): piecewise-constant W on the steps, sorted by bound; the catchment is the last bound.
    case enhanced(steps: [WeightStep])
    /// Gravity decay W = (max(d, d0) / d0)^(−beta) for d ≤ catchment, with d0 = `minimumCost`
    /// (so every cost below d0 weighs 1). PySAL `access`: `weights.gravity(scale: d0, alpha: −beta, min_dist: d0)`.
    case gravity(beta: Double, minimumCost: Double, catchment: Double)

    /// Maillage's default E2SFCA steps, after the APL's decrease to 0 at 20:
    /// (0, 10] → 1, (10, 15] → 2/3, (15, 20] → 1/3.
    public static let defaultSteps: [WeightStep] = [
        WeightStep(upperBound: 10, weight: 1),
        WeightStep(upperBound: 15, weight: 2.0 / 3.0),
        WeightStep(upperBound: 20, weight: 1.0 / 3.0),
    ]

    /// The largest cost that still weighs more than 0.
    public var catchment: Double {
        switch self {
        case let .twoStep(catchment), let .gravity(_, _, catchment): catchment
        case let .enhanced(steps): steps.last?.upperBound ?? 0
        }
    }

    /// The steps of an enhanced method; empty for the others.
    public var steps: [WeightStep] {
        if case let .enhanced(steps) = self { return steps }
        return []
    }

    /// Throws when a parameter is out of its domain (see `AccessibilityError`).
    public func validate() throws(AccessibilityError) {
        switch self {
        case let .twoStep(catchment):
            try Self.validateCatchment(catchment)
        case let .enhanced(steps):
            guard !steps.isEmpty else { throw .noSteps }
            for (index, step) in steps.enumerated() {
                guard step.upperBound.isFinite, step.upperBound > 0 else {
                    throw .invalidStepBound(step: index, value: step.upperBound)
                }
                if index > 0, !(step.upperBound > steps[index - 1].upperBound) {
                    throw .unsortedSteps(step: index, previous: steps[index - 1].upperBound, value: step.upperBound)
                }
                guard step.weight > 0, step.weight <= 1 else { throw .invalidStepWeight(step: index, value: step.weight) }
            }
        case let .gravity(beta, minimumCost, catchment):
            guard beta.isFinite, beta >= 0 else { throw .invalidGravityExponent(beta) }
            guard minimumCost.isFinite, minimumCost > 0 else { throw .invalidMinimumCost(minimumCost) }
            try Self.validateCatchment(catchment)
        }
    }

    private static func validateCatchment(_ catchment: Double) throws(AccessibilityError) {
        guard catchment.isFinite, catchment > 0 else { throw .invalidCatchment(catchment) }
    }

    /// W(cost): 0 beyond the catchment. Assumes a validated method and a finite cost ≥ 0.
    public func weight(forCost cost: Double) -> Double {
        switch self {
        case let .twoStep(catchment):
            return cost <= catchment ? 1 : 0
        case let .enhanced(steps):
            guard let step = Self.stepIndex(forCost: cost, in: steps) else { return 0 }
            return steps[step].weight
        case let .gravity(beta, minimumCost, catchment):
            guard cost <= catchment else { return 0 }
            return pow(max(cost, minimumCost) / minimumCost, -beta)
        }
    }

    /// The index of the first step whose bound is ≥ cost; nil beyond the last bound.
    static func stepIndex(forCost cost: Double, in steps: [WeightStep]) -> Int? {
        for index in steps.indices where cost <= steps[index].upperBound { return index }
        return nil
    }
}
