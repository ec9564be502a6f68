import Foundation
import GeoCore
import GeoIO
import Testing
import TestSupport
import VectorSource

/// Small files written for each test: inline CSV (with a WKT column) or GeoJSON text, converted with ogr2ogr.
@Suite(.enabled(if: GDALTools.available, "needs GDAL's ogr2ogr (Debian package gdal-bin) to write the test files"), .temporaryFolders)
struct HandMadeLayerTests {
    /// The test's folder, removed with everything in it when the test ends.
    let folder: URL

    init() throws { folder = try temporaryFolder() }

    /// Writes `text` to `name` in the test folder.
    func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// Appends a layer `name` of one feature of type `type` (from WKT) to the GeoPackage `gpkg`, in Lambert-93.
    func addLayer(_ name: String, _ type: String, wkt: String, to gpkg: URL) throws {
        let csv = try file("\(name).csv", "id,WKT\n1,\"\(wkt)\"\n")
        let update = FileManager.default.fileExists(atPath: gpkg.path) ? ["-update"] : []
        try GDALTools.ogr2ogr(update + ["-f", "GPKG", "-a_srs", "EPSG:2154", "-nlt", type, "-nln", name], gpkg, csv)
    }

    let square = "POLYGON ((700000 6600000,701000 6600000,701000 6601000,700000 6600000))"
    let point = "POINT (700000 6600000)"

    @Test func aShapefileWithoutPrjIsAnErrorSayingHowToFixIt() throws {
        let shp = folder.appendingPathComponent("no_crs.shp")
        try GDALTools.ogr2ogr(["-f", "ESRI Shapefile"], shp, try file("in.csv", "id,WKT\n1,\"\(square)\"\n"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("no_crs.prj").path))
        let error = try #require(vectorSourceError { () throws(VectorSourceError) in try VectorSource.read(path: shp.path) })
        #expect(error == .missingCRS(path: shp.path, layer: "no_crs", driver: "ESRI Shapefile"))
        #expect(error.description.contains(shp.path) && error.description.contains(".prj")
                    && error.description.contains("-a_srs EPSG:2154"))
    }

    @Test func aLatin1ShapefileWithItsCpgGivesUTF8Names() throws {
        let shp = folder.appendingPathComponent("latin1.shp")
        let csv = try file("names.csv", "NOM,WKT\nÉvaux-les-Bains,\"\(point)\"\nBénévent-l'Abbaye,\"\(point)\"\n")
        try GDALTools.ogr2ogr(["-f", "ESRI Shapefile", "-a_srs", "EPSG:2154", "-lco", "ENCODING=ISO-8859-1"], shp, csv)
        let dbf = try Data(contentsOf: folder.appendingPathComponent("latin1.dbf"))
        #expect(dbf.contains(0xC9) && !dbf.contains(0xC3), "the .dbf holds Latin-1 bytes (É = 0xC9)")
        let names = try VectorSource.read(path: shp.path).features.features.map { $0.properties["NOM"] }
        #expect(names == ["Évaux-les-Bains", "Bénévent-l'Abbaye"])
    }

    @Test func aGeoJSONWithoutCrsIsWGS84() throws {
        let url = try file("plain.geojson", """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"n":3,"r":2.5,"s":"Évaux-les-Bains",
            "d":"2024-03-01","b":true,"z":null},"geometry":{"type":"Point","coordinates":[2.4886,46.1747]}},
            {"type":"Feature","properties":{"n":4,"r":1,"s":"x","d":"2024-03-02","b":false,"z":null},"geometry":null}]}
            """)
        let layer = try VectorSource.read(path: url.path)
        #expect(layer.sourceCRS == "EPSG:4326")
        #expect(layer.featuresWithoutGeometry == 1)
        let first = layer.features.features[0]
        #expect(first.geometry == .point(XY(2.4886, 46.1747)))
        #expect(first.properties == ["n": 3, "r": 2.5, "s": "Évaux-les-Bains", "d": "2024-03-01", "b": true, "z": nil])
        #expect(layer.features.features[1].geometry == nil)
    }

    @Test func theOnlyPolygonLayerIsChosen() throws {
        let gpkg = folder.appendingPathComponent("two.gpkg")
        try addLayer("sites", "POINT", wkt: point, to: gpkg)
        try addLayer("zones", "POLYGON", wkt: square, to: gpkg)
        let layer = try VectorSource.read(path: gpkg.path)
        #expect(layer.layerName == "zones")
        #expect(try VectorSource.read(path: gpkg.path, layer: "SITES").layerName == "sites")
        let error = try #require(vectorSourceError { () throws(VectorSourceError) in try VectorSource.read(path: gpkg.path, layer: "communes") })
        #expect(error.description.contains("no layer \"communes\"")
                    && error.description.contains("\"sites\" (Point), \"zones\" (Polygon)"))
    }

    @Test func amongSeveralPolygonLayersTheCommuneOneIsChosen() throws {
        let gpkg = folder.appendingPathComponent("admin.gpkg")
        try addLayer("epci", "POLYGON", wkt: square, to: gpkg)
        try addLayer("Communes_2024", "POLYGON", wkt: square, to: gpkg)
        #expect(try VectorSource.read(path: gpkg.path).layerName == "Communes_2024")
    }

    @Test func severalPolygonLayersWithoutACommuneLayerAreAnErrorListingThem() throws {
        let gpkg = folder.appendingPathComponent("ambiguous.gpkg")
        try addLayer("epci", "POLYGON", wkt: square, to: gpkg)
        try addLayer("cantons", "POLYGON", wkt: square, to: gpkg)
        try addLayer("lieux", "POINT", wkt: point, to: gpkg)
        let error = try #require(vectorSourceError { () throws(VectorSourceError) in try VectorSource.read(path: gpkg.path) })
        guard case .ambiguousLayer(_, let available) = error else { Issue.record("got \(error)"); return }
        #expect(available.map(\.name) == ["epci", "cantons", "lieux"])
        #expect(error.description.contains("\"epci\" (Polygon), \"cantons\" (Polygon), \"lieux\" (Point)")
                    && error.description.contains("give the layer name"))
    }

    @Test func curvesAreLinearisedZIsDroppedAndRingsClosed() throws {
        // Lambert-93 (700000, 6600000) is exactly (3° E, 46.5° N): its false origin.
        let csv = try file("shapes.csv", """
            id,WKT
            circle,"CURVEPOLYGON (CIRCULARSTRING (699000 6600000,700000 6601000,701000 6600000,700000 6599000,699000 6600000))"
            point3d,"POINT Z (700000 6600000 250)"
            holes,"MULTIPOLYGON (((0 0,100 0,100 100,0 100,0 0),(10 10,10 20,20 20,10 10)),((200 0,300 0,300 100,200 0)))"
            open,"POLYGON ((700000 6600000,700100 6600000,700100 6600100))"
            none,
            """)
        let gpkg = folder.appendingPathComponent("shapes.gpkg")
        try GDALTools.ogr2ogr(["-f", "GPKG", "-a_srs", "EPSG:2154", "-nlt", "GEOMETRY", "-dim", "XYZ"], gpkg, csv)
        let layer = try VectorSource.read(path: gpkg.path)
        let byID = Dictionary(uniqueKeysWithValues: layer.features.features.map { ($0.properties["id"]!.stringValue!, $0.geometry) })
        #expect(layer.featuresWithoutGeometry == 1 && byID["none"]! == nil)

        guard case .polygon(let circle)? = byID["circle"]! else { Issue.record("circle: \(String(describing: byID["circle"]))"); return }
        #expect(circle.count == 1 && circle[0].count > 20 && circle[0].first == circle[0].last)
        for vertex in circle[0] {  // 1 km from the centre, give or take the Lambert-93 scale (< 0.1 %) and the chords
            let metres = hypot((vertex.x - 3) * 111_319.49 * cos(46.5 * .pi / 180), (vertex.y - 46.5) * 111_132.95)
            #expect(abs(metres - 1000) < 10, "\(vertex) is \(metres) m from the centre")
        }
        guard case .point(let point)? = byID["point3d"]! else { Issue.record("point3d"); return }
        #expect(abs(point.x - 3) < 1e-9 && abs(point.y - 46.5) < 1e-9)

        guard case .multiPolygon(let parts)? = byID["holes"]! else { Issue.record("holes"); return }
        #expect(parts.map(\.count) == [2, 1])
        #expect(parts.flatMap { $0 }.map(\.count) == [5, 4, 4])
        guard case .polygon(let open)? = byID["open"]! else { Issue.record("open"); return }
        #expect(open[0].count == 4 && open[0].first == open[0].last)
    }

    @Test func anODSSheetIsReadRowByRow() throws {
        let ods = folder.appendingPathComponent("table.ods")
        try GDALTools.ogr2ogr(["-f", "ODS", "-nln", "Feuille 1"], ods, try file("t.csv", "COM,PMUN\n23006,173\n2A004,\n"))
        let table = try VectorSource.readTable(path: ods.path)
        #expect(table.sheet == "Feuille 1")
        #expect(table.rows == [["COM", "PMUN"], ["23006", "173"], ["2A004", ""]])
    }

    @Test func aCSVIsNotASpreadsheet() throws {
        let csv = try file("t.csv", "COM;PMUN\n23006;173\n")
        let error = try #require(vectorSourceError { () throws(VectorSourceError) in try VectorSource.readTable(path: csv.path) })
        guard case .notASpreadsheet(_, let format, _) = error else { Issue.record("got \(error)"); return }
        #expect(format == .csv)
        #expect(error.description.contains("this is a CSV text table, not an XLSX or ODS workbook"))
    }

    @Test func aFileGDALCannotReadNamesItsFormat() throws {
        let json = try file("list.json", "[1, 2, 3]")
        let error = try #require(vectorSourceError { () throws(VectorSourceError) in try VectorSource.read(path: json.path) })
        guard case .cannotOpen(let path, let format, _) = error else { Issue.record("got \(error)"); return }
        #expect(path == json.path && format == .json)
        #expect(error.description.hasPrefix("\(json.path): this is a JSON file that is not GeoJSON"))
        let missing = folder.appendingPathComponent("absent.shp").path
        #expect(vectorSourceError { () throws(VectorSourceError) in try VectorSource.read(path: missing) }
                    == .unreadableFile(path: missing, reason: "no such file"))
    }
}
