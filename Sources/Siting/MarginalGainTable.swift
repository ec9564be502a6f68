import GeoCore

/// Marginal gain of every candidate with respect to a growing set of chosen sites, kept exact
/// up to rounding through the inverse index (each newly covered unit lowers its candidates' gains).
/// It feeds the submodular bounds: for any set S and any k,
/// OPT_k ≤ f(S) + (sum of the k largest marginal gains w.r.t. S)   (Nemhauser, Wolsey & Fisher 1978).
struct MarginalGainTable {
    private(set) var gains: [Double]

    init(state: CoverageState) {
        gains = (0..<state.coverage.candidateCount).map { state.gain(of: $0) }
    }

    /// Call before `state.add(candidate)`: lowers the gains of candidates sharing newly covered units.
    mutating func recordAddition(of candidate: Int, before state: CoverageState) {
        let coverage = state.coverage
        for position in coverage.unitRange(of: candidate) {
            let unit = Int(coverage.units[position])
            guard state.coverCount[unit] == 0 else { continue }
            let weight = coverage.weights[unit]
            for inverse in coverage.candidateRange(of: unit) { gains[Int(coverage.candidates[inverse])] -= weight }
        }
    }

    /// `[0, g1, g1 + g2, …]` for the `limit` largest positive gains, in descending order.
    func topGainPrefixSums(limit: Int) -> [Double] {
        let top = Self.largestPositive(gains, limit: limit)
        var sums = [0.0]
        sums.reserveCapacity(top.count + 1)
        for gain in top { sums.append(sums[sums.count - 1] + gain) }
        return sums
    }

    /// The fewest candidates whose gains could add up to `neededWeight`, or nil if all of them cannot.
    func fewestSitesToGain(_ neededWeight: Double, tolerance: Double) -> Int? {
        if neededWeight <= tolerance { return 0 }
        let sorted = gains.filter { $0 > 0 }.sorted(by: >)
        var total = 0.0
        for (index, gain) in sorted.enumerated() {
            total += gain
            if total >= neededWeight - tolerance { return index + 1 }
        }
        return nil
    }

    /// The `limit` largest positive values in descending order (bounded min-heap, O(n log limit)).
    static func largestPositive(_ values: [Double], limit: Int) -> [Double] {
        guard limit > 0 else { return [] }
        var heap = BinaryHeap<Double>()  // min-heap of the best `limit` so far
        heap.reserveCapacity(limit)
        for value in values where value > 0 {
            if heap.count < limit {
                heap.push(value)
            } else if value > heap.first! {
                heap.replaceFirst(with: value)
            }
        }
        return heap.unordered.sorted(by: >)
    }
}
