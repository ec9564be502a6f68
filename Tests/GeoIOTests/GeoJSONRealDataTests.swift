import Foundation
import Testing
import GeoIO

@Suite("GeoJSON reader on shared data")
struct GeoJSONRealDataTests {
    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/geodata"))
    func readsAllCommunes() throws {
        let folder = SharedData.url("communes")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".geojson") }.sorted()
        #expect(files.count == 101)
        var featureCount = 0
        var codes = Set<String>()
        for file in files {
            let collection = try GeoJSONReader.read(contentsOf: folder.appendingPathComponent(file))
            featureCount += collection.features.count
            for feature in collection.features {
                guard case .string(let code)? = feature.properties["code"], case .string? = feature.properties["nom"] else {
                    Issue.record("\(file): code/nom are not strings in \(feature.properties)")
                    return
                }
                codes.insert(code)
                #expect(feature.geometry != nil)
            }
        }
        #expect(featureCount == 35_357)
        #expect(codes.count == 35_357)
        #expect(codes.contains("75056") && codes.contains("2A004") && codes.contains("97411"))
    }

    @Test(.enabled(if: SharedData.isAvailable, "needs ../shared/geodata"))
    func readsFranceServices2020() throws {
        let collection = try GeoJSONReader.read(contentsOf: SharedData.url("lieux/france_services_2020.geojson"))
        #expect(collection.features.count == 908)
        #expect(collection.features.allSatisfy { if case .point? = $0.geometry { true } else { false } })
    }
}
