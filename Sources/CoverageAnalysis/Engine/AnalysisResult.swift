import GeoCore
import Projection

/// Coverage class of a commune at the main threshold.
public enum CoverageClass: String, Sendable, CaseIterable {
    case covered = "couverte"
    case partlyCovered = "partiellement couverte"
    case whiteZone = "zone blanche"

    /// Shares within 1e-6 of 0 or 1 count as 0 or 1 (slivers from simplified boundaries).
    public init(share: Double) {
        self = share >= 1 - 1e-6 ? .covered : share <= 1e-6 ? .whiteZone : .partlyCovered
    }
}

public struct CommuneResult: Sendable {
    public let input: CommuneInput
    public let population: Double
    public let populationMatched: Bool
    public let crs: CRS
    public let areaSquareMetres: Double
    public let representativePoint: XY           // lon/lat
    /// Where the representative point comes from.
    public let pointSource: PointSource
    public let nearestLieu: Int?                 // index into the lieu list
    /// Distance or travel time to the nearest lieu, from the representative point; nil when none is reachable.
    public let nearest: Proximity?
    /// Road mode: straight leg from the representative point to its road node (metres).
    public let offRoadMetres: Double?
    public let lieuxWithin: [Int]
    /// Share of the commune's area within each threshold.
    public let coveredShare: [Double]
    public let repairReason: String?
    /// The repaired geometry in lon/lat, when the input was invalid.
    public let repairedGeometry: Shape?
    public var coverageClass: CoverageClass
    /// With a population model other than uniform: the commune's people (units) within the main threshold.
    public let modelPopulationWithinMain: Double?
}

public struct LieuResult: Sendable {
    public let lieu: Int                      // index into the lieu list
    public let catchment: Shape?              // lon/lat
    public let catchmentAreaSquareMetres: Double
    public let catchmentPopulation: Double
    public let serviceArea: Shape?            // lon/lat
    public let serviceAreaSquareMetres: Double
    public let servicePopulation: Double
    /// Number of communes whose representative point has this lieu as nearest.
    public let nearestForCommunes: Int
    /// With a population model other than uniform: the people (units) within the main threshold of
    /// the lieu, and those whose nearest lieu it is.
    public internal(set) var modelCatchmentPopulation: Double? = nil
    public internal(set) var modelServicePopulation: Double? = nil

    /// The result of another lieu at the same point, merged into this one for the geometry work: the
    /// same catchment, and no service area (the Voronoi cell and the nearest-lieu ties go to the lowest
    /// index); nil when the catchment misses the territory, as for a lieu with no result.
    func coincidentLieu(_ other: Int) -> LieuResult? {
        guard catchmentAreaSquareMetres > 0 else { return nil }
        return LieuResult(lieu: other, catchment: catchment, catchmentAreaSquareMetres: catchmentAreaSquareMetres,
                          catchmentPopulation: catchmentPopulation, serviceArea: nil, serviceAreaSquareMetres: 0,
                          servicePopulation: 0, nearestForCommunes: 0, modelCatchmentPopulation: modelCatchmentPopulation,
                          modelServicePopulation: modelServicePopulation.map { _ in 0 })
    }
}

public struct WhiteZonePiece: Sendable {
    public let geometry: Shape                // lon/lat
    public let areaSquareMetres: Double
    public let population: Double
    /// The commune (index into `communes`) for per-commune pieces; nil for dissolved zones.
    public let commune: Int?
    /// Communes touched by a dissolved zone.
    public let communeCount: Int
    /// With a population model other than uniform: the people of the units whose point lies in the piece.
    public internal(set) var modelPopulation: Double? = nil
}

public struct AnalysisResult: Sendable {
    public let parameters: AnalysisParameters
    public let communes: [CommuneResult]
    public let lieux: [Lieu]
    public let lieuResults: [LieuResult]
    public let whiteZonesByCommune: [WhiteZonePiece]
    public let whiteZonesDissolved: [WhiteZonePiece]
    public let crsUsed: [CRS]
    /// Road mode: what was built from the network, per territory.
    public let roadReports: [RoadReport]
    /// The population model and what it measured.
    public let populationModel: PopulationModelResult
}
