/// A straight-line distance.
public struct Metres: Hashable, Comparable, Sendable {
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public var kilometres: Double { value / 1000 }
    public static func < (a: Metres, b: Metres) -> Bool { a.value < b.value }
}

/// A travel time.
public struct Seconds: Hashable, Comparable, Sendable {
    public var value: Double
    @inlinable public init(_ value: Double) { self.value = value }
    public var minutes: Double { value / 60 }
    public static func < (a: Seconds, b: Seconds) -> Bool { a.value < b.value }
}

/// How far a lieu is: a straight-line distance, or a travel time by road.
public enum Proximity: Hashable, Sendable {
    case distance(Metres)
    case travelTime(Seconds)

    /// A value of the same kind as `self` in base units (metres or seconds).
    func sameKind(_ base: Double) -> Proximity {
        switch self {
        case .distance: .distance(Metres(base))
        case .travelTime: .travelTime(Seconds(base))
        }
    }
    /// In the base unit: metres or seconds.
    public var baseValue: Double {
        switch self {
        case .distance(let metres): metres.value
        case .travelTime(let seconds): seconds.value
        }
    }
    /// In the unit shown to users: km or minutes.
    public var displayValue: Double {
        switch self {
        case .distance(let metres): metres.kilometres
        case .travelTime(let seconds): seconds.minutes
        }
    }
}

/// A threshold as users give it: a distance in km, or a travel time in minutes (road mode).
public enum Threshold: Hashable, Sendable {
    case kilometres(Double)
    case minutes(Double)

    /// The value in its own unit, as shown to users.
    public var value: Double {
        switch self {
        case .kilometres(let km): km
        case .minutes(let minutes): minutes
        }
    }
    /// "km" or "min".
    public var unit: String {
        switch self {
        case .kilometres: "km"
        case .minutes: "min"
        }
    }
    /// The threshold as a proximity: metres or seconds.
    public var limit: Proximity {
        switch self {
        case .kilometres(let km): .distance(Metres(km * 1000))
        case .minutes(let minutes): .travelTime(Seconds(minutes * 60))
        }
    }
    /// Whether a lieu at `proximity` is within the threshold (bounds inclusive); false when none is reachable.
    public func contains(_ proximity: Proximity?) -> Bool {
        guard let proximity else { return false }
        return proximity.baseValue <= limit.baseValue
    }
}
