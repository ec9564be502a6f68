/// Travel directions allowed on a way, relative to its node order.
public enum WayDirection: Sendable, Equatable {
    case both, forward, backward
}

/// Why a way was left out of the car graph.
public enum WayDropReason: String, Sendable, CaseIterable, Comparable {
    /// No `highway` tag (buildings, landuse, boundaries…): not a road at all.
    case notARoad = "no highway tag"
    /// `highway` class without a speed in the profile (footway, track, construction…).
    case notDrivableClass = "highway class not drivable"
    /// Closed to cars by `access`, `vehicle`, `motor_vehicle` or `motorcar`.
    case closedToCars = "closed to cars (access tags)"
    /// `oneway=reversible` or `alternating`: direction changes during the day.
    case reversible = "oneway=reversible/alternating"
    /// Fewer than 2 nodes, or nodes missing from the file / without coordinates.
    case degenerate = "fewer than 2 usable nodes"

    public static func < (a: WayDropReason, b: WayDropReason) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What the car rules make of one way.
public enum CarWayDecision: Sendable, Equatable {
    case drivable(speedKmh: Double, direction: WayDirection)
    case dropped(WayDropReason)
}

/// Which ways a car may use, in which direction and at what speed.
///
/// - Drivable: `highway` has a speed in `profile` (see `SpeedProfile`).
/// - Access: the most specific of `motorcar`, `motor_vehicle`, `vehicle`, `access` that is tagged
///   decides; a value in `closedAccessValues` excludes the way. By default `no` (as the issue
///   asks), and also `private`, `agricultural`, `forestry`, `emergency`, `psv`, `bus`, `military`:
///   private roads (gated estates, company sites) are not public routes and would create shortcuts.
///   `destination`, `delivery`, `customers`, `permissive`, `yes` keep the way. So
///   `access=no` + `motor_vehicle=yes` is drivable, `access=yes` + `motor_vehicle=no` is not.
///   Set `closedAccessValues = ["no"]` to keep private roads.
/// - One-way: `oneway=yes/true/1` forward, `oneway=-1/reverse` backward, `oneway=no/false/0` both;
///   without `oneway`, `junction=roundabout|circular` and `highway=motorway` are one-way forward
///   (OSM implied values). `oneway=reversible|alternating` is dropped.
/// - Speed: `maxspeed` (parsed by `SpeedProfile.parseMaxspeed`) when understood, else the class speed.
public struct CarWayRules: Sendable {
    public var profile: SpeedProfile
    public var closedAccessValues: Set<String>

    public static let defaultClosedAccessValues: Set<String> = [
        "no", "private", "agricultural", "forestry", "emergency", "psv", "bus", "military",
    ]

    public init(profile: SpeedProfile = .car, closedAccessValues: Set<String> = CarWayRules.defaultClosedAccessValues) {
        self.profile = profile
        self.closedAccessValues = closedAccessValues
    }

    /// Decides for a way given a tag lookup.
    public func decide(tag: (String) -> String?) -> CarWayDecision {
        guard let highway = tag("highway") else { return .dropped(.notARoad) }
        guard let classSpeed = profile.speedKmh(forHighway: highway) else { return .dropped(.notDrivableClass) }
        for key in ["motorcar", "motor_vehicle", "vehicle", "access"] {
            if let value = tag(key) {
                // `access=no;destination`-style lists: closed only if every value is closed.
                let values = value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                if values.allSatisfy({ closedAccessValues.contains($0) }) { return .dropped(.closedToCars) }
                break
            }
        }
        let direction: WayDirection
        switch tag("oneway") {
        case "yes", "true", "1": direction = .forward
        case "-1", "reverse": direction = .backward
        case "no", "false", "0": direction = .both
        case "reversible", "alternating": return .dropped(.reversible)
        default:
            let junction = tag("junction")
            direction = (junction == "roundabout" || junction == "circular" || highway == "motorway") ? .forward : .both
        }
        let speed = tag("maxspeed").flatMap(SpeedProfile.parseMaxspeed) ?? classSpeed
        return .drivable(speedKmh: speed, direction: direction)
    }

    public func decide(tags: [String: String]) -> CarWayDecision { decide { tags[$0] } }
}
