import Foundation
import GeosGeometry

/// The area of a commune attributed to one lieu (inside its catchment or its service area).
public struct LieuPiece: Sendable {
    /// Position of the lieu in the territory's lieu list.
    public let lieu: Int
    public let areaSquareMetres: Double
}

/// What the engine finds for one commune.
public struct CommuneCoverage: Sendable {
    /// Position of the nearest lieu in the territory's lieu list, and the distance from the
    /// commune's representative point.
    public var nearestLieu: Int?
    public var nearestDistanceMetres: Double
    /// Number of lieux within each threshold of the representative point.
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

/// Distance-based coverage of the communes of one territory by its lieux.
///
/// Catchments are discs (GEOS buffers with `quadrantSegments` segments per quarter circle) around
/// each lieu; area shares are exact polygon overlays of those discs with the commune polygons.
/// Two shortcuts avoid overlays without changing any result: a commune whose vertices all lie in
/// the disc's inscribed circle is wholly covered (the disc is convex), and a commune whose
/// envelope is farther than the radius from every lieu is not covered at all.
public struct CoverageEngine: Sendable {
    public let territory: ProjectedTerritory
    /// Thresholds in metres, in the order given by the user.
    public let thresholdsMetres: [Double]
    public let mainThreshold: Int
    public let quadrantSegments: Int
    let lieuIndex: SpatialIndex
    /// discs[t][lieu]: catchment polygon of each lieu at threshold t (nil when too far to matter).
    let discs: [[Geometry?]]
    /// Voronoi cells (service areas before clipping to the communes), per lieu; nil for duplicates.
    let cells: [Geometry?]
    let cellIndex: SpatialIndex

    public init(territory: ProjectedTerritory, thresholdsMetres: [Double], mainThreshold: Int,
                quadrantSegments: Int) throws {
        self.territory = territory
        self.thresholdsMetres = thresholdsMetres
        self.mainThreshold = mainThreshold
        self.quadrantSegments = quadrantSegments
        let points = territory.lieuPoints
        lieuIndex = SpatialIndex(envelopes: points.map { Envelope(minX: $0.x, minY: $0.y, maxX: $0.x, maxY: $0.y) })
        let kind = territory.geometries.first?.kind ?? .unspecified
        let reach = territory.envelope
        discs = try thresholdsMetres.map { radius in
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
        cells = try Voronoi.cells(sites: points, clippedTo: reach.expanded(by: margin), kind: kind)
        cellIndex = SpatialIndex(envelopes: cells.map { $0?.envelope ?? .empty })
    }

    /// Radius of the circle inscribed in a disc polygon of radius `radius`.
    var inscribedFactor: Double { cos(Double.pi / Double(4 * quadrantSegments)) }

    /// Computes the coverage of every commune of the territory, in parallel.
    public func run() throws -> [CommuneCoverage] {
        let results: [Result<CommuneCoverage, any Error>] = ParallelMap.mapIndices(territory.geometries.count, chunk: 16) { position in
            Result { try cover(position) }
        }
        return try results.map { try $0.get() }
    }

    func cover(_ position: Int) throws -> CommuneCoverage {
        let point = territory.representativePoints[position]
        let points = territory.lieuPoints
        func distance(_ lieu: Int) -> Double {
            let dx = points[lieu].x - point.x, dy = points[lieu].y - point.y
            return (dx * dx + dy * dy).squareRoot()
        }
        let nearest = lieuIndex.nearest(to: point) { distance($0) }
        let lieuxWithin = thresholdsMetres.map { radius in
            lieuIndex.query(Envelope(minX: point.x - radius, minY: point.y - radius,
                                     maxX: point.x + radius, maxY: point.y + radius)).filter { distance($0) <= radius }.count
        }
        var result = CommuneCoverage(nearestLieu: nearest?.item, nearestDistanceMetres: nearest?.distance ?? .infinity,
                                     lieuxWithin: lieuxWithin, coveredAreaSquareMetres: [], whitePiece: nil,
                                     catchmentPieces: [], servicePieces: [])
        let commune = territory.geometries[position]
        let area = territory.areasSquareMetres[position]
        let envelope = territory.envelopes[position]
        let vertices = territory.vertices[position]

        for (t, radius) in thresholdsMetres.enumerated() {
            let candidates = lieuIndex.query(envelope.expanded(by: radius)).filter {
                discs[t][$0] != nil && envelope.distance(to: points[$0]) <= radius
            }
            let inscribed = radius * inscribedFactor
            let fullCover = candidates.filter { lieu in
                let centre = points[lieu]
                return vertices.allSatisfy { v in
                    let dx = v.x - centre.x, dy = v.y - centre.y
                    return dx * dx + dy * dy <= inscribed * inscribed
                }
            }
            if t == mainThreshold {
                // Area of the commune in each lieu's catchment; the white piece is the commune minus the discs.
                var pieces: [LieuPiece] = []
                var touching: [Geometry] = []
                for lieu in candidates {
                    if fullCover.contains(lieu) {
                        pieces.append(LieuPiece(lieu: lieu, areaSquareMetres: area))
                    } else {
                        let pieceArea = try commune.intersection(discs[t][lieu]!).area()
                        if pieceArea > 0 {
                            pieces.append(LieuPiece(lieu: lieu, areaSquareMetres: pieceArea))
                            touching.append(discs[t][lieu]!)
                        }
                    }
                }
                result.catchmentPieces = pieces
                if !fullCover.isEmpty {
                    result.coveredAreaSquareMetres.append(area)
                } else if pieces.isEmpty {
                    result.coveredAreaSquareMetres.append(0)
                    result.whitePiece = commune
                } else {
                    let discUnion = touching.count == 1 ? touching[0] : try Geometry.unaryUnion(of: touching)
                    let white = try commune.difference(discUnion)
                    let whiteArea = try white.area()
                    result.coveredAreaSquareMetres.append(max(0, area - whiteArea))
                    if whiteArea > 0 { result.whitePiece = white }
                }
            } else if !fullCover.isEmpty {
                result.coveredAreaSquareMetres.append(area)
            } else if candidates.isEmpty {
                result.coveredAreaSquareMetres.append(0)
            } else {
                let union = candidates.count == 1 ? discs[t][candidates[0]]!
                    : try Geometry.unaryUnion(of: candidates.map { discs[t][$0]! })
                result.coveredAreaSquareMetres.append(min(area, try commune.intersection(union).area()))
            }
        }

        // Service areas: the commune split by the Voronoi cells it overlaps.
        let cellCandidates = cellIndex.query(envelope)
        if cellCandidates.count == 1 {  // only one cell reaches the commune: it holds all of it
            result.servicePieces = [LieuPiece(lieu: cellCandidates[0], areaSquareMetres: area)]
        } else {
            for lieu in cellCandidates {
                guard let cell = cells[lieu] else { continue }
                let pieceArea = try commune.intersection(cell).area()
                if pieceArea > 0 { result.servicePieces.append(LieuPiece(lieu: lieu, areaSquareMetres: pieceArea)) }
            }
        }
        return result
    }
}
