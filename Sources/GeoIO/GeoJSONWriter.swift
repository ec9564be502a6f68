import Foundation
import GeoCore

/// Writes RFC 7946 GeoJSON: a FeatureCollection with one feature per line, members in a fixed
/// order, coordinates rounded to `decimals` places, exterior rings counter-clockwise and holes
/// clockwise. The same input always gives the same bytes.
public struct GeoJSONWriter: Sendable {
    /// Decimal places of coordinates (0…15); 6 places is about 0.1 m.
    public var decimals: Int

    public init(decimals: Int = 6) {
        self.decimals = min(max(decimals, 0), 15)
    }

    /// `{"type":"FeatureCollection", <foreign members in order>, "features":[…]}` followed by a newline.
    /// Foreign members named "type" or "features" are ignored.
    public func encode(_ features: [Feature], foreignMembers: JSONObject = [:]) -> [UInt8] {
        var output = JSONOutput()
        output.bytes.reserveCapacity(256 + min(features.count, Self.featuresPerChunk) * 256)
        output.append("{\"type\":\"FeatureCollection\"")
        for pair in foreignMembers.pairs where pair.key != "type" && pair.key != "features" {
            output.bytes.append(.comma)
            output.appendMember(pair.key, pair.value)
        }
        output.append(",\"features\":[\n")
        if features.count <= Self.featuresPerChunk {
            appendFeatures(features[...], isLast: true, to: &output)
        } else {
            // Large layers: chunks of features encoded in parallel, joined in order (the same bytes).
            let starts = Array(stride(from: 0, to: features.count, by: Self.featuresPerChunk))
            let chunks = ParallelMap.map(starts) { start in
                let end = min(start + Self.featuresPerChunk, features.count)
                var chunk = JSONOutput()
                chunk.bytes.reserveCapacity((end - start) * 256)
                appendFeatures(features[start..<end], isLast: end == features.count, to: &chunk)
                return chunk.bytes
            }
            output.bytes.reserveCapacity(output.bytes.count + chunks.reduce(8) { $0 + $1.count })
            for chunk in chunks { output.bytes.append(contentsOf: chunk) }
        }
        output.append("]}\n")
        return output.bytes
    }

    /// Features encoded per parallel task.
    static let featuresPerChunk = 2_048

    /// Each feature followed by ",\n", or "\n" for the last of the collection.
    private func appendFeatures(_ features: ArraySlice<Feature>, isLast: Bool, to output: inout JSONOutput) {
        for index in features.indices {
            appendFeature(features[index], to: &output)
            output.append(index + 1 < features.endIndex || !isLast ? ",\n" : "\n")
        }
    }

    public func encode(_ collection: FeatureCollection) -> [UInt8] {
        encode(collection.features, foreignMembers: collection.foreignMembers)
    }

    /// One feature as `{"type":"Feature","id":…,"properties":{…},"geometry":{…}}`, without newline.
    public func encode(_ feature: Feature) -> [UInt8] {
        var output = JSONOutput()
        appendFeature(feature, to: &output)
        return output.bytes
    }

    /// Encodes and writes atomically (see `AtomicFile`).
    public func write(_ features: [Feature], foreignMembers: JSONObject = [:], to url: URL) throws(GeoIOError) {
        try AtomicFile.write(encode(features, foreignMembers: foreignMembers), to: url)
    }

    // MARK: Members

    private func appendFeature(_ feature: Feature, to output: inout JSONOutput) {
        output.append("{\"type\":\"Feature\"")
        if let id = feature.id {
            output.append(",\"id\":")
            output.appendValue(id)
        }
        output.append(",\"properties\":")
        output.appendObject(feature.properties)
        output.append(",\"geometry\":")
        if let geometry = feature.geometry, geometry != .empty {
            appendGeometry(geometry, to: &output)
        } else {
            output.append("null")
        }
        output.bytes.append(.closeBrace)
    }

    private func appendGeometry(_ geometry: Shape, to output: inout JSONOutput) {
        output.append("{\"type\":\"")
        output.bytes.append(contentsOf: geometry.typeName.utf8)
        if case .collection(let all) = geometry {
            // Empty members have no GeoJSON form: they are left out.
            let members = all.filter { $0 != .empty }
            output.append("\",\"geometries\":[")
            for (index, member) in members.enumerated() {
                if index > 0 { output.bytes.append(.comma) }
                appendGeometry(member, to: &output)
            }
            output.append("]}")
            return
        }
        output.append("\",\"coordinates\":")
        let scale = JSONNumberText.powerOfTen(decimals)
        switch geometry {
        case .point(let position):
            appendPosition(position, scale: scale, to: &output)
        case .multiPoint(let positions), .lineString(let positions):
            appendPositions(positions, scale: scale, to: &output)
        case .multiLineString(let lines):
            appendList(lines, to: &output) { appendPositions($0, scale: scale, to: &$1) }
        case .polygon(let rings):
            appendList(PlanarRing.oriented(polygon: rings), to: &output) { appendPositions($0, scale: scale, to: &$1) }
        case .multiPolygon(let polygons):
            appendList(polygons, to: &output) { rings, output in
                appendList(PlanarRing.oriented(polygon: rings), to: &output) { appendPositions($0, scale: scale, to: &$1) }
            }
        case .collection, .empty:
            break  // handled above
        }
        output.bytes.append(.closeBrace)
    }

    private func appendList<Element>(_ elements: [Element], to output: inout JSONOutput,
                                     _ appendElement: (Element, inout JSONOutput) -> Void) {
        output.bytes.append(.openBracket)
        for (index, element) in elements.enumerated() {
            if index > 0 { output.bytes.append(.comma) }
            appendElement(element, &output)
        }
        output.bytes.append(.closeBracket)
    }

    private func appendPositions(_ positions: [XY], scale: Double, to output: inout JSONOutput) {
        output.bytes.append(.openBracket)
        for (index, position) in positions.enumerated() {
            if index > 0 { output.bytes.append(.comma) }
            appendPosition(position, scale: scale, to: &output)
        }
        output.bytes.append(.closeBracket)
    }

    private func appendPosition(_ position: XY, scale: Double, to output: inout JSONOutput) {
        output.bytes.append(.openBracket)
        output.appendCoordinate(position.x, decimals: decimals, scale: scale)
        output.bytes.append(.comma)
        output.appendCoordinate(position.y, decimals: decimals, scale: scale)
        output.bytes.append(.closeBracket)
    }
}
