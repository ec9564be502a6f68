import CoverageAnalysis
import Foundation

/// The short French summary printed at the end of `maillage suggest`.
struct SuggestTerminalReport {
    let outputs: SuggestOutputs
    let folder: String

    func render() -> String {
        typealias F = FrenchNumbers
        let run = outputs, outcome = outputs.outcome
        let total = max(run.before.totalPopulation, .leastNormalMagnitude)
        let km = F.decimal(run.thresholdKm, places: run.thresholdKm.rounded() == run.thresholdKm ? 0 : 1)
        var lines: [String] = []
        let demand: String
        switch run.demand {
        case .representativePoint: demand = "par point représentatif (communes entières)"
        case .areaGrid(let cell): demand = "pondérée par la surface (maille \(F.decimal(cell / 1000, places: cell.truncatingRemainder(dividingBy: 1000) == 0 ? 0 : 2)) km, \(F.integer(Double(run.instance.units.count))) unités)"
        case .populationUnits(let kind):
            demand = "modèle de population \(SuggestTerminalReport.modelName(kind)) (\(F.integer(Double(run.instance.units.count))) carreaux)"
        }
        lines.append("Territoire : \(F.integer(Double(run.communes.count))) communes, \(F.integer(run.before.totalPopulation)) habitants — "
                     + "\(run.loaded.lieuSet.lieux.count) lieux existants, \(F.integer(Double(run.candidateSet.candidates.count))) sites candidats "
                     + "(\(run.candidateSet.filteredOut) filtrés) ; seuil \(km) km ; demande \(demand)")
        lines.append("Couverture actuelle : \(F.integer(run.analyseFigure(run.before))) habitants (\(F.percent(run.analyseFigure(run.before) / total)))")
        var table = TextTable(header: ["Sites ajoutés", "Population couverte", "Part", "Borne sup.", "Écart max", "Selon analyse", "Part"],
                              rightAligned: [0, 1, 2, 3, 4, 5, 6])
        for answer in run.answers {
            let weights = answer.weights
            let share = weights.covered / max(weights.total, .leastNormalMagnitude)
            let bound = weights.upperBound
            let exact = run.analyseFigure(answer.analysed)
            table.rows.append([String(answer.sites.count), F.integer(weights.covered), F.percent(share, places: 2),
                               bound.map { F.integer($0) } ?? "—",
                               bound.map { F.decimal(max(0, $0 - weights.covered) / max(weights.total, 1) * 100, places: 2) + " pt" } ?? "—",
                               F.integer(exact), F.percent(exact / total, places: 2)])
        }
        lines.append(table.render())
        if case .targetShare(let target) = run.main.kind {
            if target.isTargetReached {
                let proof = target.isProvenMinimal ? "minimum prouvé"
                    : "au moins \(target.siteCountLowerBound ?? 0) nécessaires d'après la borne inférieure"
                lines.append("Objectif \(F.percent(target.targetShare)) : atteint avec \(target.sites.count) nouveaux sites (\(proof)).")
            } else {
                let uncoverable = outcome.uncoverableCommunes()
                lines.append("Objectif \(F.percent(target.targetShare)) inatteignable : au mieux \(F.percent(target.maximumReachableShare, places: 2)) "
                             + "avec tous les candidats ; \(F.integer(uncoverable.reduce(0) { $0 + $1.population })) habitants de "
                             + "\(uncoverable.count) communes sont hors de portée de tout candidat : "
                             + uncoverable.prefix(6).map { "\(run.communes[$0.commune].name) (\(run.communes[$0.commune].code))" }.joined(separator: ", ")
                             + (uncoverable.count > 6 ? ", …" : ""))
            }
        }
        let main = run.main
        if !main.sites.isEmpty {
            lines.append("Sites proposés (\(main.sites.count)) :")
            for (index, site) in main.sites.prefix(10).enumerated() {
                let candidate = run.candidateSet.candidates[site.candidateIndex]
                let commune = run.commune(ofSite: site.candidateIndex)
                let place = commune.map { "\($0.name) (\($0.code))" } ?? "\(candidate.name) (\(candidate.id), hors communes étudiées)"
                lines.append("  \(index + 1). \(place) : +\(F.integer(site.marginalWeight)) habitants, cumul \(F.percent(site.coveredShare, places: 2))")
            }
            if main.sites.count > 10 { lines.append("  … (\(main.sites.count - 10) autres dans suggested_sites.geojson)") }
        }
        let whiteBefore = run.before.totalPopulation - run.before.populationAreaWeighted
        lines.append("Zones blanches (> \(km) km, pondérées par la surface) : \(F.integer(whiteBefore)) habitants avant, "
                     + "\(F.integer(run.updatedSummary.whiteZonePopulation)) après ajout des \(outcome.updated.suggestedLieux.count) sites "
                     + "(\(F.percent(run.updatedSummary.whiteZonePopulation / total)), \(run.updated.whiteZonesDissolved.count) zones ; "
                     + "suggest_white_zones.geojson)")
        lines.append("Résultats écrits dans \(folder)/ (paramètres et bornes : suggest_summary.json ; courbe : coverage_curve.csv)")
        return lines.joined(separator: "\n")
    }
}
