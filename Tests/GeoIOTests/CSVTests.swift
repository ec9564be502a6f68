import Foundation
import Testing
@testable import GeoIO
import TestSupport

@Suite("CSV")
struct CSVTests {
    func read(_ text: String, delimiter: UInt8? = nil) throws -> CSVTable {
        try CSVTable.read(bytes: Array(text.utf8), source: "test.csv", delimiter: delimiter)
    }

    @Test func readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws {
        let table = try read("id,name,note\r\n1,\"Dupont, Jean\",\"says \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n3,,\"\"\r\n")
        #expect(table.header == ["id", "name", "note"])
        #expect(table.rows == [["1", "Dupont, Jean", "says \"hi\""], ["2", "two\nlines", ""], ["3", "", ""]])
        #expect([0, 1, 2].map { table.lineNumber(ofRow: $0) } == [2, 3, 5] as [Int])
        #expect(table.delimiter == UInt8(ascii: ","))
        #expect(table.encoding == .utf8)
    }

    @Test func lastLineWithoutLineEndAndBlankLinesAndByteOrderMark() throws {
        let table = try read("\u{FEFF}a;b\n\n1;2\n3;4")
        #expect(table.header == ["a", "b"])
        #expect(table.rows == [["1", "2"], ["3", "4"]])
        #expect(table.delimiter == UInt8(ascii: ";"))
        #expect([table.lineNumber(ofRow: 0), table.lineNumber(ofRow: 1)] == [3, 4] as [Int])
    }

    @Test(arguments: [("a;b;c\n1;2;3\n", ";"), ("a,b,c\n1,2,3\n", ","), ("a\tb\tc\n1\t2\t3\n", "\t"),
                      ("\"x;y\",b,c\n1,2,3\n", ","), ("single\nvalue\n", ",")])
    func detectsDelimiterFromHeaderLine(text: String, expected: Character) throws {
        #expect(try read(text).delimiter == expected.asciiValue!)
    }

    @Test func explicitDelimiterWins() throws {
        let table = try read("a;b,c\n1;2,3\n", delimiter: UInt8(ascii: ","))
        #expect(table.header == ["a;b", "c"])
    }

    @Test func decodesLatin1WhenNotUTF8() throws {
        let table = try CSVTable.read(contentsOf: Fixtures.url("communes-latin1.csv"))
        #expect(table.encoding == .latin1)
        #expect(table.delimiter == UInt8(ascii: ";"))
        #expect(table.column("nom") == ["Évry", "Saint-Étienne"])
        #expect(table.rows[1] == ["42218", "Saint-Étienne", "172 565"])
    }

    @Test func forcedUTF8RejectsLatin1WithLine() {
        let error = geoIOError { try CSVTable.read(contentsOf: Fixtures.url("communes-latin1.csv"), encoding: .utf8) }
        #expect(error == .csvInvalidUTF8(source: Fixtures.url("communes-latin1.csv").path, line: 2))
    }

    @Test func raggedRowNamesFileLineAndCounts() {
        let error = geoIOError { try read("a,b,c\n1,2,3\n\"multi\nline\",5,6\n4,5\n") }
        #expect(error == .csvRaggedRow(source: "test.csv", line: 5, row: 3, fieldCount: 2, headerFieldCount: 3))
        #expect(error?.description == "test.csv line 5: row 3 has 2 fields, header has 3 — fix the row (quote fields that contain the delimiter)")
    }

    @Test func unclosedQuoteIsReportedAtItsLine() {
        let error = geoIOError { try read("a,b\n1,\"open\n2,3\n") }
        #expect(error == .csvBadQuoting(source: "test.csv", line: 2, message: "a quoted field is never closed"))
    }

    @Test func textAfterClosingQuoteIsReported() {
        let error = geoIOError { try read("a,b\n1,\"x\"y\n") }
        #expect(error == .csvBadQuoting(source: "test.csv", line: 2, message: "text follows the closing quote of a field"))
    }

    @Test func emptyFileIsReported() {
        #expect(geoIOError { try read("") } == .csvEmpty(source: "test.csv"))
    }

    @Test func columnLookupIsExactThenCaseInsensitive() throws {
        let table = try read("Code,code_insee, NOM \n1,2,3\n")
        #expect(table.columnIndex("Code") == 0)
        #expect(table.columnIndex("code") == 0)
        #expect(table.columnIndex("CODE_INSEE") == 1)
        #expect(table.columnIndex("nom") == 2)
        #expect(table.columnIndex("pop") == nil)
        #expect(geoIOError { try table.requiredColumnIndex("pop") }
            == .csvMissingColumn(source: "test.csv", column: "pop", header: ["Code", "code_insee", " NOM "]))
    }

    @Test func utf8ValidationRejectsOverlongsAndSurrogates() {
        func firstInvalid(_ bytes: [UInt8]) -> Int? {
            bytes.withUnsafeBufferPointer { UTF8Validation.firstInvalidOffset(in: $0) }
        }
        #expect(firstInvalid(Array("aé😀€".utf8)) == nil)
        #expect(firstInvalid([0x61, 0xC0, 0x80]) == 1)  // overlong
        #expect(firstInvalid([0xED, 0xA0, 0x80]) == 0)  // surrogate
        #expect(firstInvalid([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(firstInvalid([0x61, 0x62, 0xE9]) == 2)  // Latin-1 é, truncated
    }

    @Test func writerQuotesOnlyWhenNeeded() throws {
        var writer = CSVWriter(header: ["code", "nom", "note"])
        try writer.append(["01053", "Bourg-en-Bresse", "préfecture"])
        try writer.append(["2A004", "Ajaccio, \"la\" ville", "a\nb"])
        #expect(String(decoding: writer.bytes, as: UTF8.self)
            == "code,nom,note\n01053,Bourg-en-Bresse,préfecture\n2A004,\"Ajaccio, \"\"la\"\" ville\",\"a\nb\"\n")
        #expect(writer.rowCount == 2)
        #expect(geoIOError { try writer.append(["only one"]) } == .csvRowWidth(rowIndex: 2, fieldCount: 1, headerFieldCount: 3))
    }

    @Test func writerOutputReadsBack() throws {
        let header = ["a", "b", "c"]
        let rows = [["1", "x,y", "\"q\""], ["", "é\r\nz", " s "]]
        let table = try CSVTable.read(bytes: try CSVWriter.encode(header: header, rows: rows), source: "round-trip")
        #expect(table.header == header)
        #expect(table.rows == rows)
    }

    @Test(.needsSharedData)
    func readsPopulation2019() throws {
        let table = try CSVTable.read(contentsOf: SharedData.url("population/donnees_communes_pop2019.csv"))
        #expect(table.header == ["REG", "DEP", "COM", "PMUN", "PCAP", "PTOT"])
        #expect(table.delimiter == UInt8(ascii: ";"))
        #expect(table.rows.count == 34_990)
        #expect(table.rows[0] == ["84", "01", "01001", "779", "19", "798"])
        let population = table.rows.reduce(0) { $0 + Int($1[3])! }
        #expect(population > 60_000_000 && population < 70_000_000)
    }

    @Test(.needsSharedData)
    func readsFranceServices2024() throws {
        let table = try CSVTable.read(contentsOf: SharedData.url("lieux/france_services_2024.csv"))
        #expect(table.delimiter == UInt8(ascii: ","))
        #expect(table.rows.count == 2_845)
        let name = try table.requiredColumnIndex("lib_fs")
        let latitude = try table.requiredColumnIndex("latitude")
        let longitude = try table.requiredColumnIndex("longitude")
        #expect(table.rows[0][name] == "France services de Valserhône")
        #expect(table.rows[0][table.columnIndex("lib_com")!] == "Valserhône")
        #expect(Double(table.rows[0][latitude]) == 46.1060711578546)
        #expect(table.rows.allSatisfy { Double($0[longitude]) != nil && Double($0[latitude]) != nil })
        #expect(Set(table.column("type_fs")!) == ["Principal", "Antenne"])
    }
}
