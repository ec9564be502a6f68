import GeoCore

/// GeoJSON rules checked after reading: ring closure and length, line length, lon/lat range.
enum GeometryValidation {
    static func firstProblem(in geometry: Shape, options: GeoJSONReadOptions) -> GeometryProblem? {
        if options.checkRings, let problem = shapeProblem(in: geometry) { return problem }
        if options.checkLonLatRange, let problem = rangeProblem(in: geometry) { return problem }
        return nil
    }

    private static func shapeProblem(in geometry: Shape) -> GeometryProblem? {
        switch geometry {
        case .point, .multiPoint, .empty:
            return nil
        case .lineString(let positions):
            return lineProblem(positions, part: nil)
        case .multiLineString(let lines):
            return firstProblem(in: lines) { lineProblem($1, part: $0) }
        case .polygon(let rings):
            return ringsProblem(rings, polygon: nil)
        case .multiPolygon(let polygons):
            return firstProblem(in: polygons) { ringsProblem($1, polygon: $0) }
        case .collection(let members):
            return firstProblem(in: members) { shapeProblem(in: $1) }
        }
    }

    /// The first problem `check` finds among the parts (given with their position).
    private static func firstProblem<Part>(in parts: [Part], _ check: (Int, Part) -> GeometryProblem?) -> GeometryProblem? {
        for (index, part) in parts.enumerated() {
            if let problem = check(index, part) { return problem }
        }
        return nil
    }

    /// An empty LineString is an allowed empty geometry; one position is not a line.
    private static func lineProblem(_ positions: [XY], part: Int?) -> GeometryProblem? {
        positions.count == 1 ? .lineStringTooShort(part: part, positionCount: 1) : nil
    }

    private static func ringsProblem(_ rings: [[XY]], polygon: Int?) -> GeometryProblem? {
        for (index, ring) in rings.enumerated() {
            if ring.count < 4 { return .ringTooShort(polygon: polygon, ring: index, positionCount: ring.count) }
            if ring.first != ring.last { return .ringNotClosed(polygon: polygon, ring: index) }
        }
        return nil
    }

    private static func rangeProblem(in geometry: Shape) -> GeometryProblem? {
        switch geometry {
        case .point(let position):
            return rangeProblem(in: CollectionOfOne(position))
        case .multiPoint(let positions), .lineString(let positions):
            return rangeProblem(in: positions)
        case .multiLineString(let lists), .polygon(let lists):
            return firstProblem(in: lists) { rangeProblem(in: $1) }
        case .multiPolygon(let polygons):
            return firstProblem(in: polygons) { firstProblem(in: $1) { rangeProblem(in: $1) } }
        case .collection(let members):
            return firstProblem(in: members) { rangeProblem(in: $1) }
        case .empty:
            return nil
        }
    }

    private static func rangeProblem(in positions: some Collection<XY>) -> GeometryProblem? {
        for position in positions where !(abs(position.x) <= 180 && abs(position.y) <= 90) {
            return .outOfLonLatRange(x: position.x, y: position.y)
        }
        return nil
    }
}
