/// A start of a shortest-path search: a node, the time already spent to get there (the off-road
/// access leg of a lieu, say) and a label returned with every node it reaches first.
public struct SearchSource: Sendable, Equatable {
    public var node: Int32
    public var initialSeconds: Double
    public var label: Int32

    public init(node: Int32, initialSeconds: Double = 0, label: Int32) {
        self.node = node
        self.initialSeconds = initialSeconds
        self.label = label
    }
}

/// Per node: best time from the nearest source (seconds; +∞ when unreached) and that source's label
/// (-1 when unreached).
public struct MultiSourceResult: Sendable {
    public let seconds: [Double]
    public let label: [Int32]
}

/// Dijkstra's algorithm on a `RoadGraph` with an indexed 4-ary min-heap (decrease-key in place).
///
/// One search from several sources at once gives, for every node, the time from its nearest
/// source. To get times from nodes *to* the nearest lieu, run it on `graph.reversed()`.
/// A workspace keeps its arrays between searches; bounded searches reset only what they touched,
/// so many small searches (one per lieu) cost what they reach, not the graph size.
/// Not thread-safe: use one workspace per thread.
public final class DijkstraWorkspace {
    public let graph: RoadGraph
    private var seconds: [Double]
    private var labels: [Int32]
    /// Heap slot of each node, -1 when not in the heap.
    private var heapSlot: [Int32]
    private var heapKeys: [Double] = []
    private var heapNodes: [Int32] = []
    /// Nodes whose time is set (to reset them before the next search).
    public private(set) var touched: [Int32] = []
    /// Nodes settled by the last search, in order of increasing time.
    public private(set) var settled: [Int32] = []

    public init(graph: RoadGraph) {
        self.graph = graph
        seconds = [Double](repeating: .infinity, count: graph.nodeCount)
        labels = [Int32](repeating: -1, count: graph.nodeCount)
        heapSlot = [Int32](repeating: -1, count: graph.nodeCount)
    }

    /// Time of `node` from the last search (+∞ if not reached within its limit).
    @inline(__always) public func seconds(of node: Int32) -> Double { seconds[Int(node)] }
    @inline(__always) public func label(of node: Int32) -> Int32 { labels[Int(node)] }

    /// Runs a search; nodes whose time exceeds `limitSeconds` are not settled (their time stays
    /// +∞ for `seconds(of:)`). `recordSettled` fills `settled`.
    public func run(sources: [SearchSource], limitSeconds: Double = .infinity, recordSettled: Bool = false) {
        reset()
        settled.removeAll(keepingCapacity: true)
        heapKeys.removeAll(keepingCapacity: true)
        heapNodes.removeAll(keepingCapacity: true)
        for s in sources where s.initialSeconds <= limitSeconds {
            precondition(s.node >= 0 && Int(s.node) < graph.nodeCount, "source node \(s.node) outside the graph")
            if s.initialSeconds < seconds[Int(s.node)] {
                if seconds[Int(s.node)] == .infinity { touched.append(s.node) }
                seconds[Int(s.node)] = s.initialSeconds
                labels[Int(s.node)] = s.label
                push(s.node, s.initialSeconds)
            }
        }
        let offsets = graph.edgeOffsets, targets = graph.edgeTargets, weights = graph.edgeSeconds
        offsets.withUnsafeBufferPointer { off in
        targets.withUnsafeBufferPointer { tgt in
        weights.withUnsafeBufferPointer { wgt in
            while let (u, d) = popMin() {
                if d > limitSeconds {
                    // Not settled: forget its tentative time, and those still in the heap.
                    seconds[Int(u)] = .infinity; labels[Int(u)] = -1
                    for n in heapNodes { seconds[Int(n)] = .infinity; labels[Int(n)] = -1; heapSlot[Int(n)] = -1 }
                    heapNodes.removeAll(keepingCapacity: true)
                    heapKeys.removeAll(keepingCapacity: true)
                    break
                }
                if recordSettled { settled.append(u) }
                let label = labels[Int(u)]
                for e in Int(off[Int(u)])..<Int(off[Int(u) + 1]) {
                    let v = tgt[e]
                    let candidate = d + Double(wgt[e])
                    if candidate < seconds[Int(v)] {
                        if seconds[Int(v)] == .infinity { touched.append(v) }
                        seconds[Int(v)] = candidate
                        labels[Int(v)] = label
                        if heapSlot[Int(v)] >= 0 { siftUp(Int(heapSlot[Int(v)]), v, candidate) } else { push(v, candidate) }
                    }
                }
            }
        }}}
    }

    /// Copies the full per-node result of the last search.
    public func result() -> MultiSourceResult { MultiSourceResult(seconds: seconds, label: labels) }

    private func reset() {
        if touched.count > graph.nodeCount / 4 {
            for i in seconds.indices { seconds[i] = .infinity; labels[i] = -1 }
        } else {
            for n in touched { seconds[Int(n)] = .infinity; labels[Int(n)] = -1 }
        }
        touched.removeAll(keepingCapacity: true)
    }

    // MARK: 4-ary heap

    @inline(__always) private func push(_ node: Int32, _ key: Double) {
        heapKeys.append(key)
        heapNodes.append(node)
        siftUp(heapKeys.count - 1, node, key)
    }

    @inline(__always) private func siftUp(_ start: Int, _ node: Int32, _ key: Double) {
        var i = start
        while i > 0 {
            let parent = (i - 1) >> 2
            let parentKey = heapKeys[parent]
            if parentKey <= key { break }
            heapKeys[i] = parentKey
            heapNodes[i] = heapNodes[parent]
            heapSlot[Int(heapNodes[i])] = Int32(i)
            i = parent
        }
        heapKeys[i] = key
        heapNodes[i] = node
        heapSlot[Int(node)] = Int32(i)
    }

    @inline(__always) private func popMin() -> (Int32, Double)? {
        guard let top = heapNodes.first else { return nil }
        let topKey = heapKeys[0]
        heapSlot[Int(top)] = -1
        let lastKey = heapKeys.removeLast()
        let lastNode = heapNodes.removeLast()
        let count = heapKeys.count
        if count > 0 {
            var i = 0
            while true {
                let first = 4 * i + 1
                if first >= count { break }
                var best = first
                var bestKey = heapKeys[first]
                let end = min(first + 4, count)
                var c = first + 1
                while c < end {
                    let k = heapKeys[c]
                    if k < bestKey { bestKey = k; best = c }
                    c += 1
                }
                if bestKey >= lastKey { break }
                heapKeys[i] = bestKey
                heapNodes[i] = heapNodes[best]
                heapSlot[Int(heapNodes[i])] = Int32(i)
                i = best
            }
            heapKeys[i] = lastKey
            heapNodes[i] = lastNode
            heapSlot[Int(lastNode)] = Int32(i)
        }
        return (top, topKey)
    }
}

extension RoadGraph {
    /// One Dijkstra search from all `sources` at once on this graph (use `reversed()` for times
    /// towards the sources). Nodes beyond `limitSeconds` stay unreached.
    public func multiSourceShortestTimes(from sources: [SearchSource], limitSeconds: Double = .infinity) -> MultiSourceResult {
        let workspace = DijkstraWorkspace(graph: self)
        workspace.run(sources: sources, limitSeconds: limitSeconds)
        return workspace.result()
    }
}
