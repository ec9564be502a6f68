/// Population-weighted summary of one group of units (communes): what a table by département, région,
/// EPCI or density class shows. The weighted figures are nil when the group's population is 0.
public struct GroupStatistics: Sendable, Equatable {
    /// Number of units in the group, those of population 0 included.
    public let units: Int
    public let population: Double
    /// Σ P_i x_i / Σ P_i.
    public let mean: Double?
    /// Weighted quantiles 0.5, 0.1 and 0.9 (see `PopulationStatistics.quantile`).
    public let median: Double?
    public let p10: Double?
    public let p90: Double?
    /// Population-weighted Gini (see `PopulationStatistics.gini`); nil when the mean is not > 0.
    public let gini: Double?
    /// Share (0…1) of the population whose value is exactly 0.
    public let zeroShare: Double?
}

/// One row of a grouped table.
public struct KeyedGroupStatistics: Sendable, Equatable {
    public let key: String
    public let statistics: GroupStatistics
}

/// One row per group key, sorted by key, and the row of all units together.
public struct GroupedStatistics: Sendable, Equatable {
    public let groups: [KeyedGroupStatistics]
    public let all: GroupStatistics
}

/// Population-weighted statistics of per-unit values (accessibility indices of communes, for instance).
public enum PopulationStatistics {
    /// Summary of all units. Units of population 0 count in `units` only.
    public static func summarize(values: [Double], populations: [Double]) throws(AccessibilityError) -> GroupStatistics {
        try validate(values: values, populations: populations, keyCount: nil)
        return summary(of: Array(values.indices), values: values, populations: populations)
    }

    /// One summary per distinct key (sorted by key), plus the summary of every unit.
    public static func grouped(
        values: [Double], populations: [Double], keys: [String]
    ) throws(AccessibilityError) -> GroupedStatistics {
        try validate(values: values, populations: populations, keyCount: keys.count)
        var members: [String: [Int]] = [:]
        for (index, key) in keys.enumerated() { members[key, default: []].append(index) }
        let groups = members.keys.sorted().map { key in
            KeyedGroupStatistics(key: key, statistics: summary(of: members[key]!, values: values, populations: populations))
        }
        return GroupedStatistics(
            groups: groups, all: summary(of: Array(values.indices), values: values, populations: populations))
    }

    /// The weighted quantile `q` (0…1), with Maillage's convention (for distances and times as for
    /// accessibility): the smallest value v such that the population with a value ≤ v reaches q × the
    /// total population, without interpolation ("half the population lives at most this far"). Units
    /// of population 0 are ignored; nil when the total population is 0.
    public static func quantile(_ q: Double, values: [Double], populations: [Double]) -> Double? {
        precondition(values.count == populations.count)
        return quantile(q, sorted: sortedPopulated(Array(values.indices), values: values, populations: populations))
    }

    /// Population-weighted Gini coefficient: the weighted mean absolute difference over twice the weighted mean,
    ///
    ///     G = Σ_i Σ_k P_i P_k |x_i − x_k| / (2 (Σ P)² x̄),   x̄ = Σ P_i x_i / Σ P,
    ///
    /// computed in O(n log n) after sorting by value: G = Σ_k P_k (x_k W_k − S_k) / (Σ P × Σ P x), where W_k and
    /// S_k are Σ P_i and Σ P_i x_i over the units before k in that order. 0 when everybody has the same value;
    /// 1 − P_k / Σ P when unit k alone has a value > 0 (no small-sample correction). For values ≥ 0; nil when the
    /// total population or the mean is not > 0.
    public static func gini(values: [Double], populations: [Double]) -> Double? {
        precondition(values.count == populations.count)
        return gini(sorted: sortedPopulated(Array(values.indices), values: values, populations: populations))
    }

    // MARK: - Internals

    private typealias Unit = (value: Double, population: Double)

    private static func validate(values: [Double], populations: [Double], keyCount: Int?) throws(AccessibilityError) {
        guard values.count == populations.count, keyCount == nil || keyCount == values.count else {
            throw .mismatchedColumns(values: values.count, populations: populations.count, keys: keyCount)
        }
        for (index, value) in values.enumerated() where !value.isFinite { throw .invalidValue(index: index, value: value) }
        for (index, population) in populations.enumerated() where !(population.isFinite && population >= 0) {
            throw .invalidPopulation(index: index, value: population)
        }
    }

    /// The units of positive population, sorted by value.
    private static func sortedPopulated(_ members: [Int], values: [Double], populations: [Double]) -> [Unit] {
        members.filter { populations[$0] > 0 }
            .map { (value: values[$0], population: populations[$0]) }
            .sorted { $0.value < $1.value }
    }

    private static func summary(of members: [Int], values: [Double], populations: [Double]) -> GroupStatistics {
        let sorted = sortedPopulated(members, values: values, populations: populations)
        let total = sorted.reduce(0.0) { $0 + $1.population }
        guard total > 0 else {
            return GroupStatistics(
                units: members.count, population: 0, mean: nil, median: nil, p10: nil, p90: nil, gini: nil, zeroShare: nil)
        }
        let weightedSum = sorted.reduce(0.0) { $0 + $1.population * $1.value }
        let zeroPopulation = sorted.reduce(0.0) { $0 + ($1.value == 0 ? $1.population : 0) }
        return GroupStatistics(
            units: members.count, population: total, mean: weightedSum / total,
            median: quantile(0.5, sorted: sorted), p10: quantile(0.1, sorted: sorted), p90: quantile(0.9, sorted: sorted),
            gini: gini(sorted: sorted), zeroShare: zeroPopulation / total)
    }

    private static func quantile(_ q: Double, sorted: [Unit]) -> Double? {
        let total = sorted.reduce(0.0) { $0 + $1.population }
        guard total > 0 else { return nil }
        let target = q * total
        var cumulative = 0.0
        for unit in sorted {
            cumulative += unit.population
            if cumulative >= target * (1 - 1e-12) { return unit.value }
        }
        return sorted.last!.value
    }

    private static func gini(sorted: [Unit]) -> Double? {
        var populationBefore = 0.0, weightedBefore = 0.0, numerator = 0.0
        for unit in sorted {
            numerator += unit.population * (unit.value * populationBefore - weightedBefore)
            populationBefore += unit.population
            weightedBefore += unit.population * unit.value
        }
        guard populationBefore > 0, weightedBefore > 0 else { return nil }
        return numerator / (populationBefore * weightedBefore)
    }
}
