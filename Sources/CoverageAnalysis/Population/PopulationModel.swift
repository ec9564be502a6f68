/// How the people of each commune are placed inside it.
public enum PopulationModelKind: String, Sendable, CaseIterable {
    /// A population grid (INSEE "données carroyées", or a polygon/point layer): where people are.
    case grid
    /// Dasymetric estimate: commune population spread over 200 m cells by building footprint area.
    case buildings
    /// Dasymetric estimate: commune population spread over 200 m cells by residential road length.
    case residentialRoads = "residential_roads"
    /// Uniform density inside each commune (areal weighting).
    case uniform

    /// What the figures are, in words, for the outputs.
    public var description: String {
        switch self {
        case .grid: "population grid: each grid cell's people (shared by area among the communes it straddles) measured from the cell centre"
        case .buildings: "dasymetric estimate: each commune's population spread over 200 m cells (EPSG:3035) in proportion to the "
            + "building footprint area of the road network's OpenStreetMap extract, measured from the cell centres"
        case .residentialRoads: "dasymetric estimate: each commune's population spread over 200 m cells (EPSG:3035) in proportion to the "
            + "length of residential, living_street and unclassified roads of the OpenStreetMap extract, measured from the cell centres"
        case .uniform: "uniform density inside each commune (areal weighting)"
        }
    }
}

/// Which population model an analysis asks for.
public enum PopulationModelChoice: String, Sendable, CaseIterable {
    /// The best available: the grid when given, else (road mode) buildings or residential roads of
    /// the road network's extract, else uniform density.
    case auto
    case grid, buildings
    case residentialRoads = "roads"
    case uniform
}

/// Where a commune's representative point comes from (`point_source` in the outputs).
public enum PointSource: String, Sendable, CaseIterable {
    /// The `--commune-points` file.
    case communePoints = "commune-points file"
    /// Centre of the commune's most populated cell (population model with cells).
    case mostPopulatedCell = "most populated cell"
    /// GEOS point-on-surface of the commune polygon.
    case pointOnSurface = "point-on-surface"
}

/// A population grid file and how to read it.
public struct PopulationGridSource: Sendable, Equatable {
    /// CSV (INSEE cell ids) or GeoJSON (polygon or point features).
    public var path: String
    /// CSV: the cell id column (default: idcar_200m, idcar_1km, idinspire).
    public var idColumn: String?
    /// The people column (CSV) or property (GeoJSON).
    public var populationColumn: String

    public init(path: String, idColumn: String? = nil, populationColumn: String = "ind") {
        self.path = path; self.idColumn = idColumn; self.populationColumn = populationColumn
    }
}

/// The population settings of an analysis: model, grid, representative points, white-zone slivers.
public struct PopulationSettings: Sendable {
    public var choice: PopulationModelChoice
    public var grid: PopulationGridSource?
    /// Scale the grid to the communes' legal populations (a population table or property is given);
    /// otherwise the communes' populations are the grid's.
    public var scalesToCommunePopulation: Bool
    /// CSV of code, longitude, latitude: representative points.
    public var communePointsPath: String?
    /// White-zone pieces smaller than this (m²) are left out of the white-zone layers (and counted).
    public var minWhiteZoneSquareMetres: Double

    public static let defaultMinWhiteZoneSquareMetres = 10_000.0

    public init(choice: PopulationModelChoice = .auto, grid: PopulationGridSource? = nil, scalesToCommunePopulation: Bool = true,
                communePointsPath: String? = nil, minWhiteZoneSquareMetres: Double = PopulationSettings.defaultMinWhiteZoneSquareMetres) {
        self.choice = choice; self.grid = grid; self.scalesToCommunePopulation = scalesToCommunePopulation
        self.communePointsPath = communePointsPath; self.minWhiteZoneSquareMetres = minWhiteZoneSquareMetres
    }
}
