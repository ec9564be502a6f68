import Foundation
import GeoCore
import GeoIO

/// Representative points of communes given by the user (chef-lieux, town halls…): a CSV with a commune
/// code column and longitude/latitude columns in WGS84.
public enum CommunePoints {
    static let codeNames = ["code", "insee", "code_insee", "com", "codgeo", "insee_com"]

    /// code → lon/lat. Columns: `code` (or insee, code_insee, com, codgeo, insee_com) and the lieux's
    /// longitude/latitude spellings. A code listed twice is an error (which point would be meant?).
    public static func read(path: String) throws -> [String: XY] {
        let url = URL(fileURLWithPath: path)
        let table = try CSVTable.read(contentsOf: url)
        let source = url.lastPathComponent
        let code = try LieuSet.pick(nil, codeNames, in: table.header, role: "commune code", source: source, required: true)!
        let lon = try LieuSet.pick(nil, LieuReadOptions.longitudeNames, in: table.header, role: "longitude", source: source, required: true)!
        let lat = try LieuSet.pick(nil, LieuReadOptions.latitudeNames, in: table.header, role: "latitude", source: source, required: true)!
        let (codeIndex, lonIndex, latIndex) = (table.columnIndex(code)!, table.columnIndex(lon)!, table.columnIndex(lat)!)
        var points: [String: XY] = [:]
        points.reserveCapacity(table.rows.count)
        for (rowIndex, row) in table.rows.enumerated() {
            let location = "line \(table.lineNumber(ofRow: rowIndex))"
            let key = row[codeIndex].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty else { continue }
            func number(_ index: Int, _ column: String) throws -> Double {
                let text = row[index].trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
                guard let value = Double(text), value.isFinite else {
                    throw AnalysisInputError.badNumber(source: source, location: location, column: column, value: row[index])
                }
                return value
            }
            let point = XY(try number(lonIndex, lon), try number(latIndex, lat))
            guard (-180...180).contains(point.x), (-90...90).contains(point.y) else {
                throw AnalysisInputError.badParameter("\(source) \(location): (\(point.x), \(point.y)) is not a WGS84 longitude/latitude")
            }
            let normalized = key.count == 4 ? "0" + key : key
            if points[normalized] != nil {
                throw AnalysisInputError.badParameter("\(source) \(location): commune \(normalized) is listed twice — keep one point per commune")
            }
            points[normalized] = point
        }
        return points
    }
}
