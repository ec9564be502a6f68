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
    /// Coverage by group of communes, with --epci or --density.
    var groups: [CoverageGroupTable] = []
    /// Rows shown per group level; the full tables are in groups_<level>.csv.
    var maximumGroupRows = 15

    static let levelTitles = ["region": "région", "epci": "EPCI", "densite": "classe de densité (INSEE, 7 niveaux)"]

    static func modelName(_ kind: PopulationModelKind) -> String {
        switch kind {
        case .grid: "carroyage"
        case .buildings: "bâti OSM"
        case .residentialRoads: "voirie résidentielle OSM"
        case .uniform: "uniforme"
        }
    }

    /// Which population model and which representative points the figures use.
    func populationLine() -> String {
        let model = result.populationModel
        let facts = model.facts
        let description: String
        switch facts.kind {
        case .grid: description = "carroyage \(facts.source ?? "")" + (facts.scaledToCommunePopulation ? " (recalé sur la population des communes)" : "")
        case .buildings, .residentialRoads:
            description = "estimation dasymétrique par \(facts.kind == .buildings ? "le bâti" : "la voirie résidentielle") de \(facts.source ?? "")"
        case .uniform: description = "densité uniforme dans chaque commune"
        }
        var counts: [String] = []
        let names: [(PointSource, String)] = [(.communePoints, "fichier de points"), (.mostPopulatedCell, "carreau le plus peuplé"),
                                              (.pointOnSurface, "point intérieur")]
        for (source, name) in names {
            let count = result.communes.filter { $0.pointSource == source }.count
            if count > 0 { counts.append("\(name) \(FrenchNumbers.integer(Double(count)))") }
        }
        return "Population : \(description) ; point représentatif : " + counts.joined(separator: ", ")
    }

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
        let model = summary.model
        let modelName = model.map { Self.modelName($0.kind) }
        lines.append(populationLine())
        var header = ["Seuil"]
        if let modelName { header += ["Pop. (\(modelName))", "Part"] }
        header += ["Pop. (point représentatif)", "Part",
                   model == nil ? "Pop. (pondérée surface)" : "Pop. (uniforme, pour comparaison)", "Part", "Surface couverte"]
        var table = TextTable(header: header, rightAligned: Set(header.indices))
        for (index, t) in summary.thresholds.enumerated() {
            var row = [F.decimal(t.threshold.value, places: t.threshold.value.rounded() == t.threshold.value ? 0 : 1) + " " + unit]
            if let model { row += [F.integer(model.populationWithin[index]), F.percent(model.populationWithin[index] / total)] }
            row += [F.integer(t.populationByPoint), F.percent(t.populationByPoint / total), F.integer(t.populationAreaWeighted),
                    F.percent(t.populationAreaWeighted / total), F.integer(t.coveredAreaSquareMetres / 1e6) + " km²"]
            table.rows.append(row)
        }
        lines.append(table.render())
        let white = model?.whiteZonePopulation ?? summary.whiteZonePopulation
        lines.append("Zones blanches (> \(F.decimal(main, places: main.rounded() == main ? 0 : 1)) \(unit)) : "
                     + "\(F.integer(summary.whiteZoneAreaSquareMetres / 1e6)) km², \(F.integer(white)) habitants "
                     + "(\(F.percent(white / total))"
                     + (model == nil ? "" : " ; uniforme, pour comparaison : \(F.integer(summary.whiteZonePopulation))")
                     + "), \(result.whiteZonesDissolved.count + result.populationModel.leftOutDissolved.count) zones")
        let left = result.populationModel.leftOutDissolved
        if left.count > 0 {
            lines.append("  \(F.integer(Double(left.count))) zones de moins de \(F.integer(result.populationModel.minWhiteZoneSquareMetres)) m² "
                         + "non écrites (\(F.integer(left.population)) habitants)")
        }
        let (median, p90, max) = model.map { ($0.median, $0.p90, $0.maximum) } ?? (summary.median, summary.p90, summary.maximum)
        if let median, let p90, let max {
            lines.append((road ? "Temps de trajet en voiture" : "Distance") + " au lieu le plus proche (pondéré par la population"
                         + (model == nil ? "" : ", depuis les carreaux") + ") : "
                         + "médiane \(F.decimal(median.displayValue, places: 1)) \(unit), p90 \(F.decimal(p90.displayValue, places: 1)) \(unit), "
                         + "max \(F.decimal(max.displayValue, places: 1)) \(unit)")
        }
        for report in result.roadReports {
            lines.append("Réseau routier (\(report.crs)) : \(F.integer(Double(report.graph.waysKept))) voies, "
                         + "\(F.integer(Double(report.components.nodesKept))) nœuds, \(F.integer(Double(report.components.nodesDropped))) nœuds "
                         + "sans accès à un lieu écartés ; \(report.farCommunes.count) communes à plus de "
                         + "\(F.integer(report.settings.farFromRoadMetres)) m d'une route")
        }
        lines += groupLines()
        if let line = Self.lieuxPlacementLine(lieuSet) { lines.append(line) }
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
        if !lieuSet.duplicateIds.isEmpty {
            warnings.append("\(lieuSet.duplicateIds.count) identifiants de lieu en double : "
                            + lieuSet.duplicateIds.prefix(8).joined(separator: ", ") + (lieuSet.duplicateIds.count > 8 ? ", …" : ""))
        }
        let outside = result.roadReports.flatMap(\.lieuxOutsideNetwork)
        if let reach = result.roadReports.first?.lieuReachMetres, !outside.isEmpty {
            warnings.append("\(outside.count) lieux à plus de \(F.integer(reach / 1000)) km du réseau routier, écartés : "
                            + outside.prefix(8).map { result.lieux[$0].id }.joined(separator: ", ") + (outside.count > 8 ? ", …" : ""))
        }
        let missing = result.populationModel.communePointsMissing
        if !missing.isEmpty {
            warnings.append("\(missing.count) communes absentes du fichier de points (point par défaut) : "
                            + missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? ", …" : ""))
        }
        let fallback = result.populationModel.facts.fallbackCommunes
        if !fallback.isEmpty {
            warnings.append("\(fallback.count) communes peuplées sans carreau peuplé, réparties uniformément : "
                            + fallback.prefix(8).map { result.communes[$0].input.code }.joined(separator: ", ") + (fallback.count > 8 ? ", …" : ""))
        }
        lines += warnings.map { "Attention : " + $0 }
        lines.append("Résultats écrits dans \(folder)/ (détails et paramètres : summary.json)")
        return lines.joined(separator: "\n")
    }

    /// Lieux placed at their commune's point (no coordinates) and rows skipped; nil when every row had coordinates.
    static func lieuxPlacementLine(_ lieuSet: LieuSet) -> String? {
        guard lieuSet.locatedAtCommune > 0 || !lieuSet.skipped.isEmpty else { return nil }
        let skipped = lieuSet.skipped
        return "Lieux : \(FrenchNumbers.integer(Double(lieuSet.locatedAtCommune))) sans coordonnées placés au point de leur commune, "
            + "\(FrenchNumbers.integer(Double(skipped.count))) lignes ignorées (ni coordonnées ni code de commune connu)"
            + (skipped.isEmpty ? "" : " : " + skipped.prefix(5).map { "\($0.location) (\($0.reason))" }.joined(separator: ", ")
               + (skipped.count > 5 ? ", …" : ""))
    }

    /// One short table per group level: population, population within the main threshold and in white zones.
    func groupLines() -> [String] {
        typealias F = FrenchNumbers
        guard !groups.isEmpty else { return [] }
        let main = result.parameters.main.value
        let within = "≤ \(F.decimal(main, places: main.rounded() == main ? 0 : 1)) \(result.parameters.unit)"
        let estimate = result.populationModel.units == nil ? "pondérée surface" : Self.modelName(result.populationModel.kind)
        var lines: [String] = []
        for table in groups {
            let title = Self.levelTitles[table.level] ?? table.level
            let text = TextTable(header: ["Code", "Nom", "Communes", "Population", "Pop. \(within)", "Part", "Zones blanches", "Part"],
                                 rightAligned: [2, 3, 4, 5, 6, 7])
            func cells(_ key: String, _ name: String, _ f: CoverageGroupTable.Figures) -> [String] {
                let total = max(f.population, .leastNormalMagnitude)
                return [key, String(name.prefix(40)), F.integer(Double(f.communes)), F.integer(f.population), F.integer(f.withinMain),
                        F.percent(f.withinMain / total), F.integer(f.whiteZone), F.percent(f.whiteZone / total)]
            }
            lines += text.groupLines(heading: "Par \(title) (population \(estimate)) :",
                                     rows: table.rows.lazy.map { cells($0.key, $0.name, $0.figures) }, total: cells("Ensemble", "", table.all),
                                     maximumRows: maximumGroupRows, csv: "groups_\(table.level).csv", title: title,
                                     missing: table.grouping.communesWithoutGroup,
                                     hint: table.grouping.changesApplied || table.grouping.source == nil ? ""
                                         : " — --commune-changes (historique des communes INSEE) en rattache la plupart")
        }
        return lines
    }
}
