import Foundation
import Testing
import GeoIO
import TestSupport
import GeoCore

@Suite("GeoJSON reader on shared data")
struct GeoJSONRealDataTests {
    /// Reads all 101 commune files once and checks them against an independent oracle:
    /// scripts/geoio-oracle-coordinate-sums.py (Python json) gives per file the feature and position
    /// counts, the sums of x and y in file order, and the sums of their IEEE bit patterns, which
    /// change if a single coordinate is parsed one ulp off.
    @Test(.needsSharedData)
    func readsAllCommunesMatchingPythonBitForBit() throws {
        let oracleData = try Data(contentsOf: Fixtures.url("communes-coordinate-sums.json"))
        let oracle = try #require(try JSONSerialization.jsonObject(with: oracleData) as? [String: [String: Any]])
        let folder = SharedData.url("communes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".geojson") }.sorted()
        #expect(files.count == 101)
        #expect(Set(files) == Set(oracle.keys))

        var featureCount = 0
        var codes = Set<String>()
        for file in files {
            let collection = try GeoJSONReader.read(contentsOf: folder.appendingPathComponent(file))
            featureCount += collection.features.count
            var count = 0
            var sumX = 0.0, sumY = 0.0
            var bitsX: UInt64 = 0, bitsY: UInt64 = 0
            for feature in collection.features {
                guard case .string(let code)? = feature.properties["code"], case .string? = feature.properties["nom"] else {
                    Issue.record("\(file): code/nom are not strings in \(feature.properties)")
                    return
                }
                codes.insert(code)
                let geometry = try #require(feature.geometry, "\(file) \(code) has no geometry")
                for position in positionsInFileOrder(geometry) {
                    count += 1
                    sumX += position.x
                    sumY += position.y
                    bitsX &+= position.x.bitPattern
                    bitsY &+= position.y.bitPattern
                }
            }
            let expected = oracle[file] ?? [:]
            #expect(collection.features.count == expected["features"] as? Int, "\(file)")
            #expect(count == expected["positions"] as? Int, "\(file)")
            #expect(sumX == Double(expected["sum_x"] as? String ?? ""), "\(file)")
            #expect(sumY == Double(expected["sum_y"] as? String ?? ""), "\(file)")
            #expect(bitsX == UInt64(expected["bits_x"] as? String ?? ""), "\(file)")
            #expect(bitsY == UInt64(expected["bits_y"] as? String ?? ""), "\(file)")
        }
        #expect(featureCount == 35_357)
        #expect(codes.count == 35_357)
        #expect(codes.contains("75056") && codes.contains("2A004") && codes.contains("97411"))
    }

    @Test(.needsSharedData)
    func readsFranceServices2020() throws {
        let collection = try GeoJSONReader.read(contentsOf: SharedData.url("lieux/france_services_2020.geojson"))
        #expect(collection.features.count == 908)
        #expect(collection.features.allSatisfy { if case .point? = $0.geometry { true } else { false } })
        #expect(collection.features[0].properties["MATRICULE"] != nil)
    }
}

func positionsInFileOrder(_ geometry: Shape) -> [XY] {
    switch geometry {
    case .point(let position): [position]
    case .multiPoint(let positions), .lineString(let positions): positions
    case .multiLineString(let lists), .polygon(let lists): lists.flatMap { $0 }
    case .multiPolygon(let polygons): polygons.flatMap { $0.flatMap { $0 } }
    case .collection(let members): members.flatMap(positionsInFileOrder)
    case .empty: []
    }
}
