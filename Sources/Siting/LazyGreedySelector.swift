/// Lazy greedy (CELF, Leskovec et al. 2007): candidates sit in a max-heap keyed by a stale upper
/// bound on their gain (or gain per cost); gains only shrink as coverage grows, so the top entry is
/// chosen as soon as its key is fresh. Ties go to the lowest candidate index: picks are deterministic.
struct LazyGreedySelector {
    private var heap: GainHeap
    /// With costs, the key is gain per cost (free sites first) and sites over budget are skipped.
    private let costs: [Double]?

    /// Prepares a selector over `pool` (only useful, unselected candidates are kept).
    init(pool: some Sequence<Int>, state: CoverageState, costs: [Double]? = nil) {
        self.costs = costs
        var entries: [GainHeap.Entry] = []
        let step = state.selectedCount
        for candidate in pool where state.coverage.isUseful(candidate) && !state.isSelected[candidate] {
            let gain = state.gain(of: candidate)
            if gain > 0 {
                entries.append(.init(key: Self.key(gain: gain, cost: costs?[candidate]), gain: gain,
                                     candidate: Int32(candidate), freshAt: step))
            }
        }
        heap = GainHeap(entries)
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
        while let top = heap.popMax() {
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

/// Binary max-heap ordered by key (descending), then candidate index (ascending).
struct GainHeap {
    struct Entry {
        var key: Double
        var gain: Double
        var candidate: Int32
        var freshAt: Int
        func ranksAbove(_ other: Entry) -> Bool {
            key > other.key || (key == other.key && candidate < other.candidate)
        }
    }

    private var entries: [Entry]

    init(_ entries: [Entry]) {
        self.entries = entries
        for index in stride(from: entries.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].ranksAbove(entries[parent]) else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    mutating func popMax() -> Entry? {
        guard !entries.isEmpty else { return nil }
        entries.swapAt(0, entries.count - 1)
        let top = entries.removeLast()
        if !entries.isEmpty { siftDown(0) }
        return top
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < entries.count, entries[left].ranksAbove(entries[best]) { best = left }
            if right < entries.count, entries[right].ranksAbove(entries[best]) { best = right }
            if best == parent { return }
            entries.swapAt(parent, best)
            parent = best
        }
    }
}
