import GeoCore

/// Lazy greedy (CELF, Leskovec et al. 2007): candidates sit in a max-heap keyed by a stale upper
/// bound on their gain (or gain per cost); gains only shrink as coverage grows, so the top entry is
/// chosen as soon as its key is fresh. Ties go to the lowest candidate index: picks are deterministic.
struct LazyGreedySelector {
    private var heap: BinaryHeap<GainEntry>
    /// With costs, the key is gain per cost (free sites first) and sites over budget are skipped.
    private let costs: [Double]?

    /// Prepares a selector over `pool` (only useful, unselected candidates are kept).
    init(pool: some Sequence<Int>, state: CoverageState, costs: [Double]? = nil) {
        self.costs = costs
        var entries: [GainEntry] = []
        let step = state.selectedCount
        for candidate in pool where state.coverage.isUseful(candidate) && !state.isSelected[candidate] {
            let gain = state.gain(of: candidate)
            if gain > 0 {
                entries.append(.init(key: Self.key(gain: gain, cost: costs?[candidate]), gain: gain,
                                     candidate: Int32(candidate), freshAt: step))
            }
        }
        heap = BinaryHeap(entries)
    }

    private static func key(gain: Double, cost: Double?) -> Double {
        guard let cost else { return gain }
        return cost > 0 ? gain / cost : .infinity
    }

    /// The next candidate with the largest positive gain (or gain per cost) given `state` among those
    /// costing at most `remainingBudget`, or nil if none gains anything. Candidates over budget are
    /// dropped for good, so the budget must not grow between calls; the caller must add the returned
    /// candidate to `state` before asking again.
    mutating func next(state: CoverageState, remainingBudget: Double = .infinity) -> (candidate: Int, gain: Double)? {
        let step = state.selectedCount
        while let top = heap.popFirst() {
            let candidate = Int(top.candidate)
            if state.isSelected[candidate] { continue }
            if let costs, costs[candidate] > remainingBudget { continue }
            if top.freshAt == step { return (candidate, top.gain) }
            let gain = state.gain(of: candidate)
            if gain > 0 {
                heap.push(.init(key: Self.key(gain: gain, cost: costs?[candidate]), gain: gain,
                                candidate: top.candidate, freshAt: step))
            }
        }
        return nil
    }
}

/// A candidate's (possibly stale) key in the lazy greedy heap; ranks first by key (descending),
/// then candidate index (ascending).
struct GainEntry: Comparable {
    var key: Double
    var gain: Double
    var candidate: Int32
    var freshAt: Int
    static func < (a: GainEntry, b: GainEntry) -> Bool {
        a.key > b.key || (a.key == b.key && a.candidate < b.candidate)
    }
    static func == (a: GainEntry, b: GainEntry) -> Bool { a.key == b.key && a.candidate == b.candidate }
}
