import GeoCore
import Projection

extension ProjectedTerritory {
    /// The same territory measured from other representative points (metric, by position).
    func withRepresentativePoints(_ points: [XY]) -> ProjectedTerritory {
        ProjectedTerritory(crs: crs, communeIndices: communeIndices, geometries: geometries, vertices: vertices,
                           areasSquareMetres: areasSquareMetres, representativePoints: points, envelopes: envelopes,
                           repairs: repairs, lieuIndices: lieuIndices, lieuPoints: lieuPoints, lieuCounts: lieuCounts,
                           envelope: envelope)
    }

    /// Representative points by priority: the commune-points file, else the centre of the commune's
    /// most populated cell (a model with cells, not for communes spread at uniform density), else the
    /// point-on-surface. Returns the territory, each commune's point source, and the codes the file lacks.
    func choosingRepresentativePoints(communes: [CommuneInput], communePoints: CommunePoints?,
                                      units: PopulationUnits?) throws -> (ProjectedTerritory, [PointSource], [String]) {
        var sources = [PointSource](repeating: .pointOnSurface, count: communeIndices.count)
        var chosen: [(position: Int, lonLat: XY)] = []
        var missing: [String] = []
        for (position, global) in communeIndices.enumerated() {
            let code = communes[global].code
            if let communePoints {
                if let point = communePoints.pointByCode[code] {
                    chosen.append((position, point)); sources[position] = .communePoints
                    continue
                }
                missing.append(code)
            }
            if let summary = units?.allocation.communes[global], !summary.usesFallback, let centre = summary.mainCentre {
                chosen.append((position, centre)); sources[position] = .mostPopulatedCell
            }
        }
        guard !chosen.isEmpty else { return (self, sources, missing) }
        var projected = chosen.map(\.lonLat)
        try ThreadTransformers.with(from: .wgs84, to: crs) { try $0.transform(&projected) }
        var points = representativePoints
        for (choice, point) in zip(chosen, projected) { points[choice.position] = point }
        return (withRepresentativePoints(points), sources, missing)
    }
}
