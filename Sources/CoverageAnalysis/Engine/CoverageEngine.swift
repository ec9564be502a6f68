import Foundation
import GeosGeometry
import GeoCore

/// The area of a commune attributed to one lieu (inside its catchment or its service area).
public struct LieuPiece: Sendable {
    /// Position of the lieu in the territory's lieu list.
    public let lieu: Int
    public let areaSquareMetres: Double
}

/// What the engine finds for one commune.
public struct CommuneCoverage: Sendable {
    /// Position of the nearest lieu in the territory's lieu list, and how far it is from the
    /// commune's representative point in the engine's base unit: metres (discs) or seconds
    /// (isochrones); infinity when no lieu is reachable.
    public var nearestLieu: Int?
    public var nearestMeasure: Double
    /// Number of lieux within each threshold of the representative point (lieux merged at one point
    /// all counted).
    public var lieuxWithin: [Int]
    /// Area of the commune within each threshold of some lieu (m²).
    public var coveredAreaSquareMetres: [Double]
    /// The part of the commune outside every catchment at the main threshold (nil when none).
    public var whitePiece: Geometry?
    /// Area of the commune in each lieu's catchment at the main threshold.
    public var catchmentPieces: [LieuPiece]
    /// Area of the commune in each lieu's service area (Voronoi cell).
    public var servicePieces: [LieuPiece]
}

/// Nearest lieu and counts computed on the road network, for the road (travel time) mode.
public struct RoadProximity: Sendable {
    public var nearestLieu: [Int?]
    public var seconds: [Double]
    public var counts: [[Int]]
    public init(nearestLieu: [Int?], seconds: [Double], counts: [[Int]]) {
        self.nearestLieu = nearestLieu; self.seconds = seconds; self.counts = counts
    }
}

/// Coverage of the communes of one territory by its lieux' catchments.
///
/// Catchments are discs (straight-line distance) or isochrones (road travel time): `Catchments`.
/// Areas of a commune inside discs and Voronoi cells (all convex) come from arithmetic clipping
/// (`RingSet`); the white pieces written out are GEOS overlays. Two shortcuts avoid overlays
/// without changing any result: a commune whose vertices all lie in the disc's inscribed circle is
/// wholly covered (the disc is convex), and a commune whose envelope is farther than the radius
/// from every lieu is not covered at all. Isochrones are unions of grid cells: a commune's area in
/// each cell is computed once, exactly. By road, the nearest lieu, times and counts come from the
/// road network, and the service area of a lieu is made of the communes whose representative
/// point has it as nearest lieu by road.
public struct CoverageEngine: Sendable {
    public let territory: ProjectedTerritory
    /// Thresholds in the measure's base unit (metres or seconds), in the order given by the user.
    public let limits: [Double]
    public let mainThreshold: Int
    let catchments: Catchments
    /// polygons[t][lieu]: catchment polygon of each lieu at threshold t (disc or isochrone; nil when
    /// it cannot reach the territory).
    let polygons: [[Geometry?]]
    let catchmentIndex: [SpatialIndex]

    /// What the catchments are, with what each kind needs.
    enum Catchments: Sendable {
        case discs(Discs)
        case isochrones(Isochrones)
    }

    /// Straight-line distance: discs, and Voronoi cells as service areas.
    struct Discs: Sendable {
        let quadrantSegments: Int
        let lieuIndex: SpatialIndex
        /// Counter-clockwise closed rings of the discs [t][lieu] and of the cells (all convex), for arithmetic clipping.
        let discRings: [[[XY]]]
        /// Voronoi cells (service areas before clipping to the communes), per lieu; nil for duplicates.
        let cells: [Geometry?]
        let cellIndex: SpatialIndex
        let cellRings: [[XY]]
        /// Radius of the circle inscribed in a disc polygon, as a share of the disc's radius.
        var inscribedFactor: Double { cos(Double.pi / Double(4 * quadrantSegments)) }
    }

    /// Road travel time: the grid the isochrones are made of, each isochrone's cells [t][lieu], and the
    /// nearest lieu, times and counts from the road graph.
    struct Isochrones: Sendable {
        let raster: RasterIsochrone
        let cells: [[Set<RasterIsochrone.Cell>]]
        let proximity: RoadProximity
    }

    /// Straight-line distance: discs of the given radii (GEOS buffers with `quadrantSegments`
    /// segments per quarter circle) around each lieu.
    public init(territory: ProjectedTerritory, radiiMetres: [Double], mainThreshold: Int, quadrantSegments: Int) throws {
        self.territory = territory
        limits = radiiMetres
        self.mainThreshold = mainThreshold
        let points = territory.lieuPoints
        let kind = territory.geometries.first?.kind ?? .unspecified
        let reach = territory.envelope
        polygons = try radiiMetres.map { radius in
            let perLieu: [Result<Geometry?, any Error>] = ParallelMap.mapIndices(points.count, chunk: 64) { lieu in
                Result {
                    guard reach.distance(to: points[lieu]) <= radius else { return nil }
                    return try Geometry.point(points[lieu], kind: kind).buffer(radius, quadrantSegments: quadrantSegments)
                }
            }
            return try perLieu.map { try $0.get() }
        }
        // Service areas: Voronoi cells of the lieux near enough to own part of the territory.
        let margin = max(reach.maxX - reach.minX, reach.maxY - reach.minY) * 0.05 + 1_000
        let cells = try Voronoi.cells(sites: points, clippedTo: reach.expanded(by: margin), kind: kind)
        catchments = .discs(Discs(
            quadrantSegments: quadrantSegments, lieuIndex: SpatialIndex(envelopes: points.map(Envelope.init(point:))),
            discRings: polygons.map { $0.map { $0.map(Self.convexRing) ?? [] } },
            cells: cells, cellIndex: SpatialIndex(envelopes: cells.map { $0?.envelope ?? .empty }),
            cellRings: cells.map { $0.map(Self.convexRing) ?? [] }))
        catchmentIndex = polygons.map { SpatialIndex(envelopes: $0.map { $0?.envelope ?? .empty }) }
    }

    /// Road travel time: `isochrones[t][lieu]` are the catchments at `limitsSeconds[t]`, made of the
    /// grid cells `cells[t][lieu]` of `raster`.
    init(territory: ProjectedTerritory, isochrones: [[Geometry?]], cells: [[Set<RasterIsochrone.Cell>]], raster: RasterIsochrone,
         limitsSeconds: [Double], mainThreshold: Int, proximity: RoadProximity) {
        self.territory = territory
        limits = limitsSeconds
        self.mainThreshold = mainThreshold
        polygons = isochrones
        catchments = .isochrones(Isochrones(raster: raster, cells: cells, proximity: proximity))
        catchmentIndex = isochrones.map { SpatialIndex(envelopes: $0.map { $0?.envelope ?? .empty }) }
    }

    /// The exterior ring of a convex polygon, closed and counter-clockwise.
    static func convexRing(_ polygon: Geometry) -> [XY] {
        guard case .polygon(let rings) = polygon.shape, let ring = rings.first else { return [] }
        return PlanarRing.signedArea(ring) >= 0 ? ring : ring.reversed()
    }

    /// Computes the coverage of every commune of the territory, in parallel.
    public func run() throws -> [CommuneCoverage] {
        let results: [Result<CommuneCoverage, any Error>] = ParallelMap.mapIndices(territory.geometries.count, chunk: 16) { position in
            Result { try cover(position) }
        }
        return try results.map { try $0.get() }
    }

    func cover(_ position: Int) throws -> CommuneCoverage {
        switch catchments {
        case .discs(let discs): try cover(position, discs: discs)
        case .isochrones(let isochrones): try cover(position, isochrones: isochrones)
        }
    }

    /// Straight-line distance: nearest lieu and counts from the representative point, areas in discs
    /// and Voronoi cells by arithmetic clipping, the white piece by a GEOS overlay.
    func cover(_ position: Int, discs: Discs) throws -> CommuneCoverage {
        let point = territory.representativePoints[position]
        let points = territory.lieuPoints
        func distance(_ lieu: Int) -> Double {
            let dx = points[lieu].x - point.x, dy = points[lieu].y - point.y
            return (dx * dx + dy * dy).squareRoot()
        }
        let nearest = discs.lieuIndex.nearest(to: point) { distance($0) }
        let counts = territory.lieuCounts
        let lieuxWithin = limits.map { radius in
            discs.lieuIndex.query(Envelope(minX: point.x - radius, minY: point.y - radius,
                                           maxX: point.x + radius, maxY: point.y + radius))
                .reduce(0) { distance($1) <= radius ? $0 + counts[$1] : $0 }
        }
        var result = CommuneCoverage(nearestLieu: nearest?.item, nearestMeasure: nearest?.distance ?? .infinity,
                                     lieuxWithin: lieuxWithin, coveredAreaSquareMetres: [], whitePiece: nil,
                                     catchmentPieces: [], servicePieces: [])
        let commune = territory.geometries[position]
        let area = territory.areasSquareMetres[position]
        let envelope = territory.envelopes[position]
        let vertices = territory.vertices[position]

        var ringSet: RingSet?
        func rings() -> RingSet {
            if let ringSet { return ringSet }
            let made = RingSet(commune.shape)
            ringSet = made
            return made
        }
        for (t, radius) in limits.enumerated() {
            let candidates = catchmentIndex[t].query(envelope).filter {
                polygons[t][$0] != nil && envelope.distance(to: points[$0]) <= radius
            }
            let inscribed = radius * discs.inscribedFactor
            let fullCover = candidates.filter { lieu in
                let centre = points[lieu]
                return vertices.allSatisfy { v in
                    let dx = v.x - centre.x, dy = v.y - centre.y
                    return dx * dx + dy * dy <= inscribed * inscribed
                }
            }
            if !fullCover.isEmpty && t != mainThreshold {
                result.coveredAreaSquareMetres.append(area)
                continue
            }
            // Area of the commune in each touching disc (arithmetic clipping).
            var pieces: [LieuPiece] = []
            for lieu in candidates {
                let pieceArea = fullCover.contains(lieu) ? area : rings().areaInside(convex: discs.discRings[t][lieu])
                if pieceArea > 0 { pieces.append(LieuPiece(lieu: lieu, areaSquareMetres: pieceArea)) }
            }
            if t == mainThreshold {
                // The white piece (written out) is a GEOS overlay: the commune minus the touching discs.
                result.catchmentPieces = pieces
                if !fullCover.isEmpty {
                    result.coveredAreaSquareMetres.append(area)
                } else if pieces.isEmpty {
                    result.coveredAreaSquareMetres.append(0)
                    result.whitePiece = commune
                } else {
                    let touching = pieces.map { polygons[t][$0.lieu]! }
                    let discUnion = touching.count == 1 ? touching[0] : try Geometry.unaryUnion(of: touching)
                    let white = try commune.difference(discUnion)
                    let whiteArea = try white.area()
                    result.coveredAreaSquareMetres.append(max(0, area - whiteArea))
                    if whiteArea > 0 { result.whitePiece = white }
                }
            } else if pieces.count <= 1 {
                result.coveredAreaSquareMetres.append(pieces.first?.areaSquareMetres ?? 0)
            } else if pieces.count <= 6 {
                let covered = rings().areaInside(union: pieces.map { discs.discRings[t][$0.lieu] })
                result.coveredAreaSquareMetres.append(min(area, covered))
            } else {
                let union = try Geometry.unaryUnion(of: pieces.map { polygons[t][$0.lieu]! })
                result.coveredAreaSquareMetres.append(min(area, try commune.intersection(union).area()))
            }
        }

        // Service areas: the commune split by the Voronoi cells it overlaps. Cells are convex, so when
        // every vertex has the same nearest lieu the commune lies wholly in that lieu's cell; only the
        // lieux whose cell reaches the commune's envelope can be nearest to one of its vertices.
        let cellCandidates = discs.cellIndex.query(envelope)
        let wholeCell: Int? = cellCandidates.count == 1 ? cellCandidates[0] : {
            func nearestCandidate(_ vertex: XY) -> Int {
                var best = cellCandidates[0], bestDistance = Double.infinity
                for lieu in cellCandidates {
                    let dx = points[lieu].x - vertex.x, dy = points[lieu].y - vertex.y
                    let squared = dx * dx + dy * dy
                    if squared < bestDistance { best = lieu; bestDistance = squared }
                }
                return best
            }
            guard let first = vertices.first else { return nil }
            let owner = nearestCandidate(first)
            return vertices.allSatisfy { nearestCandidate($0) == owner } ? owner : nil
        }()
        if let wholeCell {
            result.servicePieces = [LieuPiece(lieu: wholeCell, areaSquareMetres: area)]
        } else {
            for lieu in cellCandidates where discs.cells[lieu] != nil {
                let pieceArea = rings().areaInside(convex: discs.cellRings[lieu])
                if pieceArea > 0 { result.servicePieces.append(LieuPiece(lieu: lieu, areaSquareMetres: pieceArea)) }
            }
        }
        return result
    }

    /// Road travel time: nearest lieu, time and counts from the road graph; the commune's service
    /// area is its nearest lieu's.
    func cover(_ position: Int, isochrones: Isochrones) throws -> CommuneCoverage {
        let road = isochrones.proximity
        var result = CommuneCoverage(nearestLieu: road.nearestLieu[position], nearestMeasure: road.seconds[position],
                                     lieuxWithin: road.counts[position], coveredAreaSquareMetres: [], whitePiece: nil,
                                     catchmentPieces: [], servicePieces: [])
        let commune = territory.geometries[position]
        let area = territory.areasSquareMetres[position]
        try coverByCells(isochrones, commune: commune, rings: RingSet(commune.shape), envelope: territory.envelopes[position],
                         area: area, into: &result)
        result.servicePieces = result.nearestLieu.map { [LieuPiece(lieu: $0, areaSquareMetres: area)] } ?? []
        return result
    }

    /// Road mode: areas from the isochrones' grid cells. The commune's area in every cell it
    /// overlaps is computed once (exact clipping), then an isochrone's share is the sum over its
    /// cells; the white piece is the commune minus the covered cells near it (GEOS overlay).
    func coverByCells(_ isochrones: Isochrones, commune: Geometry, rings: RingSet, envelope: Envelope, area: Double,
                      into result: inout CommuneCoverage) throws {
        let raster = isochrones.raster, isochroneCells = isochrones.cells
        let cellAreas = raster.cellAreas(of: rings, envelope: envelope)
        for t in limits.indices {
            var covered = 0.0
            var union = Set<RasterIsochrone.Cell>()
            let candidates = catchmentIndex[t].query(envelope)
            for (cell, cellArea) in cellAreas where candidates.contains(where: { isochroneCells[t][$0].contains(cell) }) {
                covered += cellArea
                union.insert(cell)
            }
            result.coveredAreaSquareMetres.append(min(area, covered))
            guard t == mainThreshold else { continue }
            result.catchmentPieces = candidates.compactMap { lieu in
                let pieceArea = cellAreas.reduce(0.0) { $0 + (isochroneCells[t][lieu].contains($1.cell) ? $1.area : 0) }
                return pieceArea > 0 ? LieuPiece(lieu: lieu, areaSquareMetres: pieceArea) : nil
            }
            if covered <= 0 {
                result.whitePiece = commune
            } else if covered < area * (1 - 1e-12) {
                let coveredCells = try raster.polygon(cells: union, kind: commune.kind)
                let white = try coveredCells.map { try commune.difference($0) } ?? commune
                if try !white.isEmpty && white.area() > 0 { result.whitePiece = white }
            }
        }
    }
}
