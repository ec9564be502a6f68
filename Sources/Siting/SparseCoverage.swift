/// Coverage restricted to what new sites can gain, in compressed sparse rows:
/// demand units with zero weight or already covered by existing lieux are dropped,
/// and excluded candidates cover nothing. Holds the inverse (demand unit → candidates) too.
struct SparseCoverage: Sendable, Equatable {
    let candidateCount: Int
    let demandCount: Int
    /// Weight of each demand unit (all units, indexed as in the problem).
    let weights: [Double]
    /// Row `j` is `units[unitStart[j] ..< unitStart[j + 1]]`, ascending.
    let unitStart: [Int]
    let units: [Int32]
    /// Row `u` is `candidates[candidateStart[u] ..< candidateStart[u + 1]]`, ascending.
    let candidateStart: [Int]
    let candidates: [Int32]

    init(demandWeights: [Double], coveredByExisting: [Bool], candidateCoverage: [[Int32]],
         excludedCandidates: Set<Int>) {
        candidateCount = candidateCoverage.count
        demandCount = demandWeights.count
        weights = demandWeights
        var starts = [0]
        starts.reserveCapacity(candidateCount + 1)
        var flat: [Int32] = []
        var degree = [Int](repeating: 0, count: demandCount)
        for (candidate, list) in candidateCoverage.enumerated() {
            if !excludedCandidates.contains(candidate) {
                for unit in list where demandWeights[Int(unit)] > 0 && !coveredByExisting[Int(unit)] {
                    flat.append(unit)
                    degree[Int(unit)] += 1
                }
            }
            starts.append(flat.count)
        }
        unitStart = starts
        units = flat

        var inverseStart = [Int](repeating: 0, count: demandCount + 1)
        for unit in 0..<demandCount { inverseStart[unit + 1] = inverseStart[unit] + degree[unit] }
        var cursor = inverseStart
        var inverse = [Int32](repeating: 0, count: flat.count)
        for candidate in 0..<candidateCount {
            for position in starts[candidate]..<starts[candidate + 1] {
                let unit = Int(flat[position])
                inverse[cursor[unit]] = Int32(candidate)
                cursor[unit] += 1
            }
        }
        candidateStart = inverseStart
        candidates = inverse
    }

    func unitRange(of candidate: Int) -> Range<Int> { unitStart[candidate]..<unitStart[candidate + 1] }
    func candidateRange(of unit: Int) -> Range<Int> { candidateStart[unit]..<candidateStart[unit + 1] }
    func isUseful(_ candidate: Int) -> Bool { unitStart[candidate + 1] > unitStart[candidate] }

    /// Weight new sites could gain with every candidate open.
    func reachableWeight() -> Double {
        var total = 0.0
        for unit in 0..<demandCount where candidateStart[unit + 1] > candidateStart[unit] { total += weights[unit] }
        return total
    }
}
