import ArgumentParser
import CoverageAnalysis
import Foundation
import GeoIO

// Typed option values. Each has one throwing parser whose error says what to write; options use it as
// their `transform`, so that a bad value fails while the command line is parsed, with that message.

/// Proximity thresholds: distances in km (`5,10,20`, `5km`) or travel times (`10min,20min`).
struct ThresholdList: ExpressibleByArgument, Equatable {
    enum Unit: Equatable { case kilometres, minutes }

    let values: [Double]
    let unit: Unit
    /// The argument as written, for messages.
    let text: String

    static let defaultDistances = ThresholdList(values: [10], unit: .kilometres, text: "10")
    static let defaultTravelTimes = ThresholdList(values: [10, 20, 30], unit: .minutes, text: "10min,20min,30min")

    init(values: [Double], unit: Unit, text: String) {
        self.values = values; self.unit = unit; self.text = text
    }

    init(parsing text: String) throws {
        var unit: Unit?
        values = try text.split(separator: ",").map { part -> Double in
            let item = part.trimmingCharacters(in: .whitespaces).lowercased()
            let itemUnit: Unit = item.hasSuffix("min") ? .minutes : .kilometres
            let number = itemUnit == .minutes ? String(item.dropLast(3)) : item.hasSuffix("km") ? String(item.dropLast(2)) : item
            guard let value = Double(number.trimmingCharacters(in: .whitespaces)), value > 0, value.isFinite else {
                throw ValidationError("--within: '\(item)' is not a positive distance in km or time in min (write e.g. 5,10,20 or 10min,20min)")
            }
            if let unit, unit != itemUnit { throw ValidationError("--within mixes km and minutes: use one unit") }
            if itemUnit == .kilometres ? value > 1_000 : value > 1_440 {
                throw ValidationError("--within: '\(item)' is too large (at most 1000 km or 1440 min)")
            }
            unit = itemUnit
            return value
        }
        guard let unit else { throw ValidationError("--within needs at least one threshold") }
        var seen = Set<Double>()
        for value in values where !seen.insert(value).inserted {
            throw ValidationError("--within gives \(value.formatted()) twice: list each threshold once")
        }
        self.unit = unit
        self.text = text
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var defaultValueDescription: String { text }
}

/// Numbers of new sites, comma separated; distinct and sorted.
struct SiteCounts: ExpressibleByArgument, Equatable {
    let counts: [Int]

    static let `default` = SiteCounts(counts: [10])
    /// More sites than this cannot be asked for; the number of candidates bounds it further once they are read.
    static let largest = 1_000_000

    init(counts: [Int]) { self.counts = counts }

    init(parsing text: String) throws {
        let counts = try text.split(separator: ",").map { part -> Int in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let count = Int(trimmed), count > 0 else {
                throw ValidationError("--sites: '\(trimmed)' is not a positive number of sites (write e.g. 5,10,20,50)")
            }
            guard count <= SiteCounts.largest else {
                throw ValidationError("--sites: \(trimmed) is more sites than any territory has candidates (at most \(SiteCounts.largest))")
            }
            return count
        }
        guard !counts.isEmpty else { throw ValidationError("--sites needs at least one number") }
        self.counts = Array(Set(counts)).sorted()
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var defaultValueDescription: String { counts.map(String.init).joined(separator: ",") }
}

/// How `suggest` turns commune populations into demand.
enum DemandMode: String, ExpressibleByArgument, CaseIterable {
    /// Area-weighted partial coverage, communes cut by a grid.
    case area
    /// Whole communes, by representative point.
    case point

    init(parsing text: String) throws {
        guard let mode = DemandMode(rawValue: text.lowercased()) else { throw ValidationError("--demand must be 'area' or 'point'") }
        self = mode
    }

    init?(argument: String) { try? self.init(parsing: argument) }
}

/// Encoding of the population table.
struct PopulationEncoding: ExpressibleByArgument, Equatable {
    let encoding: CSVEncoding

    static let auto = PopulationEncoding(encoding: .auto)

    init(encoding: CSVEncoding) { self.encoding = encoding }

    init(parsing text: String) throws {
        switch text.lowercased() {
        case "auto": encoding = .auto
        case "utf8", "utf-8": encoding = .utf8
        case "latin1", "latin-1", "iso-8859-1": encoding = .latin1
        default: throw ValidationError("--population-encoding must be auto, utf8 or latin1")
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    var defaultValueDescription: String {
        switch encoding {
        case .auto: "auto"
        case .utf8: "utf8"
        case .latin1: "latin1"
        }
    }
}

/// Département codes, comma separated (`16,17,2A`); empty items are ignored.
struct DepartementList: ExpressibleByArgument, Equatable {
    let codes: [String]

    init(argument: String) {
        codes = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
