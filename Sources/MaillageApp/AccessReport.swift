import Accessibility
import CoverageAnalysis
import Foundation

/// The French summary printed at the end of `maillage access`: scope, then one table per group level.
struct AccessReport {
    let outputs: AccessOutputs
    let folder: String
    /// Rows shown per level; the full tables are in the CSV files.
    var maximumRows = 20

    static let levelTitles = ["departement": "département", "region": "région", "epci": "EPCI", "densite": "classe de densité (INSEE, 7 niveaux)"]

    func render() -> String {
        typealias F = FrenchNumbers
        let result = outputs.result
        let populations = outputs.populations
        let reportedPopulation = result.reported.reduce(0.0) { $0 + populations[$1] }
        let per = F.integer(result.parameters.scale)
        let unit = (result.parameters.capacityColumn.map { "unités de capacité (\($0))" } ?? "lieux") + " pour \(per) habitants"
        var lines = [
            "Accessibilité \(outputs.methodName), rayon \(F.decimal(result.parameters.method.catchment, places: 0)) \(outputs.costUnit) : "
                + "\(F.integer(Double(result.reported.count))) communes étudiées (\(F.integer(reportedPopulation)) hab.) parmi "
                + "\(F.integer(Double(outputs.communes.count))) communes en concurrence (\(F.integer(populations.reduce(0, +))) hab.)",
            "Offre : \(F.integer(Double(outputs.loaded.lieuSet.lieux.count))) lieux, \(F.integer(Double(result.supply.capacities.count))) points d'offre "
                + "(lieux aux mêmes coordonnées fusionnés) ; indice en \(unit)",
        ]
        for table in outputs.groups {
            let title = Self.levelTitles[table.level] ?? table.level
            let text = TextTable(header: [title, "Nom", "Communes", "Population", "Moyenne",
                                          "Médiane", "P10", "P90", "Gini", "Pop. à 0"],
                                 rightAligned: [2, 3, 4, 5, 6, 7, 8, 9])
            func cells(_ key: String, _ name: String, _ s: GroupStatistics) -> [String] {
                func value(_ v: Double?) -> String { v.map { F.decimal($0, places: 1) } ?? "–" }
                return [key, String(name.prefix(40)), F.integer(Double(s.units)), F.integer(s.population), value(s.mean), value(s.median),
                        value(s.p10), value(s.p90), s.gini.map { F.decimal($0, places: 3) } ?? "–", s.zeroShare.map { F.percent($0) } ?? "–"]
            }
            lines += text.groupLines(heading: "Par \(title) :", rows: table.rows.lazy.map { cells($0.key, $0.name, $0.statistics) },
                                     total: cells("Ensemble", "", table.all), maximumRows: maximumRows,
                                     csv: "access_groups_\(table.level).csv", title: title, missing: table.communesWithoutGroup)
        }
        let zero = result.reported.filter { result.communeIndex[$0] == 0 }
        if !zero.isEmpty {
            lines.append("\(F.integer(Double(zero.count))) communes sans lieu à portée : indice 0 "
                         + "(\(F.integer(zero.reduce(0.0) { $0 + populations[$1] })) habitants)")
        }
        if !outputs.loaded.join.unmatchedCommunes.isEmpty {
            lines.append("Attention : \(outputs.loaded.join.unmatchedCommunes.count) communes sans population (comptées avec 0 habitant)")
        }
        lines.append("Périmètre : toutes les communes lues sont en concurrence ; --departements choisit seulement les communes présentées.")
        lines.append("Résultats écrits dans \(folder)/ (paramètres et tables : access_summary.json)")
        return lines.joined(separator: "\n")
    }
}
