/// A static packed R-tree over item envelopes (Hilbert-sorted, as flatbush does), returning item
/// indices. Immutable after construction, so it can be shared between threads.
public struct SpatialIndex: Sendable {
    public static let nodeCapacity = 16
    /// Envelopes of all nodes: items (leaves) in packed order first, then each upper level.
    private var boxes: [Envelope] = []
    /// Original item index of each leaf position.
    private var leafItem: [Int32] = []
    /// Start of each level in `boxes`; level 0 is the leaves, the last level is the root.
    private var levelStart: [Int] = []
    public let count: Int

    public init(envelopes: [Envelope]) {
        count = envelopes.count
        guard count > 0 else { return }
        let total = envelopes.reduce(Envelope.empty) { $0.union($1) }
        let width = max(total.maxX - total.minX, .leastNormalMagnitude)
        let height = max(total.maxY - total.minY, .leastNormalMagnitude)
        let hilbertMax = Double((1 << 16) - 1)
        var keyed: [(key: UInt32, item: Int32)] = []
        keyed.reserveCapacity(count)
        for (index, box) in envelopes.enumerated() {
            let x = box.isEmpty ? 0 : UInt32(hilbertMax * ((box.minX + box.maxX) / 2 - total.minX) / width)
            let y = box.isEmpty ? 0 : UInt32(hilbertMax * ((box.minY + box.maxY) / 2 - total.minY) / height)
            keyed.append((HilbertCurve.index(x: x, y: y), Int32(index)))
        }
        keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.item < $1.item }
        leafItem = keyed.map(\.item)
        boxes = leafItem.map { envelopes[Int($0)] }
        levelStart = [0]
        var levelBegin = 0, levelCount = count
        while levelCount > 1 {
            let nextBegin = boxes.count
            var child = levelBegin
            while child < levelBegin + levelCount {
                let end = min(child + Self.nodeCapacity, levelBegin + levelCount)
                var box = Envelope.empty
                for index in child..<end { box = box.union(boxes[index]) }
                boxes.append(box)
                child = end
            }
            levelStart.append(nextBegin)
            levelBegin = nextBegin
            levelCount = boxes.count - nextBegin
        }
    }

    /// Item indices in the tree's (Hilbert curve) order: neighbours in the list are near in space.
    public var leafOrder: [Int] { leafItem.map { Int($0) } }

    private func levelCount(_ level: Int) -> Int {
        (level + 1 < levelStart.count ? levelStart[level + 1] : boxes.count) - levelStart[level]
    }

    /// Children of node `position` (a position in `boxes`) at `level` > 0.
    private func children(of position: Int, level: Int) -> Range<Int> {
        let offset = position - levelStart[level]
        let childStart = levelStart[level - 1] + offset * Self.nodeCapacity
        let childEnd = min(childStart + Self.nodeCapacity, levelStart[level - 1] + levelCount(level - 1))
        return childStart..<childEnd
    }

    /// Indices of the items whose envelope intersects `box`, in ascending order.
    public func query(_ box: Envelope) -> [Int] {
        var result: [Int] = []
        query(box) { result.append($0) }
        result.sort()
        return result
    }

    /// Calls `visit` with every item whose envelope intersects `box` (in tree order).
    public func query(_ box: Envelope, _ visit: (Int) throws -> Void) rethrows {
        guard count > 0, !box.isEmpty else { return }
        var stack: [(position: Int, level: Int)] = [(boxes.count - 1, levelStart.count - 1)]
        while let (position, level) = stack.popLast() {
            guard boxes[position].intersects(box) else { continue }
            if level == 0 {
                try visit(Int(leafItem[position]))
            } else {
                for child in children(of: position, level: level) { stack.append((child, level - 1)) }
            }
        }
    }

    /// The nearest item to `point` by the exact distance `itemDistance` (which must be at least the
    /// envelope distance), with that distance; ties go to the lowest item index.
    /// Only items within `maxDistance` are considered.
    public func nearest(to point: XY, maxDistance: Double = .infinity,
                        itemDistance: (Int) throws -> Double) rethrows -> (item: Int, distance: Double)? {
        guard count > 0 else { return nil }
        var heap = BinaryHeap<NodeBound>()
        heap.push(NodeBound(distance: boxes[boxes.count - 1].distance(to: point), position: boxes.count - 1, level: levelStart.count - 1))
        var best: (item: Int, distance: Double)?
        while let node = heap.popFirst() {
            if node.distance > maxDistance { break }
            if let best, node.distance > best.distance { break }
            if node.level == 0 {
                let item = Int(leafItem[node.position])
                let distance = try itemDistance(item)
                guard distance <= maxDistance else { continue }
                if best == nil || distance < best!.distance || (distance == best!.distance && item < best!.item) {
                    best = (item, distance)
                }
            } else {
                for child in children(of: node.position, level: node.level) {
                    heap.push(NodeBound(distance: boxes[child].distance(to: point), position: child, level: node.level - 1))
                }
            }
        }
        return best
    }
}

/// A tree node and the smallest distance from the query point to its box, ordered by that distance.
struct NodeBound: Comparable {
    let distance: Double
    let position: Int
    let level: Int
    static func < (a: NodeBound, b: NodeBound) -> Bool { a.distance < b.distance }
    static func == (a: NodeBound, b: NodeBound) -> Bool { a.distance == b.distance }
}
