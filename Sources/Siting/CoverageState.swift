/// Mutable coverage of a set of chosen candidates: how many chosen sites cover each demand unit
/// and, while that count is 1, which one (the sum of coverer indices equals it).
/// `exclusiveLoss[o]` is the weight only site `o` covers, kept up to date for chosen sites.
struct CoverageState {
    let coverage: SparseCoverage
    private(set) var coverCount: [Int32]
    private(set) var covererIndexSum: [Int]
    private(set) var isSelected: [Bool]
    private(set) var exclusiveLoss: [Double]
    /// Chosen sites in no particular order (kept so listing them does not scan every candidate).
    private var chosenSites: [Int] = []
    var selectedCount: Int { chosenSites.count }

    init(coverage: SparseCoverage) {
        self.coverage = coverage
        coverCount = Array(repeating: 0, count: coverage.unitCount)
        covererIndexSum = Array(repeating: 0, count: coverage.unitCount)
        isSelected = Array(repeating: false, count: coverage.candidateCount)
        exclusiveLoss = Array(repeating: 0, count: coverage.candidateCount)
    }

    init(coverage: SparseCoverage, selecting sites: some Sequence<Int>) {
        self.init(coverage: coverage)
        for site in sites { add(site) }
        recomputeExclusiveLosses()
    }

    /// Weight candidate `candidate` would newly cover; sums in list order, so it is reproducible.
    func gain(of candidate: Int) -> Double {
        var total = 0.0
        for position in coverage.unitRange(of: candidate) {
            let unit = Int(coverage.units[position])
            if coverCount[unit] == 0 { total += coverage.weights[unit] }
        }
        return total
    }

    /// Weight covered by the chosen sites, summed afresh over demand units.
    func coveredWeight() -> Double {
        var total = 0.0
        for unit in 0..<coverage.unitCount where coverCount[unit] > 0 { total += coverage.weights[unit] }
        return total
    }

    /// Chosen sites by ascending index.
    var selectedSites: [Int] { chosenSites.sorted() }

    mutating func add(_ candidate: Int) {
        precondition(!isSelected[candidate], "candidate \(candidate) is already chosen")
        isSelected[candidate] = true
        chosenSites.append(candidate)
        var ownLoss = 0.0
        for position in coverage.unitRange(of: candidate) {
            let unit = Int(coverage.units[position])
            let weight = coverage.weights[unit]
            switch coverCount[unit] {
            case 0: ownLoss += weight
            case 1: exclusiveLoss[covererIndexSum[unit]] -= weight
            default: break
            }
            coverCount[unit] += 1
            covererIndexSum[unit] += candidate
        }
        exclusiveLoss[candidate] = ownLoss
    }

    mutating func remove(_ candidate: Int) {
        precondition(isSelected[candidate], "candidate \(candidate) is not chosen")
        isSelected[candidate] = false
        chosenSites.remove(at: chosenSites.firstIndex(of: candidate)!)
        for position in coverage.unitRange(of: candidate) {
            let unit = Int(coverage.units[position])
            coverCount[unit] -= 1
            covererIndexSum[unit] -= candidate
            if coverCount[unit] == 1 { exclusiveLoss[covererIndexSum[unit]] += coverage.weights[unit] }
        }
        exclusiveLoss[candidate] = 0
    }

    /// Recomputes every chosen site's exclusive loss exactly (incremental updates drift by rounding).
    mutating func recomputeExclusiveLosses() {
        for candidate in chosenSites {
            var loss = 0.0
            for position in coverage.unitRange(of: candidate) {
                let unit = Int(coverage.units[position])
                if coverCount[unit] == 1 { loss += coverage.weights[unit] }
            }
            exclusiveLoss[candidate] = loss
        }
    }
}
