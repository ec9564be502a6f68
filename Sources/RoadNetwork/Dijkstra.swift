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

    public init(seconds: [Double], label: [Int32]) {
        self.seconds = seconds
        self.label = label
    }
}

/// Dijkstra's algorithm on a `RoadGraph` with integer times and a radix heap.
///
/// Times are counted in ticks of 0.1 ms (`ticksPerSecond`) as UInt32: each edge time is rounded
/// to the nearest tick once (error ≤ 0.05 ms per edge, so ≤ 0.05 s over a 1,000-edge path and far
/// less on average), sums are exact, and the largest time is about 119 hours.
/// The radix heap (Ahuja, Mehlhorn, Orlin & Tarjan 1990) is exact for Dijkstra's monotone keys:
/// an entry sits in bucket `32 − clz(key ⊕ lastPopped)` and a bucket is redistributed only when
/// the lower ones are empty, so pushes and pops touch memory sequentially; with node state and
/// arcs packed in 8 bytes each this keeps a large frontier (many sources at once) fast, where a
/// binary heap misses the cache at every level. An improved node is pushed again; its outdated
/// entries are skipped when popped.
///
/// One search from several sources at once gives, for every node, the time from its nearest
/// source. To get times from nodes *to* the nearest lieu, run it on `graph.reversed()`.
/// A workspace keeps its arrays between searches; bounded searches reset only what they touched,
/// so many small searches (one per lieu) cost what they reach, not the graph size.
/// The hot loop works on raw buffers allocated once per workspace (no bounds or exclusivity
/// checks there; every index comes from the graph's own CSR arrays).
/// Not thread-safe: use one workspace per thread.
public final class DijkstraWorkspace {
    /// Time resolution of searches: 10,000 ticks per second (0.1 ms).
    public static let ticksPerSecond = 10_000.0
    static let unreached = UInt32.max

    public let searchGraph: SearchGraph
    private let nodeCount: Int
    private let state: UnsafeMutablePointer<NodeState>
    private var queue = RadixHeap()
    /// Nodes whose time was set by the last search (to reset them before the next one).
    private let touchedNodes: UnsafeMutablePointer<Int32>
    private var touchedCount = 0
    private let settledNodes: UnsafeMutablePointer<Int32>
    private var settledCount = 0

    private struct NodeState { var ticks: UInt32; var label: Int32 }

    /// A workspace for searches on `searchGraph` (share one `SearchGraph` between workspaces).
    public init(searchGraph: SearchGraph) {
        self.searchGraph = searchGraph
        let n = searchGraph.nodeCount
        nodeCount = n
        state = .allocate(capacity: max(n, 1))
        state.initialize(repeating: NodeState(ticks: Self.unreached, label: -1), count: n)
        touchedNodes = .allocate(capacity: max(n, 1))
        settledNodes = .allocate(capacity: max(n, 1))
    }

    public convenience init(graph: RoadGraph) {
        self.init(searchGraph: SearchGraph(graph))
    }

    deinit {
        state.deallocate(); queue.deallocate()
        touchedNodes.deallocate(); settledNodes.deallocate()
    }

    /// Seconds to ticks, rounded, saturating below `unreached`.
    @inline(__always) static func ticks(_ seconds: Double) -> UInt32 {
        let t = (max(seconds, 0) * ticksPerSecond).rounded()
        return t < Double(unreached - 1) ? UInt32(t) : unreached - 1
    }

    /// Time of `node` from the last search (+∞ if not reached within its limit).
    @inline(__always) public func seconds(of node: Int32) -> Double {
        precondition(node >= 0 && Int(node) < nodeCount)
        let t = state[Int(node)].ticks
        return t == Self.unreached ? .infinity : Double(t) / Self.ticksPerSecond
    }

    @inline(__always) public func label(of node: Int32) -> Int32 {
        precondition(node >= 0 && Int(node) < nodeCount)
        return state[Int(node)].label
    }

    /// Nodes settled by the last search run with `recordSettled`, in order of increasing time.
    /// Valid until the next search.
    public var settled: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: settledNodes, count: settledCount) }

    /// Runs a search; nodes whose time exceeds `limitSeconds` are not settled (their time stays
    /// +∞ for `seconds(of:)`). `recordSettled` fills `settled`.
    public func run(sources: [SearchSource], limitSeconds: Double = .infinity, recordSettled: Bool = false) {
        reset()
        settledCount = 0
        queue.removeAll()
        let limit: UInt32 = limitSeconds >= Double(Self.unreached - 1) / Self.ticksPerSecond
            ? Self.unreached - 1 : UInt32(max(0, (limitSeconds * Self.ticksPerSecond).rounded(.down)))
        for s in sources {
            precondition(s.node >= 0 && Int(s.node) < nodeCount, "source node \(s.node) outside the graph")
            let n = Int(s.node), t = Self.ticks(s.initialSeconds)
            if t <= limit && t < state[n].ticks {
                if state[n].ticks == Self.unreached { touchedNodes[touchedCount] = s.node; touchedCount += 1 }
                state[n] = NodeState(ticks: t, label: s.label)
                queue.push(t, s.node)
            }
        }
        searchGraph.offsets.withUnsafeBufferPointer { off in
        searchGraph.arcs.withUnsafeBufferPointer { arcs in
            let off = off.baseAddress!, arcs = arcs.baseAddress
            let state = self.state
            while let (d, u) = queue.popMin() {
                let ui = Int(u)
                if d > state[ui].ticks { continue } // outdated entry
                if d > limit {
                    // Beyond the limit: forget the tentative times still waiting in the queue.
                    state[ui] = NodeState(ticks: Self.unreached, label: -1)
                    queue.forEachNode { n in
                        if state[Int(n)].ticks > limit { state[Int(n)] = NodeState(ticks: Self.unreached, label: -1) }
                    }
                    queue.removeAll()
                    break
                }
                if recordSettled { settledNodes[settledCount] = u; settledCount += 1 }
                let label = state[ui].label
                var e = Int(off[ui])
                let end = Int(off[ui + 1])
                while e < end {
                    let arc = arcs![e]
                    let sum = UInt64(d) + UInt64(arc.ticks)
                    let vi = Int(arc.target)
                    if sum < UInt64(state[vi].ticks) {
                        let candidate = UInt32(truncatingIfNeeded: sum)
                        if state[vi].ticks == Self.unreached { touchedNodes[touchedCount] = arc.target; touchedCount += 1 }
                        state[vi] = NodeState(ticks: candidate, label: label)
                        queue.push(candidate, arc.target)
                    }
                    e += 1
                }
            }
        }}
    }

    /// Copies the full per-node result of the last search.
    public func result() -> MultiSourceResult {
        let seconds = [Double](unsafeUninitializedCapacity: nodeCount) { buffer, count in
            for i in 0..<nodeCount {
                let t = state[i].ticks
                buffer[i] = t == Self.unreached ? .infinity : Double(t) / Self.ticksPerSecond
            }
            count = nodeCount
        }
        let labels = [Int32](unsafeUninitializedCapacity: nodeCount) { buffer, count in
            for i in 0..<nodeCount { buffer[i] = state[i].label }
            count = nodeCount
        }
        return MultiSourceResult(seconds: seconds, label: labels)
    }

    private func reset() {
        if touchedCount > nodeCount / 4 {
            state.update(repeating: NodeState(ticks: Self.unreached, label: -1), count: nodeCount)
        } else {
            for i in 0..<touchedCount { state[Int(touchedNodes[i])] = NodeState(ticks: Self.unreached, label: -1) }
        }
        touchedCount = 0
    }
}

/// The search form of a `RoadGraph`: CSR offsets and 8-byte arcs (target, time in ticks of
/// 0.1 ms). Build it once and share it between workspaces (it is immutable).
public struct SearchGraph: Sendable {
    struct Arc { var target: Int32; var ticks: UInt32 }
    let offsets: [Int32]
    let arcs: [Arc]
    public var nodeCount: Int { offsets.count - 1 }

    public init(_ graph: RoadGraph) {
        offsets = graph.edgeOffsets
        arcs = zip(graph.edgeTargets, graph.edgeSeconds).map { Arc(target: $0, ticks: DijkstraWorkspace.ticks(Double($1))) }
    }
}

/// Monotone radix heap of (ticks, node) pairs packed in one UInt64 (ticks in the high half, so
/// equal times pop by node index). Buckets are raw growable buffers, freed by `deallocate()`.
struct RadixHeap {
    private struct Bucket { var base: UnsafeMutablePointer<UInt64>?; var count = 0; var capacity = 0 }
    private var buckets = UnsafeMutablePointer<Bucket>.allocate(capacity: 33)
    private var last: UInt32 = 0
    private(set) var count = 0

    init() { buckets.initialize(repeating: Bucket(), count: 33) }

    mutating func deallocate() {
        for b in 0..<33 { buckets[b].base?.deallocate() }
        buckets.deallocate()
    }

    mutating func removeAll() {
        for b in 0..<33 { buckets[b].count = 0 }
        count = 0
        last = 0
    }

    @inline(__always) private func bucketIndex(_ key: UInt32) -> Int {
        key == last ? 0 : 32 - (key ^ last).leadingZeroBitCount
    }

    @inline(__always) private func append(_ entry: UInt64, to b: Int) {
        if buckets[b].count == buckets[b].capacity { grow(b) }
        buckets[b].base![buckets[b].count] = entry
        buckets[b].count += 1
    }

    private func grow(_ b: Int) {
        let capacity = max(256, buckets[b].capacity * 2)
        let bigger = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        if let old = buckets[b].base {
            bigger.moveInitialize(from: old, count: buckets[b].count)
            old.deallocate()
        }
        buckets[b].base = bigger
        buckets[b].capacity = capacity
    }

    /// Pushes a key that is not smaller than the last popped one.
    @inline(__always) mutating func push(_ key: UInt32, _ node: Int32) {
        append(UInt64(key) << 32 | UInt64(UInt32(bitPattern: node)), to: bucketIndex(key))
        count += 1
    }

    @inline(__always) mutating func popMin() -> (UInt32, Int32)? {
        if count == 0 { return nil }
        if buckets[0].count == 0 {
            var b = 1
            while buckets[b].count == 0 { b += 1 }
            let base = buckets[b].base!, n = buckets[b].count
            var minimum = base[0]
            for i in 1..<n where base[i] < minimum { minimum = base[i] }
            last = UInt32(truncatingIfNeeded: minimum >> 32)
            buckets[b].count = 0
            for i in 0..<n { append(base[i], to: bucketIndex(UInt32(truncatingIfNeeded: base[i] >> 32))) } // all land below b
        }
        buckets[0].count -= 1
        count -= 1
        let e = buckets[0].base![buckets[0].count]
        return (UInt32(truncatingIfNeeded: e >> 32), Int32(bitPattern: UInt32(truncatingIfNeeded: e)))
    }

    func forEachNode(_ body: (Int32) -> Void) {
        for b in 0..<33 {
            for i in 0..<buckets[b].count { body(Int32(bitPattern: UInt32(truncatingIfNeeded: buckets[b].base![i]))) }
        }
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
