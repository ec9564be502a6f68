import Foundation
import GeoCore
import GeoIO

/// Supply points of a floating-catchment run: the lieux merged by identical coordinates, each with a
/// capacity (1 per lieu, or the sum of a capacity column).
public struct AccessSupply: Sendable {
    public var lonLat: [XY]
    public var capacities: [Double]
    /// The lieux (indices into the lieu list) at each supply point, in reading order.
    public var lieuIndices: [[Int]]
    /// Lieux left out because their capacity is 0 (or their merged capacity adds up to 0).
    public var zeroCapacityLieux: [Int]

    /// Merges lieux at identical lon/lat (first occurrence order). With `capacityColumn`, each lieu's
    /// capacity is that attribute (a number ≥ 0, decimal comma accepted); otherwise 1.
    public static func merging(_ lieux: [Lieu], capacityColumn: String?, source: String) throws -> AccessSupply {
        var capacityOf = [Double](repeating: 1, count: lieux.count)
        if let column = capacityColumn {
            for (index, lieu) in lieux.enumerated() {
                guard let value = lieu.attributes[column] else {
                    throw AnalysisInputError.missingColumn(source: source, role: "capacity", tried: [column], header: lieu.attributes.keys)
                }
                let text = (value.stringValue ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                // Above 10^12 a capacity is a mistake, and sums of such values overflow.
                guard let number = value.doubleValue ?? Double(text), number.isFinite, number >= 0, number <= 1e12 else {
                    throw AnalysisInputError.badNumber(source: source, location: "lieu \(lieu.id)", column: column,
                                                       value: value.stringValue ?? "\(value)")
                }
                capacityOf[index] = number
            }
        }
        let groups = CoincidentPoints.groups(lieux.map(\.lonLat))
        var supply = AccessSupply(lonLat: groups.map { lieux[$0[0]].lonLat },
                                  capacities: groups.map { $0.reduce(0) { $0 + capacityOf[$1] } },
                                  lieuIndices: groups, zeroCapacityLieux: [])
        let empty = supply.capacities.indices.filter { supply.capacities[$0] <= 0 }
        if !empty.isEmpty {
            let keep = supply.capacities.indices.filter { supply.capacities[$0] > 0 }
            supply.zeroCapacityLieux = empty.flatMap { supply.lieuIndices[$0] }.sorted()
            supply.lonLat = keep.map { supply.lonLat[$0] }
            supply.capacities = keep.map { supply.capacities[$0] }
            supply.lieuIndices = keep.map { supply.lieuIndices[$0] }
        }
        return supply
    }
}
