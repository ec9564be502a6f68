import Foundation

/// The régions of France and their départements, COG 2024 (unchanged since the 2016 reform; Mayotte is a
/// département-région since 2011, the Collectivité de Corse a collectivité with the status of a région).
public struct Region: Sendable, Equatable {
    /// INSEE code of the région ("75").
    public let code: String
    public let name: String
    public let departements: [String]

    /// Lower case, accents and punctuation dropped, words joined by "-": "nouvelle-aquitaine", "provence-alpes-cote-d-azur".
    public var slug: String { Self.slug(name) }

    public static let vintage = "COG 2024"

    public static let all: [Region] = [
        Region(code: "01", name: "Guadeloupe", departements: ["971"]),
        Region(code: "02", name: "Martinique", departements: ["972"]),
        Region(code: "03", name: "Guyane", departements: ["973"]),
        Region(code: "04", name: "La Réunion", departements: ["974"]),
        Region(code: "06", name: "Mayotte", departements: ["976"]),
        Region(code: "11", name: "Île-de-France", departements: ["75", "77", "78", "91", "92", "93", "94", "95"]),
        Region(code: "24", name: "Centre-Val de Loire", departements: ["18", "28", "36", "37", "41", "45"]),
        Region(code: "27", name: "Bourgogne-Franche-Comté", departements: ["21", "25", "39", "58", "70", "71", "89", "90"]),
        Region(code: "28", name: "Normandie", departements: ["14", "27", "50", "61", "76"]),
        Region(code: "32", name: "Hauts-de-France", departements: ["02", "59", "60", "62", "80"]),
        Region(code: "44", name: "Grand Est", departements: ["08", "10", "51", "52", "54", "55", "57", "67", "68", "88"]),
        Region(code: "52", name: "Pays de la Loire", departements: ["44", "49", "53", "72", "85"]),
        Region(code: "53", name: "Bretagne", departements: ["22", "29", "35", "56"]),
        Region(code: "75", name: "Nouvelle-Aquitaine",
               departements: ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"]),
        Region(code: "76", name: "Occitanie",
               departements: ["09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82"]),
        Region(code: "84", name: "Auvergne-Rhône-Alpes",
               departements: ["01", "03", "07", "15", "26", "38", "42", "43", "63", "69", "73", "74"]),
        Region(code: "93", name: "Provence-Alpes-Côte d'Azur", departements: ["04", "05", "06", "13", "83", "84"]),
        Region(code: "94", name: "Corse", departements: ["2A", "2B"]),
    ]

    private static let byDepartement: [String: Region] = {
        var map: [String: Region] = [:]
        for region in all { for departement in region.departements { map[departement] = region } }
        return map
    }()

    /// The région of a département code (`"33"`, `"2A"`, `"974"`); nil when unknown.
    public static func of(departement code: String) -> Region? { byDepartement[code.uppercased()] }

    /// The région named by `text`: its INSEE code ("75", "1" for "01"), name or slug, ignoring case, accents,
    /// spaces, hyphens and apostrophes ("Nouvelle Aquitaine", "nouvelle-aquitaine", "PACA" is not a name).
    public static func find(_ text: String) throws -> Region {
        let wanted = text.trimmingCharacters(in: .whitespaces)
        let code = wanted.count == 1 ? "0" + wanted : wanted
        if let region = all.first(where: { $0.code == code }) { return region }
        let key = slug(wanted)
        if let region = all.first(where: { $0.slug == key }) { return region }
        throw AnalysisInputError.unknownRegion(text, known: all.map { "\($0.code) \($0.slug)" })
    }

    static func slug(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR")).lowercased()
        return folded.split { !($0.isLetter || $0.isNumber) }.joined(separator: "-")
    }
}
