internal import CGEOS
import GeoCore

extension Geometry {
    /// Buffer by `distance` coordinate units (metres in a projected CRS); `quadrantSegments`
    /// segments approximate a quarter circle (GEOS default 8).
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws(GeometryError) -> Geometry {
        try requireMetric("buffer")
        return try geosGeometry("buffer", kind: kind) { GEOSBuffer_r($0, pointer, distance, Int32(quadrantSegments)) }
    }

    public func intersection(_ other: Geometry) throws(GeometryError) -> Geometry {
        try geosGeometry("intersection", kind: kind) { GEOSIntersection_r($0, pointer, other.pointer) }
    }

    public func difference(_ other: Geometry) throws(GeometryError) -> Geometry {
        try geosGeometry("difference", kind: kind) { GEOSDifference_r($0, pointer, other.pointer) }
    }

    public func union(_ other: Geometry) throws(GeometryError) -> Geometry {
        try geosGeometry("union", kind: kind) { GEOSUnion_r($0, pointer, other.pointer) }
    }

    /// Union of all the parts of this geometry (dissolves a collection).
    public func unaryUnion() throws(GeometryError) -> Geometry {
        try geosGeometry("unaryUnion", kind: kind) { GEOSUnaryUnion_r($0, pointer) }
    }

    /// Union of many geometries at once (cascaded union, much faster than pairwise unions).
    public static func unaryUnion(of geometries: [Geometry], kind: CoordinateKind? = nil) throws(GeometryError) -> Geometry {
        let kind = kind ?? geometries.first?.kind ?? .unspecified
        return try collection(geometries, kind: kind).unaryUnion()
    }

    /// Union of polygons that form a coverage (they touch along identical edges and never
    /// overlap), much faster than `unaryUnion`. For input that is not an exact coverage GEOS may
    /// fail or return an invalid result: callers check `isValid` and fall back to `unaryUnion`.
    public static func coverageUnion(of geometries: [Geometry], kind: CoordinateKind? = nil) throws(GeometryError) -> Geometry {
        let kind = kind ?? geometries.first?.kind ?? .unspecified
        let all = try collection(geometries, kind: kind)
        return try geosGeometry("coverageUnion", kind: kind) { GEOSCoverageUnion_r($0, all.pointer) }
    }

    /// A point guaranteed to lie in the geometry (GEOS point-on-surface).
    public func pointOnSurface() throws(GeometryError) -> Geometry {
        try geosGeometry("pointOnSurface", kind: kind) { GEOSPointOnSurface_r($0, pointer) }
    }

    public func centroid() throws(GeometryError) -> Geometry {
        try geosGeometry("centroid", kind: kind) { GEOSGetCentroid_r($0, pointer) }
    }

    /// The bounding box as a polygon (a point for a point).
    public func envelopeGeometry() throws(GeometryError) -> Geometry {
        try geosGeometry("envelope", kind: kind) { GEOSEnvelope_r($0, pointer) }
    }

    /// Fast clip to a rectangle; the result may be invalid only where the input was.
    public func clip(to box: Envelope) throws(GeometryError) -> Geometry {
        try geosGeometry("clipByRect", kind: kind) { GEOSClipByRect_r($0, pointer, box.minX, box.minY, box.maxX, box.maxY) }
    }

    /// Douglas-Peucker simplification that keeps the topology valid.
    public func simplifyPreservingTopology(tolerance: Double) throws(GeometryError) -> Geometry {
        try geosGeometry("topologyPreserveSimplify", kind: kind) { GEOSTopologyPreserveSimplify_r($0, pointer, tolerance) }
    }

    /// Concave hull of the coordinates; `ratio` 1 gives the convex hull, smaller values hug the points.
    public func concaveHull(ratio: Double, allowHoles: Bool = false) throws(GeometryError) -> Geometry {
        try geosGeometry("concaveHull", kind: kind) { GEOSConcaveHull_r($0, pointer, ratio, allowHoles ? 1 : 0) }
    }

    public func convexHull() throws(GeometryError) -> Geometry {
        try geosGeometry("convexHull", kind: kind) { GEOSConvexHull_r($0, pointer) }
    }

    /// Point coordinates of a point geometry (nil when empty or not a point).
    public var pointXY: XY? {
        if case .point(let xy) = shape { return xy }
        return nil
    }
}

/// Voronoi diagrams.
public enum Voronoi {
    /// The Voronoi cell of every site, clipped to `box`, in the order of `sites`.
    ///
    /// Sites with identical coordinates share one cell: the first of them gets it, the others get
    /// `nil` (their service area is empty; callers report them as duplicates).
    public static func cells(sites: [XY], clippedTo box: Envelope,
                             kind: CoordinateKind = .unspecified) throws(GeometryError) -> [Geometry?] {
        guard !sites.isEmpty else { return [] }
        var cells = [Geometry?](repeating: nil, count: sites.count)
        if sites.count == 1 {
            cells[0] = try Geometry.polygon(box.ring, kind: kind)
            return cells
        }
        let points = try Geometry.multiPoint(sites, kind: kind)
        let boxGeometry = try Geometry.polygon(box.ring, kind: kind)
        // The envelope argument extends the diagram to cover the box; clipping follows.
        let diagram = try geosGeometry("voronoiDiagram", kind: kind) {
            GEOSVoronoiDiagram_r($0, points.pointer, boxGeometry.pointer, 0, 0)
        }
        // GEOS 3.11 does not keep the input order: find each cell's site by point-in-polygon.
        var firstIndexOfSite: [XY: Int] = [:]
        for (index, site) in sites.enumerated() where firstIndexOfSite[site] == nil { firstIndexOfSite[site] = index }
        let uniqueSites = firstIndexOfSite.sorted { $0.value < $1.value }
        let siteIndex = SpatialIndex(envelopes: uniqueSites.map { Envelope(minX: $0.key.x, minY: $0.key.y, maxX: $0.key.x, maxY: $0.key.y) })
        for cell in try diagram.parts() {
            let prepared = PreparedGeometry(cell)
            for candidate in siteIndex.query(cell.envelope) {
                let (site, index) = uniqueSites[candidate]
                if try prepared.intersects(try Geometry.point(site, kind: kind)) {
                    cells[index] = try cell.clip(to: box).intersection(boxGeometry)
                    break
                }
            }
        }
        return cells
    }
}

extension Envelope {
    /// The closed counter-clockwise ring of the box.
    public var ring: [[XY]] {
        [[XY(minX, minY), XY(maxX, minY), XY(maxX, maxY), XY(minX, maxY), XY(minX, minY)]]
    }
}
