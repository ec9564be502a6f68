import Foundation
import GeoCore
import GeosGeometry
import Projection

/// What moving a commune layer to another vintage did, for the summary.
public struct CommuneVintageReport: Sendable {
    /// Merged communes: the result code and name, and the layer codes dissolved into it.
    public var merged: [(code: String, name: String, from: [String])] = []
    /// Layer codes renamed to a new code (one layer commune, one target code).
    public var recoded: [(from: String, to: String)] = []
    /// Target codes (table rows) added to a layer commune that has kept its code, e.g. communes re-established since.
    public var rowsAddedUp: [(code: String, rows: [String])] = []
    /// Layer codes that reach no target code, and target codes held by no layer commune.
    public var unmatchedLayerCodes: [String] = []
    public var unmatchedTableCodes: [String] = []
    public var changesSource = ""
    public init() {}
}

extension CommuneLayer {
    /// The layer and the population table brought to one vintage, that of the table: see `moved(to:changes:)`.
    /// Only the table codes of the layer's départements take part.
    public func moved(toCodesOf table: PopulationTable, changes: CommuneChanges) throws
        -> (layer: CommuneLayer, table: PopulationTable, report: CommuneVintageReport) {
        let departements = Set(communes.map(\.departement))
        let targets = Set(table.populationByCode.keys.filter { departements.contains(TerritoryCRS.departement(ofCommune: $0)) })
        let vintage = CommuneCodeVintage(changes: changes, sourceCodes: Set(communes.map(\.code)), targetCodes: targets)
        let moved = try moved(to: vintage, changes: changes)
        return (moved.layer, table.remapped(vintage.targetMoves), moved.report)
    }

    /// The layer moved to the vintage of `vintage`'s target codes: the communes of each group are dissolved into
    /// one (GEOS unary union, then make-valid when needed; the result is checked valid) carrying the group's
    /// code, and a lone renamed commune takes its new code. A changed commune takes its latest name in the changes
    /// table (the new commune's), else that of the layer commune keeping its code, else of the first of the group.
    public func moved(to vintage: CommuneCodeVintage, changes: CommuneChanges) throws -> (layer: CommuneLayer, report: CommuneVintageReport) {
        var report = CommuneVintageReport()
        report.changesSource = changes.source
        let present = Set(communes.map(\.code))
        report.unmatchedLayerCodes = vintage.unmatchedSource.filter(present.contains)
        report.unmatchedTableCodes = vintage.unmatchedTarget
        var members: [String: [Int]] = [:]
        var order: [String] = []
        for (index, commune) in communes.enumerated() {
            let code = vintage.code(ofSource: commune.code)
            if members[code] == nil { order.append(code) }
            members[code, default: []].append(index)
        }
        let groupMembers = members
        let groups = Dictionary(vintage.groups.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let results: [Result<CommuneInput, any Error>] = ParallelMap.map(order) { code in
            Result {
                let members = groupMembers[code]!.map { communes[$0] }
                let keeper = members.first { $0.code == code }
                let name = changes.names[code] ?? keeper?.name ?? members[0].name
                guard members.count > 1 else {
                    let only = members[0]
                    return CommuneInput(code: code, name: only.code == code ? only.name : name,
                                        departement: TerritoryCRS.departement(ofCommune: code), source: only.source,
                                        featureIndex: only.featureIndex, lonLat: only.lonLat, populationProperty: only.populationProperty)
                }
                let shape = try Self.dissolve(members.map(\.lonLat))
                let populations = members.compactMap(\.populationProperty)
                return CommuneInput(code: code, name: name, departement: TerritoryCRS.departement(ofCommune: code),
                                    source: (keeper ?? members[0]).source, featureIndex: (keeper ?? members[0]).featureIndex,
                                    lonLat: shape, populationProperty: populations.isEmpty ? nil : populations.reduce(0, +))
            }
        }
        var moved = self
        moved.communes = try results.map { try $0.get() }
        for code in order {
            let members = groupMembers[code]!.map { communes[$0].code }
            if members.count > 1 {
                report.merged.append((code, moved.communes[order.firstIndex(of: code)!].name, members.sorted()))
            } else if members[0] != code {
                report.recoded.append((members[0], code))
            }
            if let group = groups[code], group.targetCodes.count > 1 {
                report.rowsAddedUp.append((code, group.targetCodes))
            }
        }
        moved.withoutGeometry = withoutGeometry.map { ($0.source, $0.featureIndex, vintage.code(ofSource: $0.code)) }
        return (moved, report)
    }

    /// One valid polygon (or multi-polygon) covering the shapes, in their own coordinates.
    static func dissolve(_ shapes: [Shape]) throws -> Shape {
        let parts = try shapes.map { shape throws -> Geometry in
            let geometry = try Geometry.make(shape)
            return try geometry.isValid ? geometry : geometry.makeValid()
        }
        var union = try Geometry.unaryUnion(of: parts)
        if try !union.isValid { union = try union.makeValid() }
        guard try union.isValid else {
            throw AnalysisInputError.badParameter("merged commune geometry is invalid after repair: \(try union.validityReason())")
        }
        return union.shape
    }
}
