import GeoCore

/// Candidates by value per cost (free ones first), ties to the lowest index, popped lazily from a
/// binary heap so that a knapsack step that stops early does not pay for a full sort.
struct CostEffectivenessQueue {
    /// Ranks first by ratio (descending), then index (ascending).
    private struct Entry: Comparable {
        let ratio: Double, index: Int
        static func < (a: Entry, b: Entry) -> Bool { a.ratio > b.ratio || (a.ratio == b.ratio && a.index < b.index) }
    }
    private var heap: BinaryHeap<Entry>
    /// Smallest cost among the queued candidates (to stop scanning once nothing else can fit).
    private(set) var smallestCost = Double.infinity

    /// Queues the candidates of `among` with positive value and cost at most `budget`.
    init(values: [Double], costs: [Double], among candidates: some Sequence<Int>, budget: Double) {
        var entries: [Entry] = []
        for index in candidates where values[index] > 0 && costs[index] <= budget {
            entries.append(Entry(ratio: costs[index] > 0 ? values[index] / costs[index] : .infinity, index: index))
            smallestCost = min(smallestCost, costs[index])
        }
        heap = BinaryHeap(entries)
    }

    mutating func popBest() -> Int? { heap.popFirst()?.index }
}

/// Selection of the highest scores, ties to the lowest index.
enum TopScores {
    /// Ranks first the weaker of two candidates: lower score, then higher index.
    private struct Weakest: Comparable {
        let score: Double, index: Int
        static func < (a: Weakest, b: Weakest) -> Bool { a.score < b.score || (a.score == b.score && a.index > b.index) }
    }

    /// The `count` indices of `among` with the largest `scores`, best first (bounded heap, O(n log count)).
    static func indices(of scores: [Double], among candidates: [Int], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        // Its first element is the weakest of the best so far.
        var heap = BinaryHeap<Weakest>()
        heap.reserveCapacity(count)
        for candidate in candidates {
            let entry = Weakest(score: scores[candidate], index: candidate)
            if heap.count < count {
                heap.push(entry)
            } else if let weakest = heap.first, weakest < entry {
                heap.replaceFirst(with: entry)
            }
        }
        return heap.unordered.sorted { $1 < $0 }.map(\.index)
    }
}
