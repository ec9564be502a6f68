import GeoCore

/// The seven GeoJSON geometry types and the coordinate depth each one needs.
enum GeometryKind: String {
    case point = "Point"
    case multiPoint = "MultiPoint"
    case lineString = "LineString"
    case multiLineString = "MultiLineString"
    case polygon = "Polygon"
    case multiPolygon = "MultiPolygon"
    case geometryCollection = "GeometryCollection"

    func geometry(from coordinates: CoordinateNesting) -> GeometryOutcome {
        switch (self, coordinates) {
        case (.point, .position(let position)):
            return .geometry(.point(position))
        case (.multiPoint, .positions(let positions)):
            return .geometry(.multiPoint(positions))
        case (.lineString, .positions(let positions)):
            return .geometry(.lineString(positions))
        case (.multiLineString, .positionLists(let lines)):
            return .geometry(.multiLineString(lines))
        case (.polygon, .positionLists(let rings)):
            return .geometry(.polygon(rings))
        case (.multiPolygon, .positionListLists(let polygons)):
            return .geometry(.multiPolygon(polygons))
        // Empty lists do not tell their depth: read them at the depth the type needs.
        case (.multiPoint, .empty), (.lineString, .empty):
            return geometry(from: .positions([]))
        case (.multiLineString, .empty), (.polygon, .empty):
            return geometry(from: .positionLists([]))
        case (.multiLineString, .emptyLists(let count)), (.polygon, .emptyLists(let count)):
            return geometry(from: .positionLists(Array(repeating: [], count: count)))
        case (.multiPolygon, .empty):
            return geometry(from: .positionListLists([]))
        case (.multiPolygon, .emptyLists(let count)):
            return geometry(from: .positionListLists(Array(repeating: [], count: count)))
        default:
            return .problem(.wrongNesting(type: rawValue, expected: expectedShape))
        }
    }

    private var expectedShape: String {
        switch self {
        case .point: "one position [x, y]"
        case .multiPoint, .lineString: "an array of positions [[x, y], …]"
        case .multiLineString: "an array of lines [[[x, y], …], …]"
        case .polygon: "an array of rings [[[x, y], …], …]"
        case .multiPolygon: "an array of polygons [[[[x, y], …], …], …]"
        case .geometryCollection: "a \"geometries\" array"
        }
    }
}

/// A geometry built from its members, or the rule it breaks.
enum GeometryOutcome {
    case geometry(Shape)
    case problem(GeometryProblem)
}
