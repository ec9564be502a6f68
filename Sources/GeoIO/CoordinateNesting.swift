import GeoCore

/// GeoJSON `coordinates` as read, before the geometry `type` (which may come later
/// in the object) says how deep they must be nested.
enum CoordinateNesting {
    /// `[]`: an empty list at any depth.
    case empty
    /// `[[], [], …]`: a list of empty lists (rings or polygons, depth still unknown).
    case emptyLists(Int)
    case position(XY)
    case positions([XY])
    case positionLists([[XY]])
    case positionListLists([[[XY]]])

    var depth: Int? {
        switch self {
        case .empty, .emptyLists: nil
        case .position: 1
        case .positions: 2
        case .positionLists: 3
        case .positionListLists: 4
        }
    }
}

extension JSONScanner {
    /// Reads a `coordinates` value. Positions need at least two numbers; a shorter one is
    /// recorded in `shortPosition` (reported with the feature's label once the feature is read).
    mutating func readCoordinates(shortPosition: inout Int?) throws(GeoIOError) -> CoordinateNesting {
        guard try enterArray() else { return .empty }
        skipWhitespace()
        if current != .openBracket {
            return .position(try readPositionNumbers(shortPosition: &shortPosition))
        }
        switch try readCoordinates(shortPosition: &shortPosition) {
        case .position(let first):
            var positions = [first]
            while try nextElement() { positions.append(try readPosition(shortPosition: &shortPosition)) }
            return .positions(positions)
        case .positions(let first):
            var lists = [first]
            while try nextElement() { lists.append(try readPositionList(shortPosition: &shortPosition)) }
            return .positionLists(lists)
        case .positionLists(let first):
            var polygons = [first]
            while try nextElement() { polygons.append(try readPositionListList(shortPosition: &shortPosition)) }
            return .positionListLists(polygons)
        case .positionListLists:
            throw syntaxError(expected: "coordinates nested at most 4 arrays deep")
        case .empty, .emptyLists:
            // The first element does not tell the depth: read the others generically.
            var children: [CoordinateNesting] = [.empty]
            while try nextElement() { children.append(try readCoordinates(shortPosition: &shortPosition)) }
            return try combine(children)
        }
    }

    /// Combines sibling coordinate lists whose first one was empty.
    private func combine(_ children: [CoordinateNesting]) throws(GeoIOError) -> CoordinateNesting {
        let depths = Set(children.compactMap(\.depth))
        guard depths.count <= 1 else { throw syntaxError(expected: "coordinates nested to the same depth") }
        guard let depth = depths.first else { return .emptyLists(children.count) }
        switch depth {
        case 2:
            return .positionLists(children.map { if case .positions(let p) = $0 { p } else { [] } })
        case 3:
            return .positionListLists(children.map { child -> [[XY]] in
                switch child {
                case .positionLists(let lists): lists
                case .emptyLists(let n): Array(repeating: [], count: n)
                default: []
                }
            })
        default:
            throw syntaxError(expected: "coordinates nested at most 4 arrays deep, with positions as arrays of numbers")
        }
    }

    private mutating func readPosition(shortPosition: inout Int?) throws(GeoIOError) -> XY {
        try expect(.openBracket, "'[' opening a position")
        try deeper()
        return try readPositionNumbers(shortPosition: &shortPosition)
    }

    /// Reads the numbers of a position whose `[` is consumed, through its `]`.
    private mutating func readPositionNumbers(shortPosition: inout Int?) throws(GeoIOError) -> XY {
        skipWhitespace()
        if current == .closeBracket {
            offset += 1
            depth -= 1
            shortPosition = shortPosition ?? 0
            return XY(x: .nan, y: .nan)
        }
        let x = try readCoordinateNumber()
        guard try nextElement() else {
            shortPosition = shortPosition ?? 1
            return XY(x: x, y: .nan)
        }
        let y = try readCoordinateNumber()
        while try nextElement() { _ = try readCoordinateNumber() }  // altitude and beyond: ignored
        return XY(x: x, y: y)
    }

    @inline(__always) private mutating func readCoordinateNumber() throws(GeoIOError) -> Double {
        skipWhitespace()
        let byte = current
        guard byte == .minus || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) else {
            throw syntaxError(expected: "a number in a position")
        }
        return try readNumber()
    }

    private mutating func readPositionList(shortPosition: inout Int?) throws(GeoIOError) -> [XY] {
        var positions: [XY] = []
        if try enterArray() {
            repeat { positions.append(try readPosition(shortPosition: &shortPosition)) } while try nextElement()
        }
        return positions
    }

    private mutating func readPositionListList(shortPosition: inout Int?) throws(GeoIOError) -> [[XY]] {
        var lists: [[XY]] = []
        if try enterArray() {
            repeat { lists.append(try readPositionList(shortPosition: &shortPosition)) } while try nextElement()
        }
        return lists
    }
}
