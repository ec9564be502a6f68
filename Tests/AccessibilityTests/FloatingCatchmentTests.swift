import Testing
import Accessibility

/// Pairs from (demand, supply, cost) triples.
func pairs(_ triples: [(Int, Int, Double)]) -> ReachablePairs {
    var list = ReachablePairs()
    for (demand, supply, cost) in triples { list.append(demand: demand, supply: supply, cost: cost) }
    return list
}

func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    abs(a - b) <= relative * max(1, abs(a), abs(b))
}

func close(_ a: [Double], _ b: [Double], relative: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, relative: relative) }
}

@Suite struct FloatingCatchmentTests {
    // Commune 0 (1,000 inhabitants) reaches lieux 0 (5) and 1 (8); commune 1 (3,000) reaches lieu 1 (12).
    let sharedCommune = pairs([(0, 0, 5), (0, 1, 8), (1, 1, 12)])

    @Test func twoLieuxSharingOneCommuneTwoStep() throws {
        let result = try FloatingCatchment.compute(
            method: .twoStep(catchment: 20), populations: [1000, 3000], capacities: [1, 1], pairs: sharedCommune)
        // R0 = 1/1000, R1 = 1/(1000 + 3000); A0 = R0 + R1, A1 = R1, per 100,000.
        #expect(close(result.weightedDemand, [1000, 4000]))
        #expect(close(result.supplyToDemandRatios, [0.001, 0.00025]))
        #expect(close(result.accessibility, [125, 25]))
        #expect(result.accessibilityByStep.isEmpty)
        #expect(result.pairsWithinCatchment == 3)
    }

    @Test func twoLieuxSharingOneCommuneEnhanced() throws {
        let result = try FloatingCatchment.compute(
            method: .enhanced(steps: CatchmentMethod.defaultSteps), populations: [1000, 3000], capacities: [1, 1],
            pairs: sharedCommune)
        // Cost 12 weighs 2/3: demand of lieu 1 = 1000 + 3000 × 2/3 = 3000.
        #expect(close(result.weightedDemand, [1000, 3000]))
        #expect(close(result.supplyToDemandRatios, [1.0 / 1000, 1.0 / 3000]))
        // A0 = 1/1000 + 1/3000 = 4/3000; A1 = (2/3)(1/3000) = 2/9000.
        #expect(close(result.accessibility, [400.0 / 3, 200.0 / 9]))
        #expect(result.accessibilityByStep.count == 3)
        #expect(close(result.accessibilityByStep[0], [400.0 / 3, 0]))
        #expect(close(result.accessibilityByStep[1], [0, 200.0 / 9]))
        #expect(close(result.accessibilityByStep[2], [0, 0]))
    }

    @Test func capacityTwoDoublesTheRatio() throws {
        let result = try FloatingCatchment.compute(
            method: .twoStep(catchment: 20), populations: [1000, 3000], capacities: [2, 1], pairs: sharedCommune)
        #expect(close(result.supplyToDemandRatios, [0.002, 0.00025]))
        #expect(close(result.accessibility, [225, 25]))
    }

    // One lieu; demand points at costs 0, 10, 15, 20 and just beyond 20, 100 inhabitants each.
    let atBounds = pairs([(0, 0, 0), (1, 0, 10), (2, 0, 15), (3, 0, 20), (4, 0, Double(20).nextUp)])
    let hundredEach = [Double](repeating: 100, count: 5)

    @Test func costsExactlyOnStepBoundsBelongToTheLowerStep() throws {
        let result = try FloatingCatchment.compute(
            method: .enhanced(steps: CatchmentMethod.defaultSteps), populations: hundredEach, capacities: [1],
            pairs: atBounds)
        // Weights 1, 1, 2/3, 1/3, 0: demand 100 × 3 = 300, R = 1/300.
        #expect(close(result.weightedDemand, [300]))
        let a = 100_000.0 / 300
        #expect(close(result.accessibility, [a, a, a * 2 / 3, a / 3, 0]))
        #expect(close(result.accessibilityByStep[0], [a, a, 0, 0, 0]))
        #expect(close(result.accessibilityByStep[1], [0, 0, a * 2 / 3, 0, 0]))
        #expect(close(result.accessibilityByStep[2], [0, 0, 0, a / 3, 0]))
        #expect(result.pairsWithinCatchment == 4)
    }

    @Test func twoStepCatchmentBoundIsInclusive() throws {
        let result = try FloatingCatchment.compute(
            method: .twoStep(catchment: 20), populations: hundredEach, capacities: [1], pairs: atBounds)
        #expect(close(result.weightedDemand, [400]))
        #expect(close(result.accessibility, [250, 250, 250, 250, 0]))
    }

    @Test func zeroPopulationStillReceivesItsIndexAndEmptyCatchmentGivesZeroRatio() throws {
        // Demand 0 has no inhabitant and reaches lieux 0 and 1; demand 1 (500) reaches lieu 0 only;
        // lieu 1's catchment holds nobody; lieu 2 has no pair at all; demand 2 reaches nothing.
        let result = try FloatingCatchment.compute(
            method: .twoStep(catchment: 20), populations: [0, 500, 800], capacities: [1, 1, 1],
            pairs: pairs([(0, 0, 3), (1, 0, 7), (0, 1, 2)]))
        #expect(close(result.weightedDemand, [500, 0, 0]))
        #expect(close(result.supplyToDemandRatios, [1.0 / 500, 0, 0]))
        #expect(close(result.accessibility, [200, 200, 0]))
    }

    @Test func gravityWeighsOneBelowTheMinimumCost() throws {
        // W = (max(d, 1) / 1)^-2: costs 0.5 → 1, 2 → 1/4, 4 → 1/16, 25 beyond the catchment → 0.
        let result = try FloatingCatchment.compute(
            method: .gravity(beta: 2, minimumCost: 1, catchment: 20), populations: [100, 400, 1600, 100],
            capacities: [1], pairs: pairs([(0, 0, 0.5), (1, 0, 2), (2, 0, 4), (3, 0, 25)]))
        #expect(close(result.weightedDemand, [300]))
        let a = 100_000.0 / 300
        #expect(close(result.accessibility, [a, a / 4, a / 16, 0]))
        #expect(result.pairsWithinCatchment == 3)
    }

    @Test func weightFunctions() {
        let enhanced = CatchmentMethod.enhanced(steps: CatchmentMethod.defaultSteps)
        #expect(enhanced.catchment == 20)
        let costs: [Double] = [0, 10, 10.5, 15, 20, 20.5]
        let expected: [Double] = [1, 1, 2.0 / 3, 2.0 / 3, 1.0 / 3, 0]
        #expect(costs.map { enhanced.weight(forCost: $0) } == expected)
        let gravity = CatchmentMethod.gravity(beta: 1, minimumCost: 2, catchment: 30)
        let gravityCosts: [Double] = [0, 2, 4, 30, 31]
        #expect(close(gravityCosts.map { gravity.weight(forCost: $0) }, [1, 1, 0.5, 2.0 / 30, 0]))
    }

    @Test func customScale() throws {
        let result = try FloatingCatchment.compute(
            method: .twoStep(catchment: 20), populations: [1000, 3000], capacities: [1, 1], pairs: sharedCommune,
            scale: 10_000)
        #expect(close(result.accessibility, [12.5, 2.5]))
    }

    @Test func conservationOnAnIrregularInstance() throws {
        // Σ P_i A_i = scale × Σ S_j over lieux with a populated catchment, whatever the weights.
        var list = ReachablePairs()
        let populations = (0..<40).map { Double(($0 * 37) % 11) * 100 }
        let capacities = (0..<7).map { Double($0 % 3 + 1) }
        for demand in 0..<40 {
            for supply in 0..<7 where (demand + supply * 3) % 4 != 0 {
                list.append(demand: demand, supply: supply, cost: Double((demand * 7 + supply * 13) % 23))
            }
        }
        for method in [CatchmentMethod.twoStep(catchment: 20), .enhanced(steps: CatchmentMethod.defaultSteps),
                       .gravity(beta: 1.5, minimumCost: 2, catchment: 20)] {
            let result = try FloatingCatchment.compute(
                method: method, populations: populations, capacities: capacities, pairs: list)
            let delivered = zip(populations, result.accessibility).reduce(0) { $0 + $1.0 * $1.1 }
            let served = zip(capacities, result.weightedDemand).reduce(0) { $0 + ($1.1 > 0 ? $1.0 : 0) }
            #expect(close(delivered, 100_000 * served, relative: 1e-10), "\(method)")
            if case .enhanced = method {
                let summed = (0..<40).map { i in result.accessibilityByStep.reduce(0) { $0 + $1[i] } }
                #expect(close(summed, result.accessibility, relative: 1e-12))
            }
        }
    }

    @Test func invalidInputsThrowTypedErrors() throws {
        let ok = pairs([(0, 0, 1)])
        func failure(
            _ method: CatchmentMethod = .twoStep(catchment: 20), populations: [Double] = [1], capacities: [Double] = [1],
            pairs: ReachablePairs? = nil, scale: Double = 100_000
        ) -> AccessibilityError? {
            do {
                _ = try FloatingCatchment.compute(
                    method: method, populations: populations, capacities: capacities, pairs: pairs ?? ok, scale: scale)
                return nil
            } catch { return error }
        }
        #expect(failure(populations: [-1]) == .invalidPopulation(index: 0, value: -1))
        #expect(failure(populations: [.infinity]) == .invalidPopulation(index: 0, value: .infinity))
        #expect(failure(capacities: [0]) == .invalidCapacity(index: 0, value: 0))
        #expect(failure(capacities: [-2]) == .invalidCapacity(index: 0, value: -2))
        #expect(failure(pairs: pairs([(0, 0, -1)])) == .invalidCost(pair: 0, value: -1))
        if case .invalidCost(pair: 1, _)? = failure(pairs: pairs([(0, 0, 1), (0, 0, .nan)])) {} else {
            Issue.record("NaN cost accepted")
        }
        #expect(failure(pairs: pairs([(0, 1, 1)])) == .pairIndexOutOfRange(pair: 0, demand: 0, supply: 1))
        #expect(failure(pairs: pairs([(2, 0, 1)])) == .pairIndexOutOfRange(pair: 0, demand: 2, supply: 0))
        #expect(failure(.twoStep(catchment: 0)) == .invalidCatchment(0))
        #expect(failure(.enhanced(steps: [])) == .noSteps)
        #expect(failure(.enhanced(steps: [WeightStep(upperBound: 0, weight: 1)])) == .invalidStepBound(step: 0, value: 0))
        #expect(failure(.enhanced(steps: [WeightStep(upperBound: 10, weight: 1), WeightStep(upperBound: 10, weight: 0.5)]))
                == .unsortedSteps(step: 1, previous: 10, value: 10))
        #expect(failure(.enhanced(steps: [WeightStep(upperBound: 10, weight: 1.5)])) == .invalidStepWeight(step: 0, value: 1.5))
        #expect(failure(.enhanced(steps: [WeightStep(upperBound: 10, weight: 0)])) == .invalidStepWeight(step: 0, value: 0))
        #expect(failure(.gravity(beta: -1, minimumCost: 1, catchment: 20)) == .invalidGravityExponent(-1))
        #expect(failure(.gravity(beta: 1, minimumCost: 0, catchment: 20)) == .invalidMinimumCost(0))
        #expect(failure(scale: 0) == .invalidScale(0))
        #expect(throws: AccessibilityError.mismatchedPairColumns(demand: 1, supply: 0, cost: 0)) {
            try ReachablePairs(demandIndices: [0], supplyIndices: [], costs: [])
        }
        #expect(AccessibilityError.unsortedSteps(step: 1, previous: 10, value: 10).description
                == "step 2: upper bound 10.0 must be greater than the previous bound 10.0; give steps in increasing order")
    }
}
