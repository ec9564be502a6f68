/// Candidates by value per cost (free ones first), ties to the lowest index, popped lazily from a
/// binary heap so that a knapsack step that stops early does not pay for a full sort.
struct CostEffectivenessQueue {
    private var heap: [(ratio: Double, index: Int)] = []
    /// Smallest cost among the queued candidates (to stop scanning once nothing else can fit).
    private(set) var smallestCost = Double.infinity

    /// Queues the candidates of `among` with positive value and cost at most `budget`.
    init(values: [Double], costs: [Double], among candidates: some Sequence<Int>, budget: Double) {
        for index in candidates where values[index] > 0 && costs[index] <= budget {
            heap.append((costs[index] > 0 ? values[index] / costs[index] : .infinity, index))
            smallestCost = min(smallestCost, costs[index])
        }
        for position in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(position) }
    }

    private func ranksAbove(_ a: Int, _ b: Int) -> Bool {
        heap[a].ratio > heap[b].ratio || (heap[a].ratio == heap[b].ratio && heap[a].index < heap[b].index)
    }

    mutating func popBest() -> Int? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let best = heap.removeLast().index
        if !heap.isEmpty { siftDown(0) }
        return best
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var best = parent
            if left < heap.count, ranksAbove(left, best) { best = left }
            if right < heap.count, ranksAbove(right, best) { best = right }
            if best == parent { return }
            heap.swapAt(parent, best)
            parent = best
        }
    }
}

/// Selection of the highest scores, ties to the lowest index.
enum TopScores {
    /// The `count` indices of `among` with the largest `scores`, best first (bounded heap, O(n log count)).
    static func indices(of scores: [Double], among candidates: [Int], count: Int) -> [Int] {
        guard count > 0 else { return [] }
        // Min-heap on (score, -index): its root is the weakest of the best so far.
        func weaker(_ a: Int, _ b: Int) -> Bool { scores[a] < scores[b] || (scores[a] == scores[b] && a > b) }
        var heap: [Int] = []
        heap.reserveCapacity(count)
        for candidate in candidates {
            if heap.count < count {
                heap.append(candidate)
                var child = heap.count - 1
                while child > 0, weaker(heap[child], heap[(child - 1) / 2]) {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            } else if weaker(heap[0], candidate) {
                heap[0] = candidate
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    var weakest = parent
                    if left < heap.count, weaker(heap[left], heap[weakest]) { weakest = left }
                    if right < heap.count, weaker(heap[right], heap[weakest]) { weakest = right }
                    if weakest == parent { break }
                    heap.swapAt(parent, weakest)
                    parent = weakest
                }
            }
        }
        return heap.sorted { weaker($1, $0) }
    }
}
