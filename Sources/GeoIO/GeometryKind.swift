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
        case (.multiPoint, .empty):
            return .geometry(.multiPoint([]))
        case (.lineString, .positions(let positions)):
            return .geometry(.lineString(positions))
        case (.lineString, .empty):
            return .geometry(.lineString([]))
        case (.multiLineString, .positionLists(let lines)):
            return .geometry(.multiLineString(lines))
        case (.multiLineString, .empty):
            return .geometry(.multiLineString([]))
        case (.multiLineString, .emptyLists(let count)):
            return .geometry(.multiLineString(Array(repeating: [], count: count)))
        case (.polygon, .positionLists(let rings)):
            return .geometry(.polygon(rings))
        case (.polygon, .empty):
            return .geometry(.polygon([]))
        case (.polygon, .emptyLists(let count)):
            return .geometry(.polygon(Array(repeating: [], count: count)))
        case (.multiPolygon, .positionListLists(let polygons)):
            return .geometry(.multiPolygon(polygons))
        case (.multiPolygon, .empty):
            return .geometry(.multiPolygon([]))
        case (.multiPolygon, .emptyLists(let count)):
            return .geometry(.multiPolygon(Array(repeating: [], count: count)))
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
