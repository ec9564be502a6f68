/// Ordering by value per cost, for knapsack steps.
enum CostEffectiveness {
    /// Indices of `among` with positive value and cost at most `budget`, by value per cost
    /// (free ones first), ties to the lowest index.
    static func ranked(values: [Double], costs: [Double], among candidates: some Sequence<Int>, budget: Double) -> [Int] {
        var keyed: [(ratio: Double, index: Int)] = []
        for index in candidates where values[index] > 0 && costs[index] <= budget {
            keyed.append((costs[index] > 0 ? values[index] / costs[index] : .infinity, index))
        }
        keyed.sort { $0.ratio > $1.ratio || ($0.ratio == $1.ratio && $0.index < $1.index) }
        return keyed.map(\.index)
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
