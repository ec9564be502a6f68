import Foundation
import GeoCore

/// Car speeds per OSM `highway` class, and `maxspeed` parsing.
///
/// A way is drivable exactly when its `highway` class has a speed in the profile. Default speeds
/// (km/h), typical free-flow car speeds on French roads:
///
/// | highway | km/h | | highway | km/h |
/// |---|---|---|---|---|
/// | motorway | 110 | | motorway_link | 90 |
/// | trunk | 90 | | trunk_link | 70 |
/// | primary | 80 | | primary_link | 60 |
/// | secondary | 70 | | secondary_link | 55 |
/// | tertiary | 60 | | tertiary_link | 45 |
/// | unclassified | 50 | | road | 40 |
/// | residential | 30 | | living_street | 20 |
/// | service | 20 | | | |
///
/// `track`, `path`, `footway`, `cycleway`, `pedestrian`, `steps`, `construction`, `proposed`… are
/// not drivable by default; an override file can add any class (e.g. `track,15`) or change a speed.
///
/// `maxspeed`, when tagged and understood, replaces the class speed (see `parseMaxspeed`).
public struct SpeedProfile: Sendable, Equatable {
    /// km/h per `highway` value.
    public private(set) var speedsKmh: [String: Double]

    public static let defaultSpeedsKmh: [String: Double] = [
        "motorway": 110, "motorway_link": 90,
        "trunk": 90, "trunk_link": 70,
        "primary": 80, "primary_link": 60,
        "secondary": 70, "secondary_link": 55,
        "tertiary": 60, "tertiary_link": 45,
        "unclassified": 50, "road": 40,
        "residential": 30, "living_street": 20,
        "service": 20,
    ]

    /// Every `highway` class an override file may name: the drivable classes above and the OSM
    /// classes not drivable by default. Any other name is refused as a typo.
    public static let knownHighwayClasses: Set<String> = Set(defaultSpeedsKmh.keys).union([
        "track", "path", "footway", "cycleway", "bridleway", "pedestrian", "steps", "corridor", "busway",
        "bus_guideway", "escape", "raceway", "construction", "proposed", "platform", "services", "rest_area",
    ])

    /// The default car profile (table above).
    public static let car = SpeedProfile(speedsKmh: defaultSpeedsKmh)

    public init(speedsKmh: [String: Double]) {
        self.speedsKmh = speedsKmh
    }

    /// Speed for a `highway` class, or nil when the class is not drivable.
    public func speedKmh(forHighway highway: String) -> Double? { speedsKmh[highway] }

    /// Sets the speed of one class (adding it makes it drivable); a speed of 0 removes it.
    public mutating func setSpeed(_ kmh: Double, forHighway highway: String) {
        if kmh > 0 { speedsKmh[highway] = kmh } else { speedsKmh[highway] = nil }
    }

    /// This profile with overrides read from CSV text: one `highway,kmh` per line; a header line
    /// `highway,kmh`, blank lines and `#` comments are allowed. A speed of 0 makes a class not
    /// drivable. `source` names the file in errors.
    public func overridden(byCSV text: String, source: String = "speed profile") throws -> SpeedProfile {
        var result = self
        var classesGiven = 0
        for (index, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if index == 0, fields.first?.lowercased() == "highway" { continue }
            guard fields.count == 2, !fields[0].isEmpty else {
                throw RoadNetworkError.speedProfile(file: source, line: index + 1, message: "expected 2 fields, found \"\(line)\"")
            }
            guard let kmh = Double(fields[1]), kmh.isFinite, kmh >= 0, kmh <= 300 else {
                throw RoadNetworkError.speedProfile(file: source, line: index + 1,
                                                    message: "speed \"\(fields[1])\" is not a number of km/h between 0 and 300")
            }
            guard Self.knownHighwayClasses.contains(fields[0]) else {
                throw RoadNetworkError.speedProfile(file: source, line: index + 1, message: "unknown highway class \"\(fields[0].prefix(60))\" "
                    + "(known classes: \(Self.knownHighwayClasses.sorted().joined(separator: ", ")))")
            }
            result.setSpeed(kmh, forHighway: fields[0])
            classesGiven += 1
        }
        guard classesGiven > 0 else {
            throw RoadNetworkError.speedProfile(file: source, line: 1, message: "the file gives no highway class and would change nothing "
                + "(leave out the speed profile to use the default car speeds)")
        }
        return result
    }

    /// This profile with overrides read from a CSV file (see `overridden(byCSV:source:)`).
    public func overridden(byCSVFile path: String) throws -> SpeedProfile {
        let text: String
        switch InputFileCheck.openForReading(path, kind: "speed profile (CSV)", limit: 1 << 20) {
        case .failure(let refusal):
            throw RoadNetworkError.speedProfile(file: path, line: 0, message: refusal.isSystemError
                                                ? "cannot read the file (\(refusal.reason))" : "the file \(refusal.reason)")
        case .success(let opened):
            let handle = FileHandle(fileDescriptor: opened.descriptor, closeOnDealloc: true)
            guard let data = try? handle.readToEnd() ?? Data(), let decoded = String(data: data, encoding: .utf8) else {
                throw RoadNetworkError.speedProfile(file: path, line: 0, message: "cannot read the file as UTF-8 text")
            }
            text = decoded
        }
        return try overridden(byCSV: text, source: path)
    }

    /// The table as CSV (`highway,kmh`, sorted by class), readable back by `overridden(byCSV:)`.
    public var csv: String {
        var out = "highway,kmh\n"
        for key in speedsKmh.keys.sorted() {
            let v = speedsKmh[key]!
            out += "\(key),\(v == v.rounded() ? String(Int(v)) : String(v))\n"
        }
        return out
    }

    // MARK: maxspeed

    /// Speeds for the implicit `maxspeed` values (`FR:urban` etc.), km/h.
    public static let implicitMaxspeedsKmh: [String: Double] = [
        "urban": 50, "rural": 80, "motorway": 130, "trunk": 110,
        "zone30": 30, "zone:30": 30, "zone20": 20, "zone:20": 20,
        "living_street": 20, "walk": 6, "bicycle_road": 30,
    ]

    /// Parses an OSM `maxspeed` value to km/h, or nil when it carries no usable number
    /// (`none`, `signals`, `variable`, unknown text: the class speed then applies).
    ///
    /// Accepted: `50`, `50 km/h`, `50kmh`, `30 mph`, `10 knots`, `walk` (6 km/h), implicit values
    /// `CC:urban` (50), `CC:rural` (80, the French limit since 2018), `CC:motorway` (130),
    /// `CC:trunk` (110), `CC:zone30`/`CC:zone:30` (30), `CC:living_street` (20), `CC:walk` (6).
    /// Several values (`50;70`, `50|70`) give the lowest.
    public static func parseMaxspeed(_ raw: String) -> Double? {
        let parts = raw.split(whereSeparator: { $0 == ";" || $0 == "|" })
        let values = parts.compactMap { parseSingleMaxspeed($0.trimmingCharacters(in: .whitespaces).lowercased()) }
        return values.min()
    }

    private static func parseSingleMaxspeed(_ value: String) -> Double? {
        if value.isEmpty || value == "none" || value == "signals" || value == "variable" { return nil }
        if value == "walk" { return 6 }
        if let colon = value.firstIndex(of: ":") {
            return implicitMaxspeedsKmh[String(value[value.index(after: colon)...])]
        }
        var number = Substring(value)
        var factor = 1.0
        for (unit, f) in [("km/h", 1.0), ("kmh", 1.0), ("kph", 1.0), ("mph", 1.609344), ("knots", 1.852)] where value.hasSuffix(unit) {
            number = value.dropLast(unit.count)
            factor = f
            break
        }
        guard let v = Double(number.trimmingCharacters(in: .whitespaces)), v.isFinite, v > 0 else { return nil }
        return v * factor
    }
}
