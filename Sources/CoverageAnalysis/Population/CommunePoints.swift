import Foundation
import GeoCore
import GeoIO

/// Representative points given by the user: a CSV of commune code, longitude and latitude (e.g. the
/// chefs-lieux). Columns are found by name as the lieux' are (code: code, insee, code_insee, com,
/// codgeo, insee_com; longitude: longitude, lon, lng, long, x; latitude: latitude, lat, y; any case).
public struct CommunePoints: Sendable {
    public let source: String
    public let pointByCode: [String: XY]

    static let codeNames = ["code", "insee", "code_insee", "com", "codgeo", "insee_com", "code_commune"]

    public init(source: String, pointByCode: [String: XY]) {
        self.source = source; self.pointByCode = pointByCode
    }

    public static func read(path: String) throws -> CommunePoints {
        let url = URL(fileURLWithPath: path)
        let table = try CSVTable.read(contentsOf: url)
        let source = url.lastPathComponent
        func column(_ names: [String], role: String) throws -> Int {
            for name in names {
                if let index = table.header.firstIndex(where: { $0.lowercased() == name }) { return index }
            }
            throw AnalysisInputError.missingColumn(source: source, role: role, tried: names, header: table.header)
        }
        let code = try column(codeNames, role: "commune code")
        let lon = try column(LieuReadOptions.longitudeNames, role: "longitude")
        let lat = try column(LieuReadOptions.latitudeNames, role: "latitude")
        var points: [String: XY] = [:]
        for (index, row) in table.rows.enumerated() {
            var key = row[code].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            if key.count == 4, key.allSatisfy(\.isNumber) { key = "0" + key }
            let line = "line \(table.lineNumber(ofRow: index))"
            guard let x = Double(row[lon].trimmingCharacters(in: .whitespaces)), (-180...180).contains(x) else {
                throw AnalysisInputError.badNumber(source: source, location: line, column: table.header[lon], value: row[lon])
            }
            guard let y = Double(row[lat].trimmingCharacters(in: .whitespaces)), (-90...90).contains(y) else {
                throw AnalysisInputError.badNumber(source: source, location: line, column: table.header[lat], value: row[lat])
            }
            points[key] = XY(x, y)
        }
        return CommunePoints(source: path, pointByCode: points)
    }
}
