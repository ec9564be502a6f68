import Testing
import VectorSource

struct FileFormatTests {
    func detect(_ bytes: [UInt8], _ fileExtension: String = "") -> FileFormat {
        FileFormat.detect(head: bytes, fileExtension: fileExtension)
    }

    func detect(_ text: String, _ fileExtension: String = "") -> FileFormat {
        detect(Array(text.utf8), fileExtension)
    }

    @Test func binaryFormatsByTheirMagicBytes() {
        #expect(detect([0x00, 0x00, 0x27, 0x0A, 0, 0], "shp") == .shapefile)
        #expect(detect([0x03, 0x7C, 0x01], "dbf") == .shapefilePart)
        var sqlite = Array("SQLite format 3\0".utf8) + [UInt8](repeating: 0, count: 80)
        #expect(detect(sqlite, "db") == .sqlite)
        sqlite.replaceSubrange(68..<72, with: Array("GPKG".utf8))
        #expect(detect(sqlite, "db") == .geoPackage)
        #expect(detect(Array("fgb".utf8) + [3, 0, 1], "") == .flatGeobuf)
        #expect(detect([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "xls") == .xls)
        #expect(detect(Array("PAR1".utf8), "parquet") == .parquet)
        let osmHeader: [UInt8] = [0, 0, 0, 0x0D, 0x0A, 0x09] + Array("OSMHeader".utf8) + [0x18, 0x7C]
        #expect(detect(osmHeader, "pbf") == .osmPBF)
    }

    @Test func zipArchivesByWhatTheyHold() {
        let zip: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
        #expect(detect(zip + Array("....mimetypeapplication/vnd.oasis.opendocument.spreadsheet".utf8)) == .ods)
        #expect(detect(zip + Array("....[Content_Types].xml....xl/workbook.xml".utf8)) == .xlsx)
        #expect(detect(zip + Array("....communes.shp".utf8), "zip") == .zip)
    }

    @Test func textFormats() {
        #expect(detect("\u{FEFF} {\"type\": \"FeatureCollection\", \"features\": []}") == .geoJSON)
        #expect(detect("[{\"a\": 1}]", "json") == .json)
        #expect(detect("COM;PMUN\n01001;779\n", "txt") == .csv)
        #expect(detect("<?xml version=\"1.0\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">") == .kml)
        #expect(detect("hello", "txt") == .unknown)
    }

    @Test func labelsNameTheFormatForSentences() {
        #expect(FileFormat.shapefile.label == "a Shapefile (.shp)")
        #expect(FileFormat.allCases.allSatisfy { !$0.label.isEmpty })
    }
}
