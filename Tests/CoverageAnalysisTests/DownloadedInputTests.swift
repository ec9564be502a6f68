@testable import CoverageAnalysis
import Foundation
import GeoCore
import GeoIO
import GeosGeometry
import Testing
import TestSupport

@Suite struct NumberTextTests {
    @Test func frenchAndSpreadsheetNumbers() {
        #expect(NumberText.parse("1\u{00A0}394") == 1394)
        #expect(NumberText.parse("1\u{202F}394 567") == 1_394_567)
        #expect(NumberText.parse(" 12,5 ") == 12.5)
        #expect(NumberText.parse("652345,12") == 652_345.12)
        #expect(NumberText.parse("1.394,5") == 1394.5 && NumberText.parse("1,394.5") == 1394.5)
        #expect(NumberText.parse("1,234,567") == 1_234_567 && NumberText.parse("1.234.567") == 1_234_567)
        #expect(NumberText.parse("\u{2212}3") == -3 && NumberText.parse("+3") == 3 && NumberText.parse("-0,5") == -0.5)
        #expect(NumberText.parse("4.6e1") == 46)
        for bad in ["", " ", "douze", "nan", "inf", "1,2,3", "1,5.2,3", "0x10", "12 km"] { #expect(NumberText.parse(bad) == nil, "\(bad)") }
    }
}

@Suite(.temporaryFolders) struct TableReadingTests {
    @Test func titleLinesLatin1AndThousandsAreRead() throws {
        // Windows-1252: "é" is 0xE9, "’" is 0x92; NBSP 0xA0 between thousands.
        var bytes = Array("Populations l".utf8) + [0xE9] + Array("gales 2019\r\nSource : Insee\r\n\r\n".utf8)
        bytes += Array("COM;Nom;PMUN\r\n01001;L".utf8) + [0x92] + Array("Abergement;1".utf8) + [0xA0] + Array("394\r\n".utf8)
        bytes += Array("75101;Paris 1er;16\u{20}266\r\n75102;Paris 2e;21,5\r\n".utf8)
        let url = try temporaryFolder().appendingPathComponent("pop.csv")
        try Data(bytes).write(to: url)
        let table = try PopulationTable.read(contentsOf: url)
        #expect(table.populationByCode == ["01001": 1394, "75056": 16266 + 21.5])
        let csv = try CSVTable.read(contentsOf: url, headerContaining: ["COM", "PMUN"])
        #expect(csv.header == ["COM", "Nom", "PMUN"] && csv.rows[0][1] == "L\u{2019}Abergement" && csv.lineNumber(ofRow: 0) == 5)
        // The header row given by count instead.
        #expect(try PopulationTable.read(contentsOf: url, skipRows: 3).populationByCode["01001"] == 1394)
        // A bad number names the file line.
        let bad = try temporaryFile("bad.csv", "Titre\nCOM;PMUN\n01001;12\n01002;douze\n")
        #expect { try PopulationTable.read(contentsOf: bad) } throws: { "\($0)".contains("bad.csv line 4: column PMUN holds 'douze'") }
    }

    @Test func filesGivenToTheWrongOptionSayWhatTheyAre() throws {
        let shapefileHead = try temporaryFolder().appendingPathComponent("communes.shp")
        try Data([0x00, 0x00, 0x27, 0x0A] + Array(repeating: 0, count: 96)).write(to: shapefileHead)
        #expect { try PopulationTable.read(contentsOf: shapefileHead) } throws: { error in
            "\(error)".contains("this is a Shapefile (.shp), which --population cannot use") && "\(error)".contains("--communes")
        }
        let table = try temporaryFile("pop.csv", "COM;PMUN\n01001;12\n")
        #expect { try CommuneLayer.read([table], options: CommuneReadOptions()) } throws: { error in
            "\(error)".contains("this is a CSV text table, which --communes cannot use — it is a table: give it as --population")
        }
    }
}

@Suite(.temporaryFolders) struct LieuLayoutTests {
    @Test func geoPointColumnsAndPlainLonLatXY() throws {
        let points = try temporaryFile("mediation.csv", "id;nom;geo_point_2d\nA;Alpha;\"45.5, 1.5\"\nB;Beta;45.6,1.6\n")
        let set = try LieuSet.read(contentsOf: points, options: LieuReadOptions())
        #expect(set.lieux.map(\.lonLat) == [XY(1.5, 45.5), XY(1.6, 45.6)] && set.columns.longitude == "geo_point_2d")
        let xy = try temporaryFile("xy.csv", "id;X;Y\nA;1,5;45,5\n")
        #expect(try LieuSet.read(contentsOf: xy, options: LieuReadOptions()).lieux[0].lonLat == XY(1.5, 45.5))
    }

    @Test func projectedColumnsNeedTheirCRS() throws {
        let bpe = try temporaryFile("bpe.csv", "DEPCOM;LAMBERT_X;LAMBERT_Y\n23096;619854,21;6567321,5\n")
        #expect { try LieuSet.read(contentsOf: bpe, options: LieuReadOptions()) } throws: { "\($0)".contains("--lieux-crs EPSG:2154") }
        var options = LieuReadOptions()
        options.crs = "EPSG:2154"
        let set = try LieuSet.read(contentsOf: bpe, options: options)
        // pyproj: Transformer.from_crs(2154, 4326, always_xy=True).transform(619854.21, 6567321.5)
        #expect(abs(set.lieux[0].lonLat.x - 1.9606042) < 1e-6 && abs(set.lieux[0].lonLat.y - 46.2009904) < 1e-6, "\(set.lieux[0].lonLat)")
    }

    @Test func filtersMatchEmptyValuesIgnoreCaseAndListWhatIsThere() throws {
        let url = try temporaryFile("lieux.csv", "id,format,longitude,latitude\na,Fixe,1,45\nb,,1.1,45\nc,BUS,1.2,45\nd,fixe,1.3,45\n")
        func ids(_ filters: [String]) throws -> [String] {
            var options = LieuReadOptions()
            options.filters = try filters.map(LieuFilter.init(parsing:))
            return try LieuSet.read(contentsOf: url, options: options).lieux.map(\.id)
        }
        #expect(try ids(["format=fixe"]) == ["a", "d"])
        #expect(try ids(["FORMAT=Bus|"]) == ["b", "c"])
        #expect(try ids(["format!="]) == ["a", "c", "d"])
        #expect { try ids(["format=Fix"]) } throws: { error in
            (error as? AnalysisInputError) == .unknownFilterValue(filter: "format=Fix", property: "format",
                                                                    present: ["'Fixe' (2)", "'' (1)", "'BUS' (1)"])
        }
        #expect { try ids(["type=Fixe"]) } throws: { "\($0)".contains("no such property (properties: id, format, longitude, latitude)") }
    }

    @Test func badRowsAreSkippedAndListedUntilTooMany() throws {
        var rows = "id,insee_com,longitude,latitude\n"
        for index in 0..<19 { rows += "L\(index),23096,1.\(index),46\n" }
        rows += "bad,,abc,46\n"
        let url = try temporaryFile("lieux.csv", rows)
        let set = try LieuSet.read(contentsOf: url, options: LieuReadOptions())
        #expect(set.lieux.count == 19 && set.skipped == [SkippedLieu(location: "line 21", id: "bad", reason: "coordinates 'abc' / '46' are not numbers")])
        var strict = LieuReadOptions()
        strict.maxBadShare = 0.01
        #expect { try LieuSet.read(contentsOf: url, options: strict) } throws: { "\($0)".contains("1 of 20 rows have no usable position") }
    }
}

@Suite struct RegionTests {
    @Test func regionsByNameSlugOrCode() throws {
        #expect(try Region.find("nouvelle-aquitaine").code == "75")
        #expect(try Region.find("Nouvelle Aquitaine").departements.count == 12)
        #expect(try Region.find("75").name == "Nouvelle-Aquitaine")
        #expect(try Region.find("provence-alpes-cote-d-azur").code == "93")
        #expect(try Region.find("Île-de-France").departements.first == "75")
        #expect(try Region.find("1").name == "Guadeloupe")
        #expect(throws: AnalysisInputError.self) { try Region.find("Aquitaine") }
        // Every metropolitan and overseas département once.
        let all = Region.all.flatMap(\.departements)
        #expect(all.count == 101 && Set(all).count == 101)
    }
}

@Suite struct CommuneCodeVintageTests {
    func link(_ date: String, _ before: String, _ after: String) -> CommuneChanges.Link {
        CommuneChanges.Link(date: date, before: before, after: after, kind: "")
    }

    @Test func mergersRenamingsAndReEstablishments() {
        let changes = CommuneChanges(links: [
            link("2019-01-01", "A1", "A0"), link("2019-01-01", "A2", "A0"),   // A1, A2 merged into A0
            link("2020-01-01", "B1", "B9"),                                   // B1 got a new code
            link("2016-01-01", "C1", "C0"), link("2025-01-01", "C0", "C1"),   // C1 merged into C0, re-established
            link("2015-01-01", "D1", "D0"), link("2017-01-01", "D1", "D2"),   // D1 (re-created 2016 from D0) merged into D2
            link("2016-01-01", "D0", "D1"),
        ], names: ["A0": "Nouvelle"])
        let vintage = CommuneCodeVintage(changes: changes, sourceCodes: ["A0", "A1", "A2", "B1", "C0", "D1", "D2", "X"],
                                         targetCodes: ["A0", "B9", "C0", "C1", "D2", "Y"])
        #expect(vintage.groups == [
            .init(code: "A0", sourceCodes: ["A0", "A1", "A2"], targetCodes: ["A0"]),
            .init(code: "B9", sourceCodes: ["B1"], targetCodes: ["B9"]),
            .init(code: "C0", sourceCodes: ["C0"], targetCodes: ["C0", "C1"]),
            .init(code: "D2", sourceCodes: ["D1", "D2"], targetCodes: ["D2"]),
        ])
        #expect(vintage.unmatchedSource == ["X"] && vintage.unmatchedTarget == ["Y"])
        #expect(vintage.targetMoves == ["C1": "C0"] && vintage.code(ofSource: "A2") == "A0" && vintage.targetCodes(ofSource: "C0") == ["C0", "C1"])
    }

    @Test func mergedCommunesAreDissolvedIntoOneValidPolygon() throws {
        func square(_ x: Double) -> Shape { .polygon([[XY(x, 45), XY(x + 1, 45), XY(x + 1, 46), XY(x, 46), XY(x, 45)]]) }
        func input(_ code: String, _ shape: Shape) -> CommuneInput {
            CommuneInput(code: code, name: code.lowercased(), departement: "23", source: "t", featureIndex: 0, lonLat: shape, populationProperty: nil)
        }
        let layer = CommuneLayer(communes: [input("23001", square(0)), input("23002", square(1)), input("23003", square(3))], withoutGeometry: [])
        let changes = CommuneChanges(links: [link("2019-01-01", "23002", "23001"), link("2020-01-01", "23003", "23100")],
                                     names: ["23100": "Renommée"])
        let table = PopulationTable(populationByCode: ["23001": 10, "23100": 5, "24001": 1], source: "t", arrondissementsMerged: 0)
        let moved = try layer.moved(toCodesOf: table, changes: changes)
        #expect(moved.layer.communes.map(\.code) == ["23001", "23100"])
        #expect(moved.layer.communes[1].name == "Renommée")   // a new code takes its new name
        let merged = try Geometry.make(moved.layer.communes[0].lonLat)
        #expect(try merged.isValid && abs(try merged.area() - 2) < 1e-12 && merged.type == .polygon)
        #expect(moved.report.merged.map(\.from) == [["23001", "23002"]] && moved.report.recoded.map(\.to) == ["23100"])
        #expect(PopulationJoin.join(moved.layer.communes, table: moved.table).population == [10, 5])
    }
}

/// All of France: boundaries of COG 2018, populations 2023 (COG 2026), the INSEE history of changes.
@Suite struct FranceVintageTests {
    @Test(.needsSharedData) func franceWithPopulation2023AndTheChangesTable() throws {
        let layer = try CommuneLayer.read(try CommuneLayer.files(in: [SharedData.path("communes")]), options: CommuneReadOptions())
        let tableURL = SharedData.url("population/donnees_communes_pop2023.csv")
        let table = try PopulationTable.read(contentsOf: tableURL)
        let changes = try CommuneChanges.read(contentsOf: SharedData.url("population/mouvements_communes.csv"))
        let before = PopulationJoin.join(layer.communes, table: table)
        let moved = try layer.moved(toCodesOf: table, changes: changes)
        let join = PopulationJoin.join(moved.layer.communes, table: moved.table)
        #expect(before.unmatchedCommunes.count > 400)
        #expect(join.unmatchedCommunes.count < 20, "\(join.unmatchedCommunes.map(\.code))")
        for commune in moved.layer.communes where moved.report.merged.contains(where: { $0.code == commune.code }) {
            #expect(try Geometry.make(commune.lonLat).isValid, "merged commune \(commune.code)")
        }
        // The table's own sum, read independently of the reader under test.
        let lines = try String(contentsOf: tableURL, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        let tableSum = lines.reduce(0.0) { $0 + Double($1.split(separator: ";", omittingEmptySubsequences: false)[8])! }
        let unmatched = join.unmatchedRows.reduce(0) { $0 + $1.population }
        #expect(abs(join.population.reduce(0, +) - (tableSum - unmatched)) < 0.5,
                "population \(join.population.reduce(0, +)), table \(tableSum), unmatched rows \(unmatched)")
        #expect(moved.report.merged.count > 300)
        print("France, pop 2023 + changes: \(moved.layer.communes.count) communes, \(moved.report.merged.count) merged, "
              + "\(join.unmatchedCommunes.count) without population (before: \(before.unmatchedCommunes.count)), "
              + "\(join.unmatchedRows.count) rows without commune (\(unmatched) people)")
    }
}
