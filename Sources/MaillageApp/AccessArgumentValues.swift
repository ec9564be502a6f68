import Accessibility
import ArgumentParser
import Foundation

/// The catchment options of `maillage access`: the method, the catchment and the parameters of each method.
struct CatchmentOptions: ParsableArguments {
    @Option(help: "Method: e2sfca (decay by steps), 2sfca (flat catchment) or gravity. (default: e2sfca)",
            transform: AccessMethod.init(parsing:))
    var method = AccessMethod.e2sfca

    @Option(help: ArgumentHelp("Catchment: a distance in km (20) or, with --network, a time (20min). (default: 20 km or 20 min, or the last step bound)", valueName: "value"),
            transform: CatchmentValue.init(parsing:))
    var within: CatchmentValue?

    @Option(help: ArgumentHelp("E2SFCA steps BOUND:WEIGHT in the catchment's unit, bounds inclusive (default: exactly 1, 2/3, 1/3 on (0, W/2], (W/2, 3W/4], (3W/4, W], i.e. 10:1,15:0.6667,20:0.3333 for 20).", valueName: "list"),
            transform: StepList.init(parsing:))
    var steps: StepList?

    @Option(help: "Gravity: decay exponent β in (max(d, d0)/d0)^-β. (default: 2)")
    var beta: Double?

    @Option(help: "Gravity: distance d0 (km, or min) below which the weight is 1. (default: 1)")
    var minDistance: Double?

    /// Refuses parameters of another method, and steps that do not end at --within. This and
    /// `checkGravityBounds` are not `validate()`, which would run before the command's own checks:
    /// the command calls them at their place among its checks.
    func checkMethodParameters() throws {
        if steps != nil && method != .e2sfca { throw ValidationError("--steps applies to --method e2sfca only") }
        if (beta != nil || minDistance != nil) && method != .gravity { throw ValidationError("--beta and --min-distance apply to --method gravity only") }
        if let steps, let within, steps.steps.last!.upperBound != within.value {
            throw ValidationError("--within \(within.value) differs from the last step bound \(steps.steps.last!.upperBound): the catchment is the last step")
        }
    }

    /// Refuses a negative or non-finite --beta and a --min-distance that is not a positive number.
    func checkGravityBounds() throws {
        if let beta, !(beta.isFinite && beta >= 0) { throw ValidationError("--beta must be a finite number ≥ 0") }
        if let minDistance, !(minDistance.isFinite && minDistance > 0) { throw ValidationError("--min-distance must be a positive number") }
    }

    /// The catchment method with its parameters resolved.
    var resolvedMethod: CatchmentMethod {
        let catchment = within?.value ?? steps?.steps.last?.upperBound ?? 20
        switch method {
        case .e2sfca:
            if let steps { return .enhanced(steps: steps.steps) }
            if catchment == 20 { return .enhanced(steps: CatchmentMethod.defaultSteps) }
            return .enhanced(steps: CatchmentMethod.defaultSteps.map {
                WeightStep(upperBound: $0.upperBound / 20 * catchment, weight: $0.weight)
            })
        case .twoStep: return .twoStep(catchment: catchment)
        case .gravity: return .gravity(beta: beta ?? 2, minimumCost: minDistance ?? 1, catchment: catchment)
        }
    }
}

/// The floating-catchment method of `maillage access`.
enum AccessMethod: String, ExpressibleByArgument, CaseIterable {
    case e2sfca
    case twoStep = "2sfca"
    case gravity

    init(parsing text: String) throws {
        guard let method = AccessMethod(rawValue: text.lowercased()) else {
            throw ValidationError("--method must be e2sfca, 2sfca or gravity")
        }
        self = method
    }

    init?(argument: String) { try? self.init(parsing: argument) }
}

/// One catchment: a distance in km (`20`, `20km`) or a travel time (`20min`).
struct CatchmentValue: ExpressibleByArgument, Equatable {
    let value: Double
    let unit: ThresholdList.Unit

    init(value: Double, unit: ThresholdList.Unit) { self.value = value; self.unit = unit }

    init(parsing text: String) throws {
        let list = try ThresholdList(parsing: text)
        guard list.values.count == 1 else { throw ValidationError("--within takes one catchment (e.g. 20 or 20min), not a list") }
        value = list.values[0]; unit = list.unit
    }

    init?(argument: String) { try? self.init(parsing: argument) }
}

/// E2SFCA steps `bound:weight,…` with increasing bounds and weights in (0, 1].
struct StepList: ExpressibleByArgument, Equatable {
    let steps: [WeightStep]

    init(parsing text: String) throws {
        steps = try text.split(separator: ",").map { part -> WeightStep in
            let pieces = part.split(separator: ":").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, let bound = Double(pieces[0].replacingOccurrences(of: "min", with: "").replacingOccurrences(of: "km", with: "")),
                  let weight = Double(pieces[1]) else {
                throw ValidationError("--steps: '\(part)' is not BOUND:WEIGHT (write e.g. 10:1,15:0.6667,20:0.3333)")
            }
            return WeightStep(upperBound: bound, weight: weight)
        }
        guard !steps.isEmpty else { throw ValidationError("--steps needs at least one BOUND:WEIGHT") }
        do { try CatchmentMethod.enhanced(steps: steps).validate() } catch { throw ValidationError("--steps: \(error)") }
    }

    init?(argument: String) { try? self.init(parsing: argument) }
}
