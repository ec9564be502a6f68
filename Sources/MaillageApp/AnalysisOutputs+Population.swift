import CoverageAnalysis
import GeoCore
import GeoIO

extension AnalysisOutputs {
    func leftOut(_ pieces: LeftOutPieces) -> JSONValue {
        .object(JSONObject([(key: "count", value: .number(Double(pieces.count))),
                            (key: "area_km2", value: Self.km2(pieces.areaSquareMetres)),
                            (key: "population", value: Self.people(pieces.population))]))
    }

    /// The model, its source and diagnostics, and the representative points used.
    func populationModelJSON() -> JSONValue {
        func object(_ pairs: [(String, JSONValue)]) -> JSONValue { .object(JSONObject(pairs.map { (key: $0.0, value: $0.1) })) }
        let facts = model.facts
        let sources = PointSource.allCases.map { source in
            (source.rawValue, JSONValue.number(Double(result.communes.count { $0.pointSource == source })))
        }
        var pairs: [(String, JSONValue)] = [
            ("model", .string(facts.kind.rawValue)),
            ("estimate", .string(facts.estimate)),
            ("description", .string(facts.kind.description)),
            ("source", facts.source.map { .string($0) } ?? .null),
        ]
        if hasUnits {
            pairs += [
                ("scaled_to_commune_population", .bool(facts.scaledToCommunePopulation)),
                ("cells", .number(Double(facts.cells))), ("pieces", .number(Double(facts.pieces))),
                (facts.kind == .grid ? "grid_population" : "total_weight", .number((facts.gridTotal * 10).rounded() / 10)),
                ("cells_outside_communes", .number(Double(facts.droppedCells))),
                (facts.kind == .grid ? "population_outside_communes" : "weight_outside_communes", Self.people(facts.droppedPopulation)),
                ("communes_at_uniform_density", .array(facts.fallbackCommunes.map { .string(result.communes[$0].input.code) })),
            ]
            if let buildings = facts.buildingsRead { pairs.append(("buildings_read", .number(Double(buildings)))) }
            if let segments = facts.residentialRoadSegmentsRead { pairs.append(("residential_road_segments_read", .number(Double(segments)))) }
        }
        pairs += [
            ("representative_points", object(sources)),
            ("commune_points", model.communePointsSource.map { .string($0) } ?? .null),
            ("commune_points_missing", .array(model.communePointsMissing.map { .string($0) })),
        ]
        return object(pairs)
    }

    /// The populated cells beyond the main threshold, most populated first.
    func unservedCellsGeoJSON() throws -> [UInt8] {
        let road = result.parameters.road != nil
        let cells = try model.unservedCells(beyond: result.parameters.main)
        let communes = result.communes
        let features = ParallelMap.mapIndices(cells.count, chunk: 4_096) { rank -> Feature in
            let cell = cells[rank]
            // The commune's code and name only, not a copy of its whole result.
            let code = communes[cell.commune].input.code, name = communes[cell.commune].input.name
            let nearest: JSONValue = cell.nearest.map(measure) ?? .null
            let properties: [(key: String, value: JSONValue)] = [
                (key: "rank", value: .number(Double(rank + 1))),
                (key: "code", value: .string(code)), (key: "nom", value: .string(name)),
                (key: "cell_id", value: cell.cellID.map { .string($0) } ?? .null),
                (key: "uniform_density", value: .bool(cell.fallback)),
                (key: "population", value: Self.people(cell.population)),
                (key: road ? "nearest_min" : "nearest_km", value: nearest),
            ]
            return Feature(properties: JSONObject(properties), geometry: cell.geometry)
        }
        return writer.encode(features, foreignMembers: foreign)
    }
}
