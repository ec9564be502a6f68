// Where people live, as an OpenStreetMap extract shows it: building footprints, or failing those
// the length of residential streets. These weights spread a commune's population over its area
// (dasymetric estimate) when no population grid is given.

import Foundation
import GeoCore

/// A position (x = longitude, y = latitude, WGS84) carrying a non-negative weight.
public struct WeightedPoint: Sendable, Equatable {
    public var position: XY
    public var weight: Double

    public init(position: XY, weight: Double) {
        self.position = position
        self.weight = weight
    }
}

/// Settlement weights of a PBF extract: one weighted point per building and one per segment of
/// residential road, with `kind` telling which of the two to use.
///
/// - Building ways: closed ways (≥ 4 refs, first = last) tagged `building=*` (any value but `no`)
///   whose nodes are all in the file. Weight = footprint area in m² on a local equirectangular plane
///   about the ring's first vertex (x = R·Δλ·cos φ0, y = R·Δφ, R = 6,371,008.8 m, as
///   `EquirectangularProjection`); position = the ring's area centroid on that plane, back in
///   lon/lat (the vertex mean for a ring of zero area). The plane is spherical: areas are about
///   0.25 % smaller than ellipsoidal (EPSG:3035) areas at 46° N.
/// - Building nodes: nodes tagged `building=*`, weighted `nodeFootprintSquareMetres` (100 m²).
/// - Building relations (`type=multipolygon` + `building=*`) are counted but not measured: the
///   PBF reader does not expose relation members. Their outer ways count only when they carry a
///   `building` tag themselves.
/// - Residential roads: ways tagged `highway=residential|living_street|unclassified`; one point per
///   segment between consecutive nodes both in the file, at the lon/lat midpoint, weighted by the
///   haversine length in metres (R = 6,371,008.8 m).
public struct SettlementWeights: Sendable {
    /// Which weights describe the extract's settlement.
    public enum Kind: String, Sendable {
        case buildings, residentialRoads, none
    }

    /// What was read and left out, for the run's report.
    public struct Counts: Sendable, Equatable {
        public var buildingWays = 0
        public var buildingNodes = 0
        /// Multipolygon relations tagged `building=*`, not measured (see the type's notes).
        public var buildingRelationsNotMeasured = 0
        /// Ways tagged `building=*` that are not closed rings: skipped.
        public var buildingWaysNotClosed = 0
        /// Building rings with a node absent from the file (extract border): skipped.
        public var buildingWaysMissingNodes = 0
        public var residentialRoadWays = 0
        /// Residential road ways with a node absent from the file: their segments touching it are skipped.
        public var residentialRoadWaysMissingNodes = 0
        public var residentialRoadSegments = 0
        public init() {}
    }

    /// `highway` values that count as residential roads.
    public static let residentialHighwayValues: Set<String> = ["residential", "living_street", "unclassified"]
    /// Weight of a building mapped as a single node (m²): a small house.
    public static let defaultNodeFootprintSquareMetres = 100.0
    /// Fewest buildings for the extract's buildings to be trusted as its settlement: below this
    /// the buildings are too sparsely mapped and residential roads are used instead.
    public static let defaultMinimumBuildings = 100

    public internal(set) var buildings: [WeightedPoint] = []
    public internal(set) var residentialRoads: [WeightedPoint] = []
    public internal(set) var counts = Counts()
    public let minimumBuildings: Int

    public init(buildings: [WeightedPoint], residentialRoads: [WeightedPoint], counts: Counts = Counts(),
                minimumBuildings: Int = SettlementWeights.defaultMinimumBuildings) {
        self.buildings = buildings
        self.residentialRoads = residentialRoads
        self.counts = counts
        self.minimumBuildings = minimumBuildings
    }

    /// Buildings when there are at least `minimumBuildings` of them; otherwise residential roads
    /// when there are any; otherwise the few buildings there are; otherwise nothing.
    public var kind: Kind {
        if buildings.count >= minimumBuildings { return .buildings }
        if residentialRoads.contains(where: { $0.weight > 0 }) { return .residentialRoads }
        if buildings.contains(where: { $0.weight > 0 }) { return .buildings }
        return .none
    }

    /// The weights of `kind`.
    public var weights: [WeightedPoint] {
        switch kind {
        case .buildings: return buildings
        case .residentialRoads: return residentialRoads
        case .none: return []
        }
    }

    /// Total footprint of the buildings (m²).
    public var buildingArea: Double { buildings.reduce(0) { $0 + $1.weight } }
    /// Total length of the residential road segments (m).
    public var residentialRoadLength: Double { residentialRoads.reduce(0) { $0 + $1.weight } }

    /// Reads a PBF file in two streaming passes with bounded memory: ways and relations first,
    /// keeping the node references of building rings and residential roads (8 bytes each), then
    /// nodes, keeping the coordinates of only those nodes and the building nodes. Works on files
    /// sorted or not. `progress` receives bytes over the two passes (total = twice the file size).
    public static func read(pbf reader: OSMPBFReader,
                            minimumBuildings: Int = defaultMinimumBuildings,
                            nodeFootprintSquareMetres: Double = defaultNodeFootprintSquareMetres,
                            progress: ReadProgress? = nil) throws -> SettlementWeights {
        var wayPass = SettlementWayCollector()
        try reader.read(&wayPass, pass: 0, of: 2, progress: progress)
        var nodePass = SettlementNodeCollector(
            nodes: NeededNodeCoordinates(references: wayPass.buildingRefs + wayPass.roadRefs),
            nodeFootprint: nodeFootprintSquareMetres)
        try reader.read(&nodePass, pass: 1, of: 2, progress: progress)
        let nodes = nodePass.nodes

        var result = SettlementWeights(buildings: nodePass.buildingNodes, residentialRoads: [],
                                       counts: wayPass.counts, minimumBuildings: minimumBuildings)
        result.counts.buildingNodes = nodePass.buildingNodes.count

        /// Index of a referenced node's coordinates, nil when the node is absent from the file.
        func position(of ref: Int64) -> Int? {
            let index = nodes.index(of: ref)
            return nodes.found[index] ? index : nil
        }

        var ring: [XY] = []
        result.buildings.reserveCapacity(result.buildings.count + wayPass.buildingStarts.count - 1)
        for b in 0..<(wayPass.buildingStarts.count - 1) {
            ring.removeAll(keepingCapacity: true)
            for k in wayPass.buildingStarts[b]..<wayPass.buildingStarts[b + 1] {
                guard let i = position(of: wayPass.buildingRefs[k]) else { break }
                ring.append(XY(nodes.lons[i], nodes.lats[i]))
            }
            guard ring.count == wayPass.buildingStarts[b + 1] - wayPass.buildingStarts[b] else {
                result.counts.buildingWaysMissingNodes += 1
                continue
            }
            result.buildings.append(footprint(ofClosedRing: ring))
            result.counts.buildingWays += 1
        }

        for w in 0..<(wayPass.roadStarts.count - 1) {
            var previous: XY?
            var missing = false
            for k in wayPass.roadStarts[w]..<wayPass.roadStarts[w + 1] {
                guard let i = position(of: wayPass.roadRefs[k]) else { missing = true; previous = nil; continue }
                let point = XY(nodes.lons[i], nodes.lats[i])
                if let previous {
                    result.residentialRoads.append(WeightedPoint(
                        position: XY((previous.x + point.x) / 2, (previous.y + point.y) / 2),
                        weight: haversineMetres(previous, point)))
                }
                previous = point
            }
            if missing { result.counts.residentialRoadWaysMissingNodes += 1 }
        }
        result.counts.residentialRoadSegments = result.residentialRoads.count
        return result
    }

    /// Reads a PBF file's settlement weights (see `read(pbf:minimumBuildings:nodeFootprintSquareMetres:progress:)`).
    public static func read(pbfPath: String,
                            minimumBuildings: Int = defaultMinimumBuildings,
                            nodeFootprintSquareMetres: Double = defaultNodeFootprintSquareMetres,
                            progress: ReadProgress? = nil) throws -> SettlementWeights {
        try read(pbf: OSMPBFReader(path: pbfPath), minimumBuildings: minimumBuildings,
                 nodeFootprintSquareMetres: nodeFootprintSquareMetres, progress: progress)
    }

    /// Area (m²) and area centroid (lon/lat) of a closed lon/lat ring (last point = first), on the
    /// local equirectangular plane about its first vertex.
    public static func footprint(ofClosedRing ring: [XY]) -> WeightedPoint {
        precondition(ring.count >= 2, "a ring needs points")
        let r = EquirectangularProjection.earthRadiusMetres, k = Double.pi / 180
        let origin = ring[0]
        let xScale = r * k * cos(origin.y * k), yScale = r * k
        var twiceArea = 0.0, sx = 0.0, sy = 0.0
        var x0 = 0.0, y0 = 0.0 // the first vertex is the plane's origin
        for p in ring.dropFirst() {
            let x1 = (p.x - origin.x) * xScale, y1 = (p.y - origin.y) * yScale
            let cross = x0 * y1 - x1 * y0
            twiceArea += cross
            sx += (x0 + x1) * cross
            sy += (y0 + y1) * cross
            (x0, y0) = (x1, y1)
        }
        guard twiceArea != 0 else {
            // Zero area: the mean of the distinct vertices (the closing point left out).
            let vertices = ring.count > 1 && ring.first == ring.last ? ring.dropLast() : ring[...]
            let n = Double(vertices.count)
            return WeightedPoint(position: XY(vertices.reduce(0) { $0 + $1.x } / n, vertices.reduce(0) { $0 + $1.y } / n),
                                 weight: 0)
        }
        let cx = sx / (3 * twiceArea), cy = sy / (3 * twiceArea)
        return WeightedPoint(position: XY(origin.x + cx / xScale, origin.y + cy / yScale), weight: abs(twiceArea) / 2)
    }

    /// Great-circle distance in metres between two lon/lat points (sphere of radius 6,371,008.8 m).
    public static func haversineMetres(_ a: XY, _ b: XY) -> Double {
        let k = Double.pi / 180
        let dLat = (b.y - a.y) * k, dLon = (b.x - a.x) * k
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.y * k) * cos(b.y * k) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * EquirectangularProjection.earthRadiusMetres * asin(min(1, h.squareRoot()))
    }
}

/// Whether a `building` tag value marks a building.
@inline(__always)
private func isBuilding(_ value: String?) -> Bool {
    guard let value else { return false }
    return value != "no"
}

/// Pass 1: node references of building rings and residential roads; building relations counted.
private struct SettlementWayCollector: OSMPBFVisitor {
    var buildingRefs: [Int64] = []
    var buildingStarts: [Int] = [0]
    var roadRefs: [Int64] = []
    var roadStarts: [Int] = [0]
    var counts = SettlementWeights.Counts()

    var wantedKinds: OSMEntityKinds { [.ways, .relations] }

    mutating func visitWay(id: Int64, refs: [Int64], tags: OSMTags) throws {
        if isBuilding(tags.value(forKey: "building")) {
            if refs.count >= 4, refs.first == refs.last {
                buildingRefs.append(contentsOf: refs)
                buildingStarts.append(buildingRefs.count)
            } else {
                counts.buildingWaysNotClosed += 1
            }
        }
        if let highway = tags.value(forKey: "highway"), SettlementWeights.residentialHighwayValues.contains(highway) {
            counts.residentialRoadWays += 1
            roadRefs.append(contentsOf: refs)
            roadStarts.append(roadRefs.count)
        }
    }

    mutating func visitRelation(id: Int64, memberCount: Int, tags: OSMTags) throws {
        if isBuilding(tags.value(forKey: "building")), tags.value(forKey: "type") == "multipolygon" {
            counts.buildingRelationsNotMeasured += 1
        }
    }
}

/// Pass 2: coordinates of the needed nodes, and the nodes that are buildings themselves (so the
/// pass reads every node, even once all the needed ones are found).
private struct SettlementNodeCollector: OSMPBFVisitor {
    var nodes: NeededNodeCoordinates
    let nodeFootprint: Double
    var buildingNodes: [WeightedPoint] = []

    var wantedKinds: OSMEntityKinds { .nodes }

    mutating func visitNode(id: Int64, lon: Double, lat: Double, tags: OSMTags) throws {
        if !tags.isEmpty, isBuilding(tags.value(forKey: "building")) {
            buildingNodes.append(WeightedPoint(position: XY(lon, lat), weight: nodeFootprint))
        }
        nodes.record(id: id, lon: lon, lat: lat)
    }
}
