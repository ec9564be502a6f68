extension MaximalCoveringProblem {
    /// Which demand units are within reach once `sites` are opened (existing lieux included).
    /// With area-weighted demand (communes split into pieces), sum the covered pieces' weights per
    /// commune to report each commune's covered population.
    /// - Throws: `SitingError.candidateIndexOutOfRange` for an unknown site.
    public func coveredDemandUnits(openingSites sites: [Int]) throws -> [Bool] {
        var covered = coveredByExisting
        for site in sites {
            guard site >= 0, site < candidateCount else {
                throw SitingError.candidateIndexOutOfRange(candidateIndex: site, candidateCount: candidateCount)
            }
            for unit in candidateCoverage[site] { covered[Int(unit)] = true }
        }
        return covered
    }
}
