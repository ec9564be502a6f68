import CoverageAnalysis
import Foundation

/// The short human-readable summary printed at the end of `maillage analyse`.
struct TerminalReport {
    let result: AnalysisResult
    let summary: CoverageSummary
    let join: PopulationJoin
    let lieuSet: LieuSet
    let communesWithoutGeometry: Int
    let folder: String

    func render() -> String {
        typealias F = FrenchNumbers
        let total = max(summary.population, .leastNormalMagnitude)
        let main = result.parameters.main.value
        let unit = result.parameters.unit
        let road = result.parameters.road != nil
        var lines: [String] = []
        lines.append("Territoire : \(F.integer(Double(summary.communes))) communes, \(F.integer(summary.population)) habitants, "
                     + "\(F.integer(summary.areaSquareMetres / 1e6)) km² — \(result.lieuResults.count) lieux à portée "
                     + "(\(lieuSet.lieux.count) lus, \(lieuSet.filteredOut) filtrés)")
        var table = TextTable(header: ["Seuil", "Pop. (point représentatif)", "Part", "Pop. (pondérée surface)", "Part", "Surface couverte"],
                              rightAligned: [0, 1, 2, 3, 4, 5])
        for t in summary.thresholds {
            table.rows.append([ F.decimal(t.threshold.value, places: t.threshold.value.rounded() == t.threshold.value ? 0 : 1) + " " + unit, F.integer(t.populationByPoint),
                               F.percent(t.populationByPoint / total), F.integer(t.populationAreaWeighted),
                               F.percent(t.populationAreaWeighted / total), F.integer(t.coveredAreaSquareMetres / 1e6) + " km²"])
        }
        lines.append(table.render())
        lines.append("Zones blanches (> \(F.decimal(main, places: main.rounded() == main ? 0 : 1)) \(unit)) : "
                     + "\(F.integer(summary.whiteZoneAreaSquareMetres / 1e6)) km², \(F.integer(summary.whiteZonePopulation)) habitants "
                     + "(\(F.percent(summary.whiteZonePopulation / total))), \(result.whiteZonesDissolved.count) zones")
        if let median = summary.median, let p90 = summary.p90, let max = summary.maximum {
            lines.append((road ? "Temps de trajet en voiture" : "Distance") + " au lieu le plus proche (pondéré par la population) : "
                         + "médiane \(F.decimal(median.displayValue, places: 1)) \(unit), p90 \(F.decimal(p90.displayValue, places: 1)) \(unit), "
                         + "max \(F.decimal(max.displayValue, places: 1)) \(unit)")
        }
        for report in result.roadReports {
            lines.append("Réseau routier (\(report.crs)) : \(F.integer(Double(report.graph.waysKept))) voies, "
                         + "\(F.integer(Double(report.components.nodesKept))) nœuds, \(F.integer(Double(report.components.nodesDropped))) nœuds "
                         + "sans accès à un lieu écartés ; \(report.farCommunes.count) communes à plus de "
                         + "\(F.integer(report.settings.farFromRoadMetres)) m d'une route")
        }
        var warnings: [String] = []
        if !join.unmatchedCommunes.isEmpty {
            warnings.append("\(join.unmatchedCommunes.count) communes sans population : "
                            + join.unmatchedCommunes.prefix(8).map { "\($0.code) \($0.name)" }.joined(separator: ", ")
                            + (join.unmatchedCommunes.count > 8 ? ", …" : ""))
        }
        if !join.unmatchedRows.isEmpty {
            warnings.append("\(join.unmatchedRows.count) codes de population sans commune : "
                            + join.unmatchedRows.prefix(8).map(\.code).joined(separator: ", ") + (join.unmatchedRows.count > 8 ? ", …" : ""))
        }
        let repaired = result.communes.filter { $0.repairReason != nil }
        if !repaired.isEmpty {
            warnings.append("\(repaired.count) géométries réparées : " + repaired.prefix(5).map { "\($0.input.code) (\($0.repairReason!))" }.joined(separator: ", "))
        }
        if communesWithoutGeometry > 0 { warnings.append("\(communesWithoutGeometry) communes sans géométrie ignorées") }
        if !lieuSet.duplicateGroups.isEmpty {
            warnings.append("\(lieuSet.duplicateGroups.count) coordonnées partagées par plusieurs lieux")
        }
        lines += warnings.map { "Attention : " + $0 }
        lines.append("Résultats écrits dans \(folder)/ (détails et paramètres : summary.json)")
        return lines.joined(separator: "\n")
    }
}
