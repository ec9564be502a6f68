/// A binary heap: `first` is the element that sorts first by `<` (a min-heap; define `<` as
/// "ranks above" for other orders). Deterministic: the same pushes and pops give the same order.
public struct BinaryHeap<Element: Comparable> {
    @usableFromInline var elements: [Element]

    @inlinable public init() { elements = [] }

    /// Builds the heap from the elements in linear time.
    @inlinable public init(_ elements: [Element]) {
        self.elements = elements
        for index in stride(from: elements.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    @inlinable public var isEmpty: Bool { elements.isEmpty }
    @inlinable public var count: Int { elements.count }
    /// The element that sorts first, without removing it.
    @inlinable public var first: Element? { elements.first }
    /// The elements in heap (not sorted) order.
    @inlinable public var unordered: [Element] { elements }

    @inlinable public mutating func reserveCapacity(_ capacity: Int) { elements.reserveCapacity(capacity) }

    @inlinable public mutating func push(_ element: Element) {
        elements.append(element)
        var child = elements.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[child] < elements[parent] else { break }
            elements.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the element that sorts first.
    @inlinable public mutating func popFirst() -> Element? {
        guard !elements.isEmpty else { return nil }
        elements.swapAt(0, elements.count - 1)
        let first = elements.removeLast()
        if !elements.isEmpty { siftDown(0) }
        return first
    }

    /// Replaces the first element (for a bounded heap keeping the best `k` of a stream).
    @inlinable public mutating func replaceFirst(with element: Element) {
        precondition(!elements.isEmpty, "replaceFirst on an empty heap")
        elements[0] = element
        siftDown(0)
    }

    @inlinable mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var first = parent
            if left < elements.count, elements[left] < elements[first] { first = left }
            if right < elements.count, elements[right] < elements[first] { first = right }
            if first == parent { return }
            elements.swapAt(parent, first)
            parent = first
        }
    }
}
