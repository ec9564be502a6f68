/// Coverage restricted to what new sites can gain, in compressed sparse rows.
///
/// Demand units with zero weight, already covered by existing lieux, or covered by no allowed
/// candidate are dropped, and excluded candidates cover nothing. Demand units covered by exactly
/// the same candidates are merged into one "unit class" carrying their total weight: every
/// solution covers all of a class or none of it, so answers are unchanged while lists shrink
/// (pieces of one commune in area-weighted mode often share their candidates).
/// Internally, "unit" below means such a class.
struct SparseCoverage: Sendable, Equatable {
    let candidateCount: Int
    /// Number of unit classes.
    let unitCount: Int
    /// Total weight of each unit class.
    let weights: [Double]
    /// Row `j` is `units[unitStart[j] ..< unitStart[j + 1]]`, ascending class indices.
    let unitStart: [Int]
    let units: [Int32]
    /// Row `u` is `candidates[candidateStart[u] ..< candidateStart[u + 1]]`, ascending.
    let candidateStart: [Int]
    let candidates: [Int32]
    /// Per original demand unit: whether some allowed candidate covers it (existing coverage aside).
    let isCoverableByCandidates: [Bool]

    init(demandWeights: [Double], coveredByExisting: [Bool], candidateCoverage: [[Int32]],
         excludedCandidates: Set<Int>) {
        candidateCount = candidateCoverage.count
        let demandCount = demandWeights.count

        // Inverse lists (demand unit → allowed candidates, ascending) for units that can still be gained.
        var degree = [Int](repeating: 0, count: demandCount)
        var coverable = [Bool](repeating: false, count: demandCount)
        for (candidate, list) in candidateCoverage.enumerated() where !excludedCandidates.contains(candidate) {
            for unit in list {
                coverable[Int(unit)] = true
                if demandWeights[Int(unit)] > 0 && !coveredByExisting[Int(unit)] { degree[Int(unit)] += 1 }
            }
        }
        var demandStart = [Int](repeating: 0, count: demandCount + 1)
        for unit in 0..<demandCount { demandStart[unit + 1] = demandStart[unit] + degree[unit] }
        var cursor = demandStart
        var demandCandidates = [Int32](repeating: 0, count: demandStart[demandCount])
        for (candidate, list) in candidateCoverage.enumerated() where !excludedCandidates.contains(candidate) {
            for unit in list where demandWeights[Int(unit)] > 0 && !coveredByExisting[Int(unit)] {
                demandCandidates[cursor[Int(unit)]] = Int32(candidate)
                cursor[Int(unit)] += 1
            }
        }

        // Merge demand units with identical candidate lists, numbering classes by first appearance.
        var classOf: [ArraySlice<Int32>: Int] = [:]
        var classWeights: [Double] = []
        var classStart = [0]
        var classCandidates: [Int32] = []
        for unit in 0..<demandCount where degree[unit] > 0 {
            let list = demandCandidates[demandStart[unit]..<demandStart[unit + 1]]
            if let existing = classOf[list] {
                classWeights[existing] += demandWeights[unit]
            } else {
                classOf[list] = classWeights.count
                classWeights.append(demandWeights[unit])
                classCandidates.append(contentsOf: list)
                classStart.append(classCandidates.count)
            }
        }
        unitCount = classWeights.count
        weights = classWeights
        candidateStart = classStart
        candidates = classCandidates
        isCoverableByCandidates = coverable

        // Forward rows (candidate → classes), ascending because classes are visited in order.
        var rowLength = [Int](repeating: 0, count: candidateCount)
        for candidate in classCandidates { rowLength[Int(candidate)] += 1 }
        var starts = [Int](repeating: 0, count: candidateCount + 1)
        for candidate in 0..<candidateCount { starts[candidate + 1] = starts[candidate] + rowLength[candidate] }
        var fill = starts
        var flat = [Int32](repeating: 0, count: classCandidates.count)
        for unitClass in 0..<unitCount {
            for position in classStart[unitClass]..<classStart[unitClass + 1] {
                let candidate = Int(classCandidates[position])
                flat[fill[candidate]] = Int32(unitClass)
                fill[candidate] += 1
            }
        }
        unitStart = starts
        units = flat
    }

    func unitRange(of candidate: Int) -> Range<Int> { unitStart[candidate]..<unitStart[candidate + 1] }
    func candidateRange(of unit: Int) -> Range<Int> { candidateStart[unit]..<candidateStart[unit + 1] }
    func isUseful(_ candidate: Int) -> Bool { unitStart[candidate + 1] > unitStart[candidate] }

    /// Weight new sites could gain with every candidate open (every class is coverable).
    func reachableWeight() -> Double { weights.reduce(0, +) }
}
