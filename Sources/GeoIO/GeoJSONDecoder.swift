import GeoCore

/// Decodes GeoJSON objects from a `JSONScanner`, member by member, in whatever order
/// the members come (`type` may follow `coordinates`).
struct GeoJSONDecoder {
    var scanner: JSONScanner
    let options: GeoJSONReadOptions
    var source: String { scanner.source }

    /// Everything a GeoJSON object may hold; which parts matter depends on its `type`.
    private struct ObjectMembers {
        var type: String?
        var coordinates: CoordinateNesting?
        var geometries: [Shape]?
        var geometry: Shape?
        var properties = JSONObject()
        var id: JSONValue?
        var features: [Feature]?
        var others: [(key: String, value: JSONValue)] = []
        /// Numbers in the first position that had fewer than 2, if any.
        var shortPosition: Int?
        /// A structural geometry problem found while reading, reported once the label is known.
        var problem: GeometryProblem?
    }

    mutating func decodeDocument() throws(GeoIOError) -> FeatureCollection {
        scanner.skipByteOrderMark()
        scanner.skipWhitespace()
        guard scanner.current == .openBrace else {
            throw scanner.syntaxError(expected: "'{' starting a GeoJSON object")
        }
        // The root keeps its unknown members, and also `properties` and `id`, which are
        // foreign members when the root is a FeatureCollection.
        let members = try readMembers(featureIndex: nil, isRoot: true)
        scanner.skipWhitespace()
        guard scanner.isAtEnd else { throw scanner.syntaxError(expected: "the end of the file") }

        switch members.type {
        case "FeatureCollection":
            guard let features = members.features else {
                throw GeoIOError.notGeoJSON(source: source, featureIndex: nil,
                                            message: "the FeatureCollection has no \"features\" array")
            }
            let foreign = members.others.filter { $0.key != "bbox" }
            try checkCRS(JSONObject(foreign)["crs"])
            return FeatureCollection(features: features, foreignMembers: JSONObject(foreign))
        case "Feature":
            try checkCRS(JSONObject(members.others)["crs"])
            return FeatureCollection(features: [try feature(from: members, index: 0)])
        case nil:
            throw GeoIOError.notGeoJSON(source: source, featureIndex: nil, message: "the top-level object has no \"type\" member")
        case let type?:
            guard GeometryKind(rawValue: type) != nil else {
                throw GeoIOError.notGeoJSON(source: source, featureIndex: nil,
                                            message: "unknown top-level type \"\(type)\"")
            }
            try checkCRS(JSONObject(members.others)["crs"])
            let geometry = try checkedGeometry(members, featureIndex: nil, label: nil)
            return FeatureCollection(features: [Feature(geometry: geometry)])
        }
    }

    // MARK: Objects

    /// Reads one object. `featureIndex` is set inside a feature (for error messages);
    /// only the root object keeps unknown members (the collection's foreign members).
    private mutating func readMembers(featureIndex: Int?, isRoot: Bool) throws(GeoIOError) -> ObjectMembers {
        var members = ObjectMembers()
        guard try scanner.enterObject() else { return members }
        repeat {
            let key = try scanner.readKey()
            switch key {
            case "type":
                scanner.skipWhitespace()
                guard scanner.current == .quote else {
                    throw GeoIOError.notGeoJSON(source: source, featureIndex: featureIndex,
                                                message: "\"type\" must be a string")
                }
                members.type = try scanner.readString()
            case "coordinates":
                if try scanner.consumeNull() { break }  // reported as missing coordinates
                scanner.skipWhitespace()
                guard scanner.current == .openBracket else {
                    throw GeoIOError.notGeoJSON(source: source, featureIndex: featureIndex,
                                                message: "\"coordinates\" must be an array")
                }
                members.coordinates = try scanner.readCoordinates(shortPosition: &members.shortPosition)
            case "geometries":
                members.geometries = try readGeometries(featureIndex: featureIndex, problem: &members.problem)
            case "geometry":
                members.geometry = try readGeometry(featureIndex: featureIndex, problem: &members.problem)
            case "properties":
                if try !scanner.consumeNull() {
                    scanner.skipWhitespace()
                    guard scanner.current == .openBrace else {
                        throw GeoIOError.notGeoJSON(source: source, featureIndex: featureIndex,
                                                    message: "\"properties\" must be an object or null")
                    }
                    members.properties = try scanner.readObject()
                }
                if isRoot { members.others.append((key: key, value: .object(members.properties))) }
            case "id":
                members.id = try scanner.readValue()
                if isRoot, let id = members.id { members.others.append((key: key, value: id)) }
            case "features" where isRoot:
                members.features = try readFeatures()
            default:
                if isRoot {
                    members.others.append((key: key, value: try scanner.readValue()))
                } else {
                    try scanner.skipValue()
                }
            }
        } while try scanner.nextMember()
        return members
    }

    private mutating func readFeatures() throws(GeoIOError) -> [Feature] {
        var features: [Feature] = []
        guard try enterArray("features", featureIndex: nil) else { return features }
        repeat {
            let index = features.count
            scanner.skipWhitespace()
            guard scanner.current == .openBrace else {
                throw GeoIOError.notGeoJSON(source: source, featureIndex: index, message: "a feature must be an object")
            }
            let members = try readMembers(featureIndex: index, isRoot: false)
            guard members.type == "Feature" else {
                throw GeoIOError.notGeoJSON(source: source, featureIndex: index,
                                            message: "type is \(members.type.map { "\"\($0)\"" } ?? "missing"), expected \"Feature\"")
            }
            features.append(try feature(from: members, index: index))
        } while try scanner.nextElement()
        return features
    }

    private func feature(from members: ObjectMembers, index: Int) throws(GeoIOError) -> Feature {
        let label = Self.label(id: members.id, properties: members.properties)
        if let problem = members.problem {
            throw GeoIOError.invalidGeometry(source: source, featureIndex: index, featureLabel: label, problem: problem)
        }
        if let geometry = members.geometry {
            try validate(geometry, featureIndex: index, label: label)
        }
        return Feature(id: members.id, properties: members.properties, geometry: members.geometry)
    }

    /// Reads a `geometry` member: an object or null. Problems are recorded, not thrown,
    /// so they can be reported with the feature's label.
    private mutating func readGeometry(featureIndex: Int?, problem: inout GeometryProblem?) throws(GeoIOError) -> Shape? {
        if try scanner.consumeNull() { return nil }
        scanner.skipWhitespace()
        guard scanner.current == .openBrace else {
            throw GeoIOError.notGeoJSON(source: source, featureIndex: featureIndex,
                                        message: "\"geometry\" must be an object or null")
        }
        let members = try readMembers(featureIndex: featureIndex, isRoot: false)
        switch Self.geometry(from: members) {
        case .geometry(let geometry): return geometry
        case .problem(let found):
            problem = problem ?? found
            return nil
        }
    }

    private mutating func readGeometries(featureIndex: Int?, problem: inout GeometryProblem?) throws(GeoIOError) -> [Shape] {
        var geometries: [Shape] = []
        guard try enterArray("geometries", featureIndex: featureIndex) else { return geometries }
        repeat {
            if let geometry = try readGeometry(featureIndex: featureIndex, problem: &problem) {
                geometries.append(geometry)
            }
        } while try scanner.nextElement()
        return geometries
    }

    /// Enters the array value of `member`, refusing any other value; false when the array is empty.
    private mutating func enterArray(_ member: String, featureIndex: Int?) throws(GeoIOError) -> Bool {
        scanner.skipWhitespace()
        guard scanner.current == .openBracket else {
            throw GeoIOError.notGeoJSON(source: source, featureIndex: featureIndex, message: "\"\(member)\" must be an array")
        }
        return try scanner.enterArray()
    }

    // MARK: Geometry

    private func checkedGeometry(_ members: ObjectMembers, featureIndex: Int?, label: String?) throws(GeoIOError) -> Shape {
        if let problem = members.problem {
            throw GeoIOError.invalidGeometry(source: source, featureIndex: featureIndex, featureLabel: label, problem: problem)
        }
        switch Self.geometry(from: members) {
        case .geometry(let geometry):
            try validate(geometry, featureIndex: featureIndex, label: label)
            return geometry
        case .problem(let problem):
            throw GeoIOError.invalidGeometry(source: source, featureIndex: featureIndex, featureLabel: label, problem: problem)
        }
    }

    private static func geometry(from members: ObjectMembers) -> GeometryOutcome {
        if let problem = members.problem { return .problem(problem) }
        if let count = members.shortPosition { return .problem(.positionTooShort(numberCount: count)) }
        guard let typeName = members.type else { return .problem(.missingType) }
        guard let kind = GeometryKind(rawValue: typeName) else { return .problem(.unknownType(typeName)) }
        if kind == .geometryCollection {
            guard let geometries = members.geometries else { return .problem(.missingCoordinates(type: typeName)) }
            return .geometry(.collection(geometries))
        }
        guard let coordinates = members.coordinates else { return .problem(.missingCoordinates(type: typeName)) }
        return kind.geometry(from: coordinates)
    }

    // MARK: Checks

    private func validate(_ geometry: Shape, featureIndex: Int?, label: String?) throws(GeoIOError) {
        if let problem = GeometryValidation.firstProblem(in: geometry, options: options) {
            throw GeoIOError.invalidGeometry(source: source, featureIndex: featureIndex, featureLabel: label, problem: problem)
        }
    }

    /// A legacy `crs` member must name WGS84 lon/lat (OGC CRS84 or EPSG:4326).
    private func checkCRS(_ crs: JSONValue?) throws(GeoIOError) {
        guard let crs, crs != .null else { return }
        let name = crs.objectValue?["properties"]?.objectValue?["name"]?.stringValue
        if let name, Self.isWGS84LonLat(name) { return }
        throw GeoIOError.unsupportedCRS(source: source, name: name ?? "given by a non-\"name\" crs member")
    }

    static func isWGS84LonLat(_ name: String) -> Bool {
        let upper = name.uppercased()
        return upper.hasSuffix("CRS84") || upper.hasSuffix("EPSG::4326") || upper.hasSuffix("EPSG:4326")
            || upper == "WGS84" || upper == "WGS 84"
    }

    /// An id-like value for error messages: "id 42", "code 01033"…
    static func label(id: JSONValue?, properties: JSONObject) -> String? {
        if let text = id?.stringValue { return "id \(text)" }
        for key in ["code", "id", "insee_com", "INSEE_COM", "code_insee", "insee", "nom", "name"] {
            if let text = properties[key]?.stringValue { return "\(key) \(text)" }
        }
        return nil
    }
}
