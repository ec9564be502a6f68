import Foundation
import RoadNetwork
import GeoCore

/// Paths for the road-network tests: small fixtures beside the tests, real data in ../shared/geodata.
enum TestPaths {
    /// Symlinks resolved, so a sandbox package whose test folder links here finds the same files.
    static let testsDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let projectRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    /// `../shared/geodata` beside the project, or `$MAILLAGE_SHARED_GEODATA`.
    static let geodata: URL = {
        if let path = ProcessInfo.processInfo.environment["MAILLAGE_SHARED_GEODATA"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return projectRoot.deletingLastPathComponent().appendingPathComponent("shared/geodata")
    }()

    static func fixture(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// A file under ../shared/geodata, or nil (with a visible note) when the folder is absent.
    static func geodataFile(_ relative: String) -> String? {
        let path = geodata.appendingPathComponent(relative).path
        if FileManager.default.fileExists(atPath: path) { return path }
        print("note: skipping, \(relative) not found under \(geodata.path) (../shared/geodata is absent in a fresh clone)")
        return nil
    }

    static var hasGeodata: Bool { FileManager.default.fileExists(atPath: geodata.path) }
}

func readJSON(_ path: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
}

/// Projection used by the tiny fixtures (origin at their south-west corner).
let tinyProjection = EquirectangularProjection(originLon: 7.0, originLat: 44.0)

/// Reads a GeoJSON road layer (LineString features with OSM tags) into `RoadWay`s; the lead's
/// GeoIO module does this in the application.
func loadRoadWays(geoJSONPath path: String) throws -> [RoadWay] {
    let root = try readJSON(path) as! [String: Any]
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
