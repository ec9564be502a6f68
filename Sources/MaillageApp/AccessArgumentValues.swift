import Accessibility
import ArgumentParser
import Foundation

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
