import CoverageAnalysis
import GeoIO

extension TerritoryInputOptions {
    /// Whether a population table or property gives the communes' populations (otherwise a grid does).
    var hasCommunePopulation: Bool { population != nil || populationProperty != nil || communes.isEmpty }

    /// The population settings of a run (`minWhiteZoneSquareMetres`: the command's sliver threshold).
    func populationSettings(minWhiteZoneSquareMetres: Double = PopulationSettings.defaultMinWhiteZoneSquareMetres) -> PopulationSettings {
        PopulationSettings(choice: populationModel,
                           grid: populationGrid.map { PopulationGridSource(path: $0, idColumn: gridIdColumn, populationColumn: gridPopulationColumn) },
                           scalesToCommunePopulation: hasCommunePopulation, communePointsPath: communePoints,
                           minWhiteZoneSquareMetres: minWhiteZoneSquareMetres)
    }

    /// The population-model inputs, for the run description.
    var populationModelInputsJSON: [(key: String, value: JSONValue)] {
        [("population_grid", populationGrid.map { .string($0) } ?? .null),
         ("grid_columns", populationGrid == nil ? .null : .string("\(gridIdColumn ?? "auto");\(gridPopulationColumn)")),
         ("population_model", .string(populationModel.rawValue)),
         ("commune_points", communePoints.map { .string($0) } ?? .null)]
    }
}

extension SitingParameters {
    /// The same parameters with a population model for the demand.
    func withPopulation(_ settings: PopulationSettings) -> SitingParameters {
        var copy = self
        copy.population = settings
        return copy
    }
}

extension SuggestTerminalReport {
    static func modelName(_ kind: PopulationModelKind) -> String { TerminalReport.modelName(kind) }
}
