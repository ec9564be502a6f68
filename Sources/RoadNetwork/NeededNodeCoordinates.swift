/// The coordinates of the nodes that the ways kept by a first pass over a PBF file refer to,
/// filled by a second pass over the nodes: the node pass of the two-pass readers
/// (`RoadWaySet.load`, `SettlementWeights.read`), which keep these nodes only, never all of the file's.
struct NeededNodeCoordinates: OSMPBFVisitor {
    /// The referenced node ids, ascending, each once.
    let ids: [Int64]
    /// Coordinates of `ids[i]`, NaN until found.
    private(set) var lons: [Double], lats: [Double]
    private(set) var found: [Bool]
    private(set) var foundCount = 0
    private var cursor = 0
    private var previousId = Int64.min

    /// Needs the nodes of `references` (in any order, repeats allowed).
    init(references: [Int64]) {
        var ids = references
        ids.sort()
        var unique = 0
        for i in ids.indices where i == 0 || ids[i] != ids[unique - 1] {
            ids[unique] = ids[i]
            unique += 1
        }
        ids.removeLast(ids.count - unique)
        self.ids = ids
        lons = [Double](repeating: .nan, count: ids.count)
        lats = lons
        found = [Bool](repeating: false, count: ids.count)
    }

    var wantedKinds: OSMEntityKinds { .nodes }
    /// Every needed node is found: the rest of the file can be skipped.
    var isDone: Bool { foundCount == ids.count }

    mutating func visitNode(id: Int64, lon: Double, lat: Double, tags: OSMTags) throws {
        record(id: id, lon: lon, lat: lat)
    }

    /// Keeps the coordinates of node `id` if it is needed (the first occurrence of an id counts).
    mutating func record(id: Int64, lon: Double, lat: Double) {
        let position: Int
        if id > previousId {
            // Sorted files: advance a cursor (amortised O(1) per node).
            while cursor < ids.count && ids[cursor] < id { cursor += 1 }
            position = cursor
        } else {
            position = binarySearch(ids, id)
            cursor = position
        }
        previousId = id
        guard position < ids.count, ids[position] == id, !found[position] else { return }
        lons[position] = lon
        lats[position] = lat
        found[position] = true
        foundCount += 1
    }

    /// Index in `ids` of a referenced node (every reference of the first pass is there).
    func index(of reference: Int64) -> Int { binarySearch(ids, reference) }
}

@inline(__always)
private func binarySearch(_ sorted: [Int64], _ value: Int64) -> Int {
    var low = 0, high = sorted.count
    while low < high {
        let mid = (low + high) >> 1
        if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
}

extension OSMPBFReader {
    /// Reads the file as pass `pass` (from 0) of `passCount` reads of it, reporting to `progress`
    /// the bytes over all the passes (total = `passCount` times the file size).
    func read<V: OSMPBFVisitor>(_ visitor: inout V, pass: Int, of passCount: Int, progress: ReadProgress?) throws {
        var overall: ReadProgress?
        if let progress { overall = { read, total in progress(pass * total + read, passCount * total) } }
        try read(&visitor, progress: overall)
    }
}
