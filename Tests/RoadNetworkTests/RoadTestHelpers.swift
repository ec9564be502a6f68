import Foundation
import RoadNetwork
import GeoCore
import TestSupport

/// Projection used by the tiny fixtures (origin at their south-west corner).
let tinyProjection = EquirectangularProjection(originLon: 7.0, originLat: 44.0)

/// Reads a GeoJSON road layer (LineString features with OSM tags) into `RoadWay`s with
/// JSONSerialization, independently of the GeoIO reader the application uses.
func loadRoadWays(geoJSONPath path: String) throws -> [RoadWay] {
    let root = try readJSON(URL(fileURLWithPath: path))
    return (root["features"] as! [[String: Any]]).map { feature in
        let geometry = feature["geometry"] as! [String: Any]
        let coordinates = (geometry["coordinates"] as! [[Double]]).map { XY($0[0], $0[1]) }
        var tags: [String: String] = [:]
        for (k, v) in feature["properties"] as? [String: Any] ?? [:] { tags[k] = "\(v)" }
        return RoadWay(nodeCoordinates: coordinates, tags: tags)
    }
}

extension RoadGraph {
    /// Seconds of the edge between two nodes given by id, nil when absent.
    func seconds(fromId a: Int64, toId b: Int64) -> Double? {
        guard let u = nodeIds.firstIndex(of: a), let v = nodeIds.firstIndex(of: b) else { return nil }
        return (Int(edgeOffsets[u])..<Int(edgeOffsets[u + 1])).first { edgeTargets[$0] == Int32(v) }.map { Double(edgeSeconds[$0]) }
    }

    /// Seconds of the edge between two nodes given by coordinates.
    func seconds(from a: (Double, Double), to b: (Double, Double)) -> Double? {
        guard let u = (0..<nodeCount).first(where: { nodeLons[$0] == a.0 && nodeLats[$0] == a.1 }),
              let v = (0..<nodeCount).first(where: { nodeLons[$0] == b.0 && nodeLats[$0] == b.1 }) else { return nil }
        return (Int(edgeOffsets[u])..<Int(edgeOffsets[u + 1])).first { edgeTargets[$0] == Int32(v) }.map { Double(edgeSeconds[$0]) }
    }
}
