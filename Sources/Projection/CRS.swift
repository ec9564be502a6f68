/// A coordinate reference system, by any definition PROJ accepts: `"EPSG:2154"`, WKT, or a PROJ string.
public struct CRS: Sendable, Hashable, CustomStringConvertible {
    public let definition: String
    public init(_ definition: String) { self.definition = definition }

    public static func epsg(_ code: Int) -> CRS { CRS("EPSG:\(code)") }

    /// WGS84 longitude/latitude (GeoJSON's CRS; axis order normalised to lon, lat).
    public static let wgs84 = CRS.epsg(4326)
    /// RGF93 / Lambert-93: metropolitan France and Corsica.
    public static let lambert93 = CRS.epsg(2154)

    public var description: String { definition.count > 60 ? String(definition.prefix(57)) + "…" : definition }
    /// The EPSG code when the definition is `EPSG:n`.
    public var epsgCode: Int? {
        guard definition.uppercased().hasPrefix("EPSG:") else { return nil }
        return Int(definition.dropFirst(5))
    }
}

/// The metric CRS to measure in, for French territories and elsewhere.
public enum TerritoryCRS {
    /// The CRS for a département code: Lambert-93 for metropolitan France (01–95, 2A, 2B),
    /// the official local CRS for the overseas départements, nil for an unknown code.
    public static func forDepartement(_ code: String) -> CRS? {
        switch code.uppercased() {
        case "971", "972", "977", "978": return .epsg(5490)   // RGAF09 / UTM 20N: Guadeloupe, Martinique, St-Barth, St-Martin
        case "973": return .epsg(2972)                      // RGFG95 / UTM 22N: Guyane
        case "974": return .epsg(2975)                      // RGR92 / UTM 40S: La Réunion
        case "975": return .epsg(4467)                      // RGSPM06 / UTM 21N: Saint-Pierre-et-Miquelon
        case "976": return .epsg(4471)                      // RGM04 / UTM 38S: Mayotte
        case "2A", "2B": return .lambert93
        default:
            guard code.count == 2, let number = Int(code), (1...95).contains(number), number != 20 else { return nil }
            return .lambert93
        }
    }

    /// The département code of an INSEE commune code (`"33063"` → `"33"`, `"97411"` → `"974"`, `"2A004"` → `"2A"`).
    public static func departement(ofCommune code: String) -> String {
        code.hasPrefix("97") ? String(code.prefix(3)) : String(code.prefix(2))
    }

    /// A metric CRS for a lon/lat point: Lambert-93 over metropolitan France and Corsica, the
    /// overseas CRS near each overseas département, otherwise the WGS84 UTM zone of the point.
    public static func forLonLat(longitude: Double, latitude: Double) -> CRS {
        if (-5.8...10.0).contains(longitude), (41.0...51.6).contains(latitude) { return .lambert93 }
        if (-62.0 ... -60.5).contains(longitude), (14.0...18.2).contains(latitude) { return .epsg(5490) }
        if (-55.0 ... -51.0).contains(longitude), (1.5...6.0).contains(latitude) { return .epsg(2972) }
        if (55.0...56.0).contains(longitude), (-21.5 ... -20.7).contains(latitude) { return .epsg(2975) }
        if (44.8...45.6).contains(longitude), (-13.2 ... -12.5).contains(latitude) { return .epsg(4471) }
        return utmZone(longitude: longitude, latitude: latitude)
    }

    /// WGS84 / UTM zone of a point (EPSG:326zz north, 327zz south).
    public static func utmZone(longitude: Double, latitude: Double) -> CRS {
        let zone = min(60, max(1, Int(((longitude + 180) / 6).rounded(.down)) + 1))
        return .epsg((latitude >= 0 ? 32600 : 32700) + zone)
    }
}
