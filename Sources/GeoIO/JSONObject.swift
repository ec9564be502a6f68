/// A JSON object whose members keep their order (file order when read, insertion order when built).
/// Lookups are linear, which suits the small property objects of GeoJSON features.
/// Duplicate keys in a file are kept as read; the subscript sees the first one.
public struct JSONObject: Sendable, Equatable {
    public var pairs: [(key: String, value: JSONValue)]

    public init(_ pairs: [(key: String, value: JSONValue)] = []) {
        self.pairs = pairs
    }

    public var count: Int { pairs.count }
    public var isEmpty: Bool { pairs.isEmpty }
    public var keys: [String] { pairs.map(\.key) }

    /// Reading gives the member's value or nil. Writing replaces the value in place
    /// (keeping the key's position), appends a new key at the end, or removes it when set to nil.
    public subscript(key: String) -> JSONValue? {
        get {
            for pair in pairs where pair.key == key { return pair.value }
            return nil
        }
        set {
            let index = pairs.firstIndex { $0.key == key }
            switch (index, newValue) {
            case (let index?, let value?): pairs[index].value = value
            case (let index?, nil): pairs.remove(at: index)
            case (nil, let value?): pairs.append((key: key, value: value))
            case (nil, nil): break
            }
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.pairs.count == rhs.pairs.count
            && zip(lhs.pairs, rhs.pairs).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements.map { (key: $0.0, value: $0.1) })
    }
}
