@testable import CoverageAnalysis
import Foundation
import GeoIO
import GeosGeometry
import Testing
import GeoCore
import TestSupport

func commune(_ code: String, _ name: String = "") -> CommuneInput {
    CommuneInput(code: code, name: name, departement: String(code.prefix(2)), source: "test", featureIndex: 0,
                 lonLat: .point(XY(0, 0)), populationProperty: nil)
}

@Suite(.temporaryFolders) struct PopulationTests {
    @Test func arrondissementsAreAddedUpAndCodesRepaired() throws {
        let url = try temporaryFile("pop.csv", "REG;DEP;COM;PMUN\n11;75;75101;100\n11;75;75120;50\n84;01;1053;7\n84;13;13201;3\n84;13;13055;0\n")
        let table = try PopulationTable.read(contentsOf: url)
        #expect(table.populationByCode["75056"] == 150)
        #expect(table.populationByCode["13055"] == 3)
        #expect(table.populationByCode["01053"] == 7)
        #expect(table.arrondissementsMerged == 3)
        let join = PopulationJoin.join([commune("75056", "Paris"), commune("01053"), commune("01999", "Nulle-part")], table: table)
        #expect(join.population == [150, 7, 0])
        #expect(join.unmatchedCommunes.map(\.code) == ["01999"])
        // Rows of other départements (13) are not "unmatched" for a territory of 75 and 01.
        #expect(join.unmatchedRows.isEmpty)
        let join2 = PopulationJoin.join([commune("75056")], table: table)
        #expect(join2.unmatchedRows.isEmpty)
        let join3 = PopulationJoin.join([commune("01053")], table: table)
        #expect(join3.unmatchedRows.map(\.code) == [])
    }

    @Test func badNumbersAndColumnsAreNamed() throws {
        let url = try temporaryFile("pop.csv", "COM;PMUN\n01001;12\n01002;douze\n")
        #expect { try PopulationTable.read(contentsOf: url) } throws: { error in
            (error as? AnalysisInputError)?.description == "pop.csv line 3: column PMUN holds 'douze', not a finite number within bounds — fix the row"
        }
        #expect { try PopulationTable.read(contentsOf: url, populationColumn: "P21_POP") } throws: { error in
            (error as? AnalysisInputError)?.description.contains("no population column (tried P21_POP)") == true
        }
    }
}

@Suite(.temporaryFolders) struct LieuTests {
    @Test func csvColumnsAreFoundFiltersApplyAndDuplicatesReported() throws {
        let url = try temporaryFile("lieux.csv", """
        id_fs,lib_fs,format_fs,Longitude,Latitude,extra
        a,Alpha,Fixe,1.5,45.5,x
        b,Beta,Bus,1.5,45.5,y
        c,Gamma,Fixe,2.0,46.0,z

        """)
        let all = try LieuSet.read(contentsOf: url, options: LieuReadOptions())
        #expect(all.lieux.map(\.id) == ["a", "b", "c"])
        #expect(all.lieux[2].lonLat == XY(2, 46) && all.lieux[0].name == "Alpha" && all.lieux[0].type == "Fixe")
        #expect(all.lieux[0].attributes["extra"] == .string("x"))
        #expect(all.duplicateGroups == [[0, 1]])
        var options = LieuReadOptions()
        options.filters = [try LieuFilter(parsing: "format_fs=Fixe")]
        let fixed = try LieuSet.read(contentsOf: url, options: options)
        #expect(fixed.lieux.map(\.id) == ["a", "c"] && fixed.filteredOut == 1 && fixed.duplicateGroups.isEmpty)
        options.filters = [try LieuFilter(parsing: "format_fs!=Fixe|Bus")]
        #expect(throws: AnalysisInputError.self) { try LieuSet.read(contentsOf: url, options: options) }
        #expect(throws: AnalysisInputError.badFilter("format_fs")) { try LieuFilter(parsing: "format_fs") }
    }

    @Test func projectedCoordinatesAndMissingColumnsAreErrors() throws {
        let metres = try temporaryFile("l93.csv", "id,x,y\nA,652000,6862000\n")
        #expect { try LieuSet.read(contentsOf: metres, options: LieuReadOptions()) } throws: { error in
            (error as? AnalysisInputError)?.description.contains("l93.csv: coordinates x/y look projected (metres)") == true
        }
        let noColumns = try temporaryFile("nocoords.csv", "id,adresse\nA,rue\n")
        #expect { try LieuSet.read(contentsOf: noColumns, options: LieuReadOptions()) } throws: { error in
            (error as? AnalysisInputError)?.description.contains("no longitude column") == true
        }
        let geojson = try temporaryFile("l.geojson", """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"MATRICULE":"M1","lib_france_services":"FS 1"},
        "geometry":{"type":"Point","coordinates":[2.35,48.85]}}]}
        """)
        let set = try LieuSet.read(contentsOf: geojson, options: LieuReadOptions())
        #expect(set.lieux[0].id == "M1" && set.lieux[0].name == "FS 1")
    }

    @Test func departementSelection() throws {
        let layer = CommuneLayer(communes: [commune("33001"), commune("24001"), commune("2A004")], withoutGeometry: [])
        #expect(try layer.selecting(departements: ["33", "2a"]).communes.map(\.code) == ["33001", "2A004"])
        #expect { try layer.selecting(departements: ["99"]) } throws: { error in
            (error as? AnalysisInputError)?.description.hasPrefix("unknown département 99") == true
        }
    }
}
