import GeoCore

/// A road way given by its coordinates, for road layers that are not PBF files (GeoJSON
/// LineStrings with OSM tags: `highway`, `maxspeed`, `oneway`, `junction`, access tags).
/// Ways connect where they share a vertex with exactly the same coordinates.
public struct RoadWay: Sendable {
    /// Node positions, x = longitude, y = latitude (WGS84).
    public var nodeCoordinates: [XY]
    public var tags: [String: String]

    public init(nodeCoordinates: [XY], tags: [String: String]) {
        self.nodeCoordinates = nodeCoordinates
        self.tags = tags
    }
}

/// The drivable ways of a road layer, with their nodes, ready to become a `RoadGraph`.
///
/// Nodes are stored once (index = position in `nodeLons`); ways are runs of node indices.
/// Every node of a way is a graph node: ways are thereby split at every shared node (no
/// degree-2 contraction, so geometry and snapping keep every vertex).
public struct RoadWaySet: Sendable {
    public internal(set) var nodeLons: [Double] = []
    public internal(set) var nodeLats: [Double] = []
    /// OSM node ids (PBF), or 0-based first-appearance numbers (coordinate-matched layers).
    public internal(set) var nodeIds: [Int64] = []
    /// Way `w` uses `wayNodes[wayStarts[w] ..< wayStarts[w + 1]]`; -1 marks a node missing from
    /// the file (the way is cut there).
    public internal(set) var wayStarts: [Int] = [0]
    public internal(set) var wayNodes: [Int32] = []
    public internal(set) var waySpeedsKmh: [Double] = []
    public internal(set) var wayDirections: [WayDirection] = []
    /// Ways left out, per reason (`notARoad` counts all untagged ways of a PBF file).
    public internal(set) var droppedWays: [WayDropReason: Int] = [:]
    /// References to nodes absent from the file (common at the border of an extract).
    public internal(set) var missingNodeReferences = 0

    public init() {}

    public var wayCount: Int { waySpeedsKmh.count }
    public var nodeCount: Int { nodeLons.count }

    mutating func appendWay(nodes: some Sequence<Int32>, speedKmh: Double, direction: WayDirection) {
        wayNodes.append(contentsOf: nodes)
        wayStarts.append(wayNodes.count)
        waySpeedsKmh.append(speedKmh)
        wayDirections.append(direction)
    }

    mutating func drop(_ reason: WayDropReason) { droppedWays[reason, default: 0] += 1 }

    /// Builds the set from coordinate ways: vertices with identical coordinates become one node.
    public init(ways: [RoadWay], rules: CarWayRules = CarWayRules()) {
        self.init()
        var index: [Coordinate: Int32] = [:]
        var nodes: [Int32] = []
        for way in ways {
            let decision = rules.decide(tags: way.tags)
            guard case let .drivable(speed, direction) = decision else {
                if case let .dropped(reason) = decision { drop(reason) }
                continue
            }
            guard way.nodeCoordinates.count >= 2 else { drop(.degenerate); continue }
            nodes.removeAll(keepingCapacity: true)
            for position in way.nodeCoordinates {
                let (lon, lat) = (position.x, position.y)
                let key = Coordinate(lon: lon.bitPattern, lat: lat.bitPattern)
                if let existing = index[key] {
                    nodes.append(existing)
                } else {
                    let new = Int32(nodeLons.count)
                    index[key] = new
                    nodeLons.append(lon)
                    nodeLats.append(lat)
                    nodeIds.append(Int64(new))
                    nodes.append(new)
                }
            }
            appendWay(nodes: nodes, speedKmh: speed, direction: direction)
        }
    }

    private struct Coordinate: Hashable {
        let lon: UInt64, lat: UInt64
    }
}

// MARK: - PBF loading

extension RoadWaySet {
    /// Reads the drivable ways of a PBF file in two streaming passes with bounded memory:
    /// pass 1 keeps the drivable ways' node references (8 bytes each) and their speed and
    /// direction; pass 2 keeps the coordinates of only those nodes (walking the sorted id list
    /// alongside the file's node order; binary search if the file is not sorted). Peak memory is
    /// about 16 bytes per way-node reference (the references and their sorted copy) + 25 bytes per
    /// road node, never all the nodes of the file.
    ///
    /// `progress` receives bytes over the two passes (total = twice the file size).
    public static func load(pbf reader: OSMPBFReader, rules: CarWayRules = CarWayRules(),
                            progress: ReadProgress? = nil) throws -> RoadWaySet {
        var wayPass = DrivableWayCollector(rules: rules)
        try reader.read(&wayPass, pass: 0, of: 2, progress: progress)
        var nodePass = NeededNodeCoordinates(references: wayPass.refs)
        try reader.read(&nodePass, pass: 1, of: 2, progress: progress)

        // Keep only nodes found in the file; renumber.
        var set = RoadWaySet()
        set.droppedWays = wayPass.dropped
        var newIndex = [Int32](repeating: -1, count: nodePass.ids.count)
        for i in nodePass.ids.indices where nodePass.found[i] {
            newIndex[i] = Int32(set.nodeIds.count)
            set.nodeIds.append(nodePass.ids[i])
            set.nodeLons.append(nodePass.lons[i])
            set.nodeLats.append(nodePass.lats[i])
        }
        var nodes: [Int32] = []
        for w in 0..<wayPass.speeds.count {
            nodes.removeAll(keepingCapacity: true)
            var usable = 0
            for k in wayPass.starts[w]..<wayPass.starts[w + 1] {
                let node = newIndex[nodePass.index(of: wayPass.refs[k])]
                if node < 0 { set.missingNodeReferences += 1 } else { usable += 1 }
                nodes.append(node)
            }
            if usable < 2 { set.drop(.degenerate); continue }
            set.appendWay(nodes: nodes, speedKmh: wayPass.speeds[w], direction: wayPass.directions[w])
        }
        return set
    }

    /// Reads a PBF file's drivable ways (see `load(pbf:rules:progress:)`).
    public static func load(pbfPath: String, rules: CarWayRules = CarWayRules(),
                            progress: ReadProgress? = nil) throws -> RoadWaySet {
        try load(pbf: OSMPBFReader(path: pbfPath), rules: rules, progress: progress)
    }
}

/// Pass 1: drivable ways with their node references.
private struct DrivableWayCollector: OSMPBFVisitor {
    let rules: CarWayRules
    var refs: [Int64] = []
    var starts: [Int] = [0]
    var speeds: [Double] = []
    var directions: [WayDirection] = []
    var dropped: [WayDropReason: Int] = [:]

    var wantedKinds: OSMEntityKinds { .ways }

    mutating func visitWay(id: Int64, refs wayRefs: [Int64], tags: OSMTags) throws {
        let decision = rules.decide { tags.value(forKey: $0) }
        guard case let .drivable(speed, direction) = decision else {
            if case let .dropped(reason) = decision { dropped[reason, default: 0] += 1 }
            return
        }
        guard wayRefs.count >= 2 else { dropped[.degenerate, default: 0] += 1; return }
        refs.append(contentsOf: wayRefs)
        starts.append(refs.count)
        speeds.append(speed)
        directions.append(direction)
    }
}
