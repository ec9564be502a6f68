/// Population-weighted statistics, on plain numbers.
public enum WeightedStatistics {
    /// The weighted quantile `q` (0…1) of `values`: the smallest value whose cumulative weight
    /// reaches `q` of the total (no interpolation, as a population count reads: "half the
    /// population lives at most this far"). Entries with zero weight are ignored. nil when the total weight is 0.
    public static func quantile(_ q: Double, values: [Double], weights: [Double]) -> Double? {
        precondition(values.count == weights.count)
        let order = values.indices.filter { weights[$0] > 0 }.sorted { values[$0] < values[$1] }
        let total = order.reduce(0.0) { $0 + weights[$1] }
        guard total > 0 else { return nil }
        let target = q * total
        var cumulative = 0.0
        for index in order {
            cumulative += weights[index]
            if cumulative >= target * (1 - 1e-12) { return values[index] }
        }
        return values[order.last!]
    }
}
