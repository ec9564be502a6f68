import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO

/// Where `suggest` may open new sites: a file of candidates, or every commune's representative point.
struct CandidateOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Candidate sites: CSV/XLSX with longitude/latitude or geo_point_2d columns, or points as GeoJSON, GeoPackage, Shapefile (default: every commune's representative point).", valueName: "file"))
    var candidates: String?

    @Option(help: "Longitude column of a candidates CSV (default: longitude, lon, lng, long or x).")
    var candidateLon: String?
    @Option(help: "Latitude column of a candidates CSV (default: latitude, lat or y).")
    var candidateLat: String?
    @Option(help: "Id column/property of the candidates (default: id, code…).")
    var candidateId: String?
    @Option(help: "Name column/property of the candidates (default: nom, name…).")
    var candidateName: String?
    @Option(help: ArgumentHelp("Column/property holding each candidate's cost (needed by --budget).", valueName: "column"))
    var candidateCost: String?
    @Option(help: ArgumentHelp("Column/property holding each candidate's capacity (reported only: coverage is not capacity-limited).", valueName: "column"))
    var candidateCapacity: String?

    @Option(name: .customLong("candidates-filter"),
            help: ArgumentHelp("Keep only candidates matching PROPERTY=VALUE or PROPERTY!=VALUE (values separated by |); repeatable. Commune candidates have code, nom, departement and population.", valueName: "filter"))
    var candidatesFilter: [String] = []

    func filters() throws -> [LieuFilter] { try candidatesFilter.map(LieuFilter.init(parsing:)) }

    /// The candidates: read from the file now (rounded to `decimals`), or built from the communes by the pipeline.
    func source(filters: [LieuFilter], decimals: Int, progress: Progress) throws -> SitingCandidateSource {
        guard let candidates else { return .communes(filters: filters, decimals: decimals) }
        progress.step("reading candidates")
        var options = LieuReadOptions()
        options.longitudeColumn = candidateLon; options.latitudeColumn = candidateLat
        options.idColumn = candidateId; options.nameColumn = candidateName
        options.filters = filters
        let set: LieuSet
        do {
            set = try LieuSet.read(contentsOf: URL(fileURLWithPath: candidates), options: options)
        } catch let error as AnalysisInputError {
            throw CandidateFileError(lieuError: error)
        }
        func number(_ column: String?, of lieu: Lieu) throws -> Double? {
            guard let column else { return nil }
            guard let value = lieu.attributes[column] else {
                throw AnalysisInputError.missingColumn(source: set.source, role: "candidate cost or capacity", tried: [column],
                                                       header: lieu.attributes.keys)
            }
            // Above 10^12 a cost or capacity is a mistake, and sums of such values overflow.
            guard let number = value.doubleValue ?? value.stringValue.flatMap(NumberText.parse), number.isFinite, number >= 0,
                  number <= 1e12 else {
                throw AnalysisInputError.badNumber(source: set.source, location: "candidate \(lieu.id)", column: column,
                                                   value: value.stringValue ?? "\(value)")
            }
            return number
        }
        let list = try set.lieux.map { lieu in
            SitingCandidateInput(id: lieu.id, name: lieu.name, lonLat: SitingInstance.rounded(lieu.lonLat, decimals: decimals),
                                 cost: try number(candidateCost, of: lieu), capacity: try number(candidateCapacity, of: lieu),
                                 attributes: lieu.attributes)
        }
        return .given(SitingCandidateSet(candidates: list, source: set.source, filteredOut: set.filteredOut))
    }

    /// The candidate description written into the outputs.
    func inputsJSON(filters: [LieuFilter]) -> [(key: String, value: JSONValue)] {
        [("candidates", candidates.map { .string($0) } ?? .string("representative point of every commune")),
         ("candidates_filters", .array(filters.map { .string($0.description) })),
         ("candidate_cost_column", candidateCost.map { .string($0) } ?? .null),
         ("candidate_capacity_column", candidateCapacity.map { .string($0) } ?? .null)]
    }
}

/// An error of the candidates file, worded for candidates: the reader shared with the lieux speaks of lieux and their options.
struct CandidateFileError: Error, CustomStringConvertible {
    let description: String

    init(lieuError: AnalysisInputError) {
        let wording = [
            ("(lieu ", "(candidate "), ("no lieu to analyse", "no candidate"), ("no lieu has this", "no candidate has this"),
            (", or raise --max-bad-lieux-share", " with --candidates-filter"), ("--lieux-filter", "--candidates-filter"),
            ("give their CRS, e.g. --lieux-crs EPSG:2154 for Lambert-93 (BPE files)", "give candidates in longitude/latitude"),
            ("(projected metres? give --lieux-crs)", "(projected metres? give longitude/latitude)"),
        ]
        description = wording.reduce(lieuError.description) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
