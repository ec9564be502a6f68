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
            keyed.append((hilbertIndex(x: x, y: y), Int32(index)))
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
        var heap = MinHeap<(position: Int, level: Int)>()
        heap.push(boxes[boxes.count - 1].distance(to: point), (boxes.count - 1, levelStart.count - 1))
        var best: (item: Int, distance: Double)?
        while let (bound, node) = heap.pop() {
            if bound > maxDistance { break }
            if let best, bound > best.distance { break }
            if node.level == 0 {
                let item = Int(leafItem[node.position])
                let distance = try itemDistance(item)
                guard distance <= maxDistance else { continue }
                if best == nil || distance < best!.distance || (distance == best!.distance && item < best!.item) {
                    best = (item, distance)
                }
            } else {
                for child in children(of: node.position, level: node.level) {
                    heap.push(boxes[child].distance(to: point), (child, node.level - 1))
                }
            }
        }
        return best
    }
}

/// Position of (x, y) on a 2^16 × 2^16 Hilbert curve (algorithm from flatbush / Rawrunprotected).
func hilbertIndex(x: UInt32, y: UInt32) -> UInt32 {
    var a = x ^ y, b = 0xFFFF ^ a, c = 0xFFFF ^ (x | y), d = x & (y ^ 0xFFFF)
    var A = a | (b >> 1), B = (a >> 1) ^ a, C = ((c >> 1) ^ (b & (d >> 1))) ^ c, D = ((a & (c >> 1)) ^ (d >> 1)) ^ d
    a = A; b = B; c = C; d = D
    A = (a & (a >> 2)) ^ (b & (b >> 2)); B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2))
    C ^= (a & (c >> 2)) ^ (b & (d >> 2)); D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2))
    a = A; b = B; c = C; d = D
    A = (a & (a >> 4)) ^ (b & (b >> 4)); B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4))
    C ^= (a & (c >> 4)) ^ (b & (d >> 4)); D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4))
    a = A; b = B; c = C; d = D
    C ^= (a & (c >> 8)) ^ (b & (d >> 8)); D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8))
    a = C ^ (C >> 1); b = D ^ (D >> 1)
    var i0 = x ^ y, i1 = b | (0xFFFF ^ (i0 | a))
    i0 = (i0 | (i0 << 8)) & 0x00FF00FF; i0 = (i0 | (i0 << 4)) & 0x0F0F0F0F
    i0 = (i0 | (i0 << 2)) & 0x33333333; i0 = (i0 | (i0 << 1)) & 0x55555555
    i1 = (i1 | (i1 << 8)) & 0x00FF00FF; i1 = (i1 | (i1 << 4)) & 0x0F0F0F0F
    i1 = (i1 | (i1 << 2)) & 0x33333333; i1 = (i1 | (i1 << 1)) & 0x55555555
    return (i1 << 1) | i0
}

/// A binary min-heap keyed by Double.
struct MinHeap<Element> {
    private var keys: [Double] = []
    private var values: [Element] = []
    var isEmpty: Bool { keys.isEmpty }

    mutating func push(_ key: Double, _ value: Element) {
        keys.append(key); values.append(value)
        var child = keys.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard keys[child] < keys[parent] else { break }
            keys.swapAt(child, parent); values.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Double, Element)? {
        guard !keys.isEmpty else { return nil }
        keys.swapAt(0, keys.count - 1); values.swapAt(0, values.count - 1)
        let result = (keys.removeLast(), values.removeLast())
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < keys.count, keys[left] < keys[smallest] { smallest = left }
            if right < keys.count, keys[right] < keys[smallest] { smallest = right }
            guard smallest != parent else { break }
            keys.swapAt(parent, smallest); values.swapAt(parent, smallest)
            parent = smallest
        }
        return result
    }
}
