import GeoIO
@testable import MaillageApp
import Testing

/// The typed option values: one parser each, shared by `analyse` and `suggest`.
@Suite struct ArgumentValuesTests {
    @Test func thresholdsInKilometresOrMinutes() throws {
        let distances = try ThresholdList(parsing: "5, 10km,20")
        #expect(distances.values == [5, 10, 20] && distances.unit == .kilometres)
        let times = try ThresholdList(parsing: "10min,20MIN,30min")
        #expect(times.values == [10, 20, 30] && times.unit == .minutes)
        #expect(ThresholdList(argument: "2.5") == ThresholdList(values: [2.5], unit: .kilometres, text: "2.5"))
    }

    @Test func badThresholdsSayWhatToWrite() {
        func message(_ text: String) -> String {
            do { _ = try ThresholdList(parsing: text); return "no error" } catch { return "\(error)" }
        }
        #expect(message("dix") == "--within: 'dix' is not a positive distance in km or time in min (write e.g. 5,10,20 or 10min,20min)")
        #expect(message("-5").contains("'-5' is not a positive distance"))
        #expect(message("5,10min") == "--within mixes km and minutes: use one unit")
        #expect(message(",") == "--within needs at least one threshold")
        #expect(ThresholdList(argument: "dix") == nil)
    }

    @Test func thresholdsFailBeforeRunning() {
        let analyse = ["analyse", "--communes", "c.geojson", "--population", "p.csv", "--lieux", "l.csv"]
        #expect(throws: (any Error).self) { try Maillage.parseAsRoot(analyse + ["--within", "10min"]) }
        #expect(throws: (any Error).self) { try Maillage.parseAsRoot(analyse + ["--within", "5,10", "--main-within", "20"]) }
        #expect(throws: (any Error).self) { try Maillage.parseAsRoot(analyse + ["--network", "roads.osm.pbf", "--within", "10"]) }
        #expect((try? Maillage.parseAsRoot(analyse + ["--network", "roads.osm.pbf"])) != nil)
        let suggest = ["suggest", "--communes", "c.geojson", "--population", "p.csv", "--lieux", "l.csv"]
        do { _ = try Maillage.parseAsRoot(suggest + ["--within", "5,10"]); Issue.record("accepted two thresholds") } catch {
            #expect(Maillage.message(for: error) == "--within: '5,10' is not a positive distance in km (one value, e.g. 10)")
        }
    }

    @Test func siteCountsDemandEncodingDepartements() throws {
        #expect(try SiteCounts(parsing: "10, 5,10").counts == [5, 10])
        #expect(throws: (any Error).self) { try SiteCounts(parsing: "0") }
        #expect(try DemandMode(parsing: "Point") == .point)
        #expect(try PopulationEncoding(parsing: "ISO-8859-1").encoding == .latin1)
        #expect(throws: (any Error).self) { try PopulationEncoding(parsing: "cp1252") }
        #expect(DepartementList(argument: " 16, ,2A").codes == ["16", "2A"])
    }

    @Test func everyAnalysisFileHasItsOwnName() {
        let names = AnalysisOutputFile.allCases.map(\.fileName)
        #expect(Set(names).count == names.count && names.count == 9)
    }
}
