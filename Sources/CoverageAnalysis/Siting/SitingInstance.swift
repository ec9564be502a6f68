import Foundation
import GeoIO
import GeosGeometry
import Projection
import GeoCore

/// How commune populations become demand units for the siting solvers.
public enum SitingDemand: Sendable, Equatable {
    /// Whole-commune coverage: one unit per commune at its representative point (as `analyse`'s
    /// "population by representative point").
    case representativePoint
    /// Area-weighted partial coverage, approximated: each commune is cut by a square grid of
    /// `cellMetres` (aligned on multiples of the cell size in the metric CRS); each piece is a unit
    /// located at its centroid, weighing the commune population × piece area / commune area. A commune
    /// within a single cell stays one unit at its representative point.
    case areaGrid(cellMetres: Double)
    /// The units of a population model (grid cells, or cells weighted by buildings or residential
    /// roads): one demand unit per populated piece at its cell centre, weighing its people.
    case populationUnits(PopulationModelKind)
}

/// A candidate site read from a file (or built from a commune), in lon/lat.
public struct SitingCandidateInput: Sendable {
    public let id: String
    public let name: String
    public let lonLat: XY
    /// Optional cost and capacity (attributes carried to the outputs).
    public let cost: Double?
    public let capacity: Double?
    /// Position of the commune (in the analysis's commune list) this candidate stands for, if any.
    public let commune: Int?
    public let attributes: JSONObject

    public init(id: String, name: String, lonLat: XY, cost: Double? = nil, capacity: Double? = nil, commune: Int? = nil,
                attributes: JSONObject = [:]) {
        self.id = id; self.name = name; self.lonLat = lonLat; self.cost = cost; self.capacity = capacity
        self.commune = commune; self.attributes = attributes
    }
}

/// One demand unit: a commune, or a piece of one.
public struct SitingDemandUnit: Sendable {
    /// Index of the commune in the analysis's commune list.
    public let commune: Int
    public let weight: Double
    /// Metric position in the commune's CRS zone.
    public let point: XY
}

/// The covering instance of a territory in numbers: demand units, the units existing lieux cover,
/// and per candidate the units within the threshold (d ≤ threshold, straight line in the zone's
/// metric CRS, the same formula as `analyse`). Candidates cover only units of their own CRS zone.
public struct SitingInstance: Sendable {
    public let thresholdMetres: Double
    public let demand: SitingDemand
    public let territories: [ProjectedTerritory]
    public let units: [SitingDemandUnit]
    public let coveredByExisting: [Bool]
    /// Sorted unit indices covered by each candidate.
    public let candidateCoverage: [[Int32]]
    public let candidates: [SitingCandidateInput]
    /// Position of each candidate's CRS zone in `territories`, nil when no commune lies in its zone.
    public let candidateZone: [Int?]
    /// Candidate positions in metres (zone CRS); (0, 0) when outside every zone.
    public let candidatePoints: [XY]
    /// Population of each commune (order of the analysis's commune list).
    public let populations: [Double]
    /// Existing lieux (all of them, every zone).
    public let lieux: [Lieu]

    public var coveragePairCount: Int { candidateCoverage.reduce(0) { $0 + $1.count } }

    /// Rounds lon/lat to `decimals` places, as the GeoJSON writer does: the value written is the value used.
    public static func rounded(_ lonLat: XY, decimals: Int) -> XY {
        let scale = pow(10.0, Double(decimals))
        return XY((lonLat.x * scale).rounded() / scale, (lonLat.y * scale).rounded() / scale)
    }

    /// One candidate per commune with a geometry, at its representative point (rounded to `decimals`
    /// so that the written site is exactly the one evaluated), in commune order.
    public static func communeCandidates(_ territories: [ProjectedTerritory], communes: [CommuneInput],
                                         populations: [Double], decimals: Int) throws -> [SitingCandidateInput] {
        var byCommune = [SitingCandidateInput?](repeating: nil, count: communes.count)
        for territory in territories {
            var points = territory.representativePoints
            try ThreadTransformers.with(from: territory.crs, to: .wgs84) { try $0.transform(&points) }
            for (position, global) in territory.communeIndices.enumerated() {
                let commune = communes[global]
                let attributes = JSONObject([
                    (key: "code", value: JSONValue.string(commune.code)), (key: "nom", value: .string(commune.name)),
                    (key: "departement", value: .string(commune.departement)),
                    (key: "population", value: .number(populations[global])),
                ])
                byCommune[global] = SitingCandidateInput(id: commune.code, name: commune.name,
                                                         lonLat: rounded(points[position], decimals: decimals),
                                                         commune: global, attributes: attributes)
            }
        }
        return byCommune.compactMap { $0 }
    }

    /// Builds the instance. `territories` come from `ProjectedTerritory.prepare(communes:lieux:)` with
    /// the existing lieux; `populations` follow the analysis's commune list.
    public static func build(territories: [ProjectedTerritory], populations: [Double], lieux: [Lieu],
                             candidates: [SitingCandidateInput], thresholdMetres: Double,
                             demand: SitingDemand, populationUnits: PopulationUnits? = nil,
                             progress: @Sendable (String) -> Void = { _ in }) throws -> SitingInstance {
        // Demand units, zone by zone.
        var units: [SitingDemandUnit] = []
        var zoneUnitRange: [Range<Int>] = []
        for territory in territories {
            let start = units.count
            switch demand {
            case .representativePoint:
                for (position, global) in territory.communeIndices.enumerated() where populations[global] > 0 {
                    units.append(SitingDemandUnit(commune: global, weight: populations[global],
                                                  point: territory.representativePoints[position]))
                }
            case .areaGrid(let cell):
                let pieces: [Result<[SitingDemandUnit], any Error>] = ParallelMap.mapIndices(territory.communeIndices.count, chunk: 8) { position in
                    Result { try gridPieces(territory: territory, position: position, population: populations[territory.communeIndices[position]],
                                            cellMetres: cell) }
                }
                for piece in pieces { units += try piece.get() }
            case .populationUnits:
                guard let populationUnits else { preconditionFailure("population-unit demand needs the units") }
                let zoneUnits = try TerritoryUnits(units: populationUnits, territory: territory)
                for (unit, piece) in zoneUnits.pieces.enumerated() where zoneUnits.populations[unit] > 0 {
                    units.append(SitingDemandUnit(commune: populationUnits.pieces[piece].commune, weight: zoneUnits.populations[unit],
                                                  point: zoneUnits.points[unit]))
                }
            }
            zoneUnitRange.append(start..<units.count)
        }

        progress("coverage lists of \(candidates.count) candidates over \(units.count) demand units")
        // One index of unit points per zone; d ≤ threshold with analyse's formula.
        let indexes = zoneUnitRange.map { range in
            SpatialIndex(envelopes: units[range].map { Envelope(minX: $0.point.x, minY: $0.point.y, maxX: $0.point.x, maxY: $0.point.y) })
        }
        let finalUnits = units, ranges = zoneUnitRange
        @Sendable func within(_ site: XY, zone: Int) -> [Int32] {
            let range = ranges[zone]
            var found: [Int32] = []
            indexes[zone].query(Envelope(minX: site.x - thresholdMetres, minY: site.y - thresholdMetres,
                                         maxX: site.x + thresholdMetres, maxY: site.y + thresholdMetres)) { local in
                let point = finalUnits[range.lowerBound + local].point
                let dx = site.x - point.x, dy = site.y - point.y
                if (dx * dx + dy * dy).squareRoot() <= thresholdMetres { found.append(Int32(range.lowerBound + local)) }
            }
            found.sort()
            return found
        }

        var covered = [Bool](repeating: false, count: units.count)
        for (zone, territory) in territories.enumerated() {
            let points = territory.mergingCoincidentLieux().territory.lieuPoints
            let lists = ParallelMap.mapIndices(points.count, chunk: 16) { within(points[$0], zone: zone) }
            for list in lists { for unit in list { covered[Int(unit)] = true } }
        }

        // Candidates: zone by lon/lat, projected like lieux.
        let zoneOfCRS = Dictionary(uniqueKeysWithValues: territories.enumerated().map { ($1.crs, $0) })
        var candidateZone = [Int?](repeating: nil, count: candidates.count)
        var candidatePoints = [XY](repeating: XY(0, 0), count: candidates.count)
        for (index, candidate) in candidates.enumerated() {
            candidateZone[index] = zoneOfCRS[TerritoryCRS.forLonLat(longitude: candidate.lonLat.x, latitude: candidate.lonLat.y)]
        }
        for (zone, territory) in territories.enumerated() {
            let members = candidates.indices.filter { candidateZone[$0] == zone }
            var points = members.map { candidates[$0].lonLat }
            try ThreadTransformers.with(from: .wgs84, to: territory.crs) { try $0.transform(&points) }
            for (member, point) in zip(members, points) { candidatePoints[member] = point }
        }
        let zones = candidateZone, positions = candidatePoints
        let coverage = ParallelMap.mapIndices(candidates.count, chunk: 64) { candidate -> [Int32] in
            guard let zone = zones[candidate] else { return [] }
            return within(positions[candidate], zone: zone)
        }
        return SitingInstance(thresholdMetres: thresholdMetres, demand: demand, territories: territories, units: units,
                              coveredByExisting: covered, candidateCoverage: coverage, candidates: candidates,
                              candidateZone: candidateZone, candidatePoints: candidatePoints, populations: populations,
                              lieux: lieux)
    }

    /// Grid pieces of one commune; a commune inside a single cell is one piece at its representative point.
    static func gridPieces(territory: ProjectedTerritory, position: Int, population: Double,
                           cellMetres: Double) throws -> [SitingDemandUnit] {
        let global = territory.communeIndices[position]
        guard population > 0 else { return [] }
        let envelope = territory.envelopes[position]
        let x0 = Int((envelope.minX / cellMetres).rounded(.down)), x1 = Int((envelope.maxX / cellMetres).rounded(.down))
        let y0 = Int((envelope.minY / cellMetres).rounded(.down)), y1 = Int((envelope.maxY / cellMetres).rounded(.down))
        if x0 == x1 && y0 == y1 {
            return [SitingDemandUnit(commune: global, weight: population, point: territory.representativePoints[position])]
        }
        let pieces = GridClip.pieces(of: territory.geometries[position].shape, cell: cellMetres, columns: x0...x1, rows: y0...y1)
            .map { (area: $0.areaSquareMetres, point: $0.centroid) }
        let total = pieces.reduce(0) { $0 + $1.area }
        guard total > 0 else {
            return [SitingDemandUnit(commune: global, weight: population, point: territory.representativePoints[position])]
        }
        return pieces.map { SitingDemandUnit(commune: global, weight: population * $0.area / total, point: $0.point) }
    }
}

/// What `analyse` would report for the existing lieux plus some added sites: the same engine
/// (exact disc ∩ commune overlays for the area-weighted figure, representative-point distances for
/// the other), on the same projected communes.
public struct SitingExactCoverage: Sendable, Equatable {
    public let populationByPoint: Double
    public let populationAreaWeighted: Double
    public let totalPopulation: Double
    /// With population-unit demand: the people of the units within the threshold, as `analyse`'s
    /// population model counts them.
    public let populationModel: Double?

    public init(populationByPoint: Double, populationAreaWeighted: Double, totalPopulation: Double, populationModel: Double? = nil) {
        self.populationByPoint = populationByPoint
        self.populationAreaWeighted = populationAreaWeighted
        self.totalPopulation = totalPopulation
        self.populationModel = populationModel
    }
}

extension SitingInstance {
    /// Exact coverage at the threshold with these added sites (lon/lat, projected as lieux are).
    public func exactCoverage(addedSites: [XY], quadrantSegments: Int) throws -> SitingExactCoverage {
        var byPoint = 0.0, areaWeighted = 0.0, total = 0.0, model = 0.0
        var zoneOfCommune: [Int: Int] = [:]
        for (zone, territory) in territories.enumerated() { for global in territory.communeIndices { zoneOfCommune[global] = zone } }
        for (zone, territory) in territories.enumerated() {
            var added = addedSites.filter { TerritoryCRS.forLonLat(longitude: $0.x, latitude: $0.y) == territory.crs }
            try ThreadTransformers.with(from: .wgs84, to: territory.crs) { try $0.transform(&added) }
            let all = territory.lieuPoints + added
            for global in territory.communeIndices { total += populations[global] }
            guard !all.isEmpty else { continue }
            // A site added where a lieu already stands is measured once.
            let extended = territory.withLieux(indices: Array(all.indices), points: all).mergingCoincidentLieux().territory
            let points = extended.lieuPoints
            if case .populationUnits = demand {
                let index = SpatialIndex(envelopes: points.map(Envelope.init(point:)))
                let radius = thresholdMetres
                for unit in units where zoneOfCommune[unit.commune] == zone {
                    let p = unit.point
                    var reached = false
                    index.query(Envelope(minX: p.x - radius, minY: p.y - radius, maxX: p.x + radius, maxY: p.y + radius)) { k in
                        let dx = points[k].x - p.x, dy = points[k].y - p.y
                        if !reached && (dx * dx + dy * dy).squareRoot() <= radius { reached = true }
                    }
                    if reached { model += unit.weight }
                }
            }
            let engine = try CoverageEngine(territory: extended, radiiMetres: [thresholdMetres], mainThreshold: 0,
                                            quadrantSegments: quadrantSegments)
            let coverage = try engine.run()
            for (position, global) in territory.communeIndices.enumerated() {
                let population = populations[global], area = territory.areasSquareMetres[position]
                if coverage[position].nearestMeasure <= thresholdMetres { byPoint += population }
                let share = area > 0 ? min(1, coverage[position].coveredAreaSquareMetres[0] / area) : 0
                areaWeighted += population * share
            }
        }
        let usesUnits = { if case .populationUnits = demand { true } else { false } }()
        return SitingExactCoverage(populationByPoint: byPoint, populationAreaWeighted: areaWeighted, totalPopulation: total,
                                   populationModel: usesUnits ? model : nil)
    }

    /// The commune (index in the analysis's commune list) containing a candidate, if any.
    public func commune(containing candidate: Int) throws -> Int? {
        if let commune = candidates[candidate].commune { return commune }
        guard let zone = candidateZone[candidate] else { return nil }
        let territory = territories[zone]
        let point = candidatePoints[candidate]
        let kind = territory.geometries.first?.kind ?? .unspecified
        let probe = try Geometry.point(point, kind: kind)
        for position in territory.envelopes.indices where territory.envelopes[position].distance(to: point) == 0 {
            if try territory.geometries[position].covers(probe) { return territory.communeIndices[position] }
        }
        return nil
    }
}
