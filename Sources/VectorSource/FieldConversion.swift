internal import CGDAL
import GeoIO

/// The fields of a layer, read into `JSONObject` properties in field order.
struct FieldReader {
    private struct Field {
        let name: String
        let type: OGRFieldType
        let isBoolean: Bool
    }

    private let fields: [Field]

    init(definition: OGRFeatureDefnH) {
        fields = (0..<OGR_FD_GetFieldCount(definition)).map { index in
            let field = OGR_FD_GetFieldDefn(definition, index)
            return Field(name: String(gdal: OGR_Fld_GetNameRef(field)), type: OGR_Fld_GetType(field),
                         isBoolean: OGR_Fld_GetSubType(field) == OFSTBoolean)
        }
    }

    var names: [String] { fields.map(\.name) }

    func properties(of feature: OGRFeatureH) -> JSONObject {
        var pairs: [(key: String, value: JSONValue)] = []
        pairs.reserveCapacity(fields.count)
        for (index, field) in fields.enumerated() {
            pairs.append((key: field.name, value: value(of: feature, at: Int32(index), field)))
        }
        return JSONObject(pairs)
    }

    private func value(of feature: OGRFeatureH, at index: Int32, _ field: Field) -> JSONValue {
        guard OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else { return .null }
        switch field.type {
        case OFTInteger:
            let number = OGR_F_GetFieldAsInteger(feature, index)
            return field.isBoolean ? .bool(number != 0) : .number(Double(number))
        case OFTInteger64:
            return .number(Double(OGR_F_GetFieldAsInteger64(feature, index)))
        case OFTReal:
            return .number(OGR_F_GetFieldAsDouble(feature, index))
        case OFTDate, OFTDateTime, OFTTime:
            return .string(Self.isoDateTime(feature, index, field.type))
        case OFTIntegerList:
            var count: Int32 = 0
            let list = OGR_F_GetFieldAsIntegerList(feature, index, &count)
            return .array((0..<Int(count)).map { .number(Double(list![$0])) })
        case OFTInteger64List:
            var count: Int32 = 0
            let list = OGR_F_GetFieldAsInteger64List(feature, index, &count)
            return .array((0..<Int(count)).map { .number(Double(list![$0])) })
        case OFTRealList:
            var count: Int32 = 0
            let list = OGR_F_GetFieldAsDoubleList(feature, index, &count)
            return .array((0..<Int(count)).map { .number(list![$0]) })
        case OFTStringList:
            let list = OGR_F_GetFieldAsStringList(feature, index)
            return .array((0..<Int(CSLCount(list))).map { .string(String(gdal: list![$0])) })
        default:
            // Strings, and binary fields as GDAL's hexadecimal text.
            return .string(String(gdal: OGR_F_GetFieldAsString(feature, index)))
        }
    }

    /// "2024-03-01", "2024-03-01T08:30:00", "08:30:00.5", with "Z" or "+01:00" when the time zone is known.
    private static func isoDateTime(_ feature: OGRFeatureH, _ index: Int32, _ type: OGRFieldType) -> String {
        var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, hour: Int32 = 0, minute: Int32 = 0, zone: Int32 = 0
        var second: Float = 0
        guard OGR_F_GetFieldAsDateTimeEx(feature, index, &year, &month, &day, &hour, &minute, &second, &zone) != 0 else {
            return String(gdal: OGR_F_GetFieldAsString(feature, index))
        }
        let date = "\(digits(year, 4))-\(digits(month, 2))-\(digits(day, 2))"
        if type == OFTDate { return date }
        let wholeSeconds = Int32(second.rounded(.down))
        let milliseconds = Int32(((second - Float(wholeSeconds)) * 1000).rounded())
        var time = "\(digits(hour, 2)):\(digits(minute, 2)):\(digits(wholeSeconds, 2))"
        if milliseconds > 0 { time += "." + digits(milliseconds, 3) }
        // OGR time zone flag: 0 unknown, 1 local, 100 UTC, 100 ± n quarter hours.
        if zone == 100 {
            time += "Z"
        } else if zone > 1 {
            let offset = abs(zone - 100) * 15
            time += (zone > 100 ? "+" : "-") + "\(digits(offset / 60, 2)):\(digits(offset % 60, 2))"
        }
        return type == OFTTime ? time : date + "T" + time
    }

    private static func digits(_ value: Int32, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
