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
            for (part, line) in lines.enumerated() {
                if let problem = lineProblem(line, part: part) { return problem }
            }
            return nil
        case .polygon(let rings):
            return ringsProblem(rings, polygon: nil)
        case .multiPolygon(let polygons):
            for (index, rings) in polygons.enumerated() {
                if let problem = ringsProblem(rings, polygon: index) { return problem }
            }
            return nil
        case .collection(let members):
            for member in members {
                if let problem = shapeProblem(in: member) { return problem }
            }
            return nil
        }
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
            for list in lists {
                if let problem = rangeProblem(in: list) { return problem }
            }
            return nil
        case .multiPolygon(let polygons):
            for rings in polygons {
                for ring in rings {
                    if let problem = rangeProblem(in: ring) { return problem }
                }
            }
            return nil
        case .collection(let members):
            for member in members {
                if let problem = rangeProblem(in: member) { return problem }
            }
            return nil
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
