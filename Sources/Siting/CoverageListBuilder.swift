/// A distance (or travel time) between a site (candidate or existing lieu) and a demand unit.
public struct SiteDemandDistance: Sendable, Equatable {
    public let siteIndex: Int
    public let demandIndex: Int
    /// Distance or travel time, in the unit of the threshold it is compared with.
    public let distance: Double

    public init(siteIndex: Int, demandIndex: Int, distance: Double) {
        self.siteIndex = siteIndex
        self.demandIndex = demandIndex
        self.distance = distance
    }
}

/// Builds the sparse inputs of `MaximalCoveringProblem` from distances, keeping geometry outside.
/// A site covers a demand unit when their distance is at most the threshold (d ≤ d0).
public enum CoverageListBuilder {
    /// Coverage lists (one sorted list of demand indices per site) from sparse distances,
    /// e.g. the pairs a spatial index found within a search radius. Pairs beyond the threshold are dropped.
    public static func coverageLists(
        siteCount: Int, demandCount: Int, distances: [SiteDemandDistance], threshold: Double
    ) throws -> [[Int32]] {
        try validate(threshold)
        var lists = [[Int32]](repeating: [], count: siteCount)
        for pair in distances {
            guard pair.siteIndex >= 0, pair.siteIndex < siteCount else {
                throw SitingError.candidateIndexOutOfRange(candidateIndex: pair.siteIndex, candidateCount: siteCount)
            }
            guard pair.demandIndex >= 0, pair.demandIndex < demandCount else {
                throw SitingError.demandIndexOutOfRange(
                    candidateIndex: pair.siteIndex, demandIndex: pair.demandIndex, demandCount: demandCount)
            }
            guard pair.distance >= 0 else {  // also rejects NaN
                throw SitingError.invalidDistance(
                    candidateIndex: pair.siteIndex, demandIndex: pair.demandIndex, distance: pair.distance)
            }
            if pair.distance <= threshold { lists[pair.siteIndex].append(Int32(pair.demandIndex)) }
        }
        return lists.map { Array(Set($0)).sorted() }
    }

    /// Coverage lists from a dense matrix, `distances[site][demand]`; `.infinity` means unreachable.
    public static func coverageLists(distanceMatrix distances: [[Double]], demandCount: Int, threshold: Double)
        throws -> [[Int32]]
    {
        try validate(threshold)
        return try distances.enumerated().map { site, row in
            guard row.count == demandCount else {
                throw SitingError.demandArrayLengthMismatch(
                    name: "distance row of site \(site)", count: row.count, demandCount: demandCount)
            }
            var list: [Int32] = []
            for (demand, distance) in row.enumerated() {
                guard distance >= 0 else {
                    throw SitingError.invalidDistance(candidateIndex: site, demandIndex: demand, distance: distance)
                }
                if distance <= threshold { list.append(Int32(demand)) }
            }
            return list
        }
    }

    /// Turns per-demand lists ("sites within reach of demand unit u") into per-site coverage lists.
    public static func coverageLists(siteCount: Int, fromDemandNeighbours neighbours: [[Int]]) throws -> [[Int32]] {
        var lists = [[Int32]](repeating: [], count: siteCount)
        for (demand, sites) in neighbours.enumerated() {
            for site in sites {
                guard site >= 0, site < siteCount else {
                    throw SitingError.candidateIndexOutOfRange(candidateIndex: site, candidateCount: siteCount)
                }
                lists[site].append(Int32(demand))
            }
        }
        return lists.map { Array(Set($0)).sorted() }
    }

    /// Which demand units are within the threshold of at least one existing lieu.
    public static func coveredFlags(demandCount: Int, existingLieuDistances: [SiteDemandDistance], threshold: Double)
        throws -> [Bool]
    {
        try validate(threshold)
        var covered = [Bool](repeating: false, count: demandCount)
        for pair in existingLieuDistances {
            guard pair.demandIndex >= 0, pair.demandIndex < demandCount else {
                throw SitingError.demandIndexOutOfRange(
                    candidateIndex: pair.siteIndex, demandIndex: pair.demandIndex, demandCount: demandCount)
            }
            guard pair.distance >= 0 else {
                throw SitingError.invalidDistance(
                    candidateIndex: pair.siteIndex, demandIndex: pair.demandIndex, distance: pair.distance)
            }
            if pair.distance <= threshold { covered[pair.demandIndex] = true }
        }
        return covered
    }

    private static func validate(_ threshold: Double) throws {
        guard threshold.isFinite, threshold >= 0 else { throw SitingError.invalidThreshold(threshold: threshold) }
    }
}
