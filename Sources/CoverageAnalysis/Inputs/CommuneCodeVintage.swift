import Foundation
import GeoIO

/// The INSEE history of commune changes ("mouvements des communes", columns MOD, DATE_EFF, TYPECOM_AV, COM_AV,
/// LIBELLE_AV, TYPECOM_AP, COM_AP, LIBELLE_AP…): every change of a commune's code, kept as commune-to-commune links.
public struct CommuneChanges: Sendable {
    /// A commune (TYPECOM COM) whose territory, whole or in part, went to another commune code on `date`.
    public struct Link: Sendable, Hashable {
        public let date: String   // ISO yyyy-mm-dd, so text order is date order
        public let before: String
        public let after: String
        public let kind: String   // MOD: 31/32/33 mergers, 21 re-establishment, 41/50 code changes…
    }

    public let links: [Link]
    /// The latest name of each commune code after a change.
    public let names: [String: String]
    public let source: String

    public init(links: [Link], names: [String: String] = [:], source: String = "changes") {
        self.links = links; self.names = names; self.source = source
    }

    public static func read(contentsOf url: URL) throws -> CommuneChanges {
        let table = try TableFile.read(path: url.path, columns: ["COM_AV", "COM_AP"], role: .population)
        func column(_ name: String) throws -> Int {
            guard let index = table.columnIndex(name) else {
                throw AnalysisInputError.missingColumn(source: url.lastPathComponent, role: "INSEE commune change", tried: [name],
                                                       header: table.header)
            }
            return index
        }
        let (mod, date, typeBefore, before, typeAfter, after) = try (column("MOD"), column("DATE_EFF"), column("TYPECOM_AV"),
                                                                     column("COM_AV"), column("TYPECOM_AP"), column("COM_AP"))
        let label = table.columnIndex("LIBELLE_AP")
        var links = Set<Link>()
        var names: [String: (date: String, name: String)] = [:]
        for row in table.rows where row[typeBefore] == "COM" && row[typeAfter] == "COM" {
            if let label, names[row[after]].map({ $0.date <= row[date] }) ?? true { names[row[after]] = (row[date], row[label]) }
            guard row[before] != row[after] else { continue }
            links.insert(Link(date: row[date], before: row[before], after: row[after], kind: row[mod]))
        }
        return CommuneChanges(links: links.sorted { ($0.date, $0.before, $0.after) < ($1.date, $1.before, $1.after) },
                              names: names.mapValues(\.name), source: url.lastPathComponent)
    }
}

/// Codes of one commune-code vintage (say, boundaries of COG 2018) matched to those of another (a table of
/// COG 2026: populations, EPCI, density), through the history of changes. A source code absent from the target
/// follows its mergers and code changes forward in time to the target codes it became; a target code absent
/// from the source follows them backward (a commune re-established since) to the source code that held it.
/// Codes so linked form groups: each group is one commune of the result (sources dissolved together, target
/// rows added up). Reusable for any table keyed by commune code.
public struct CommuneCodeVintage: Sendable {
    public struct Group: Sendable, Equatable {
        /// The code of the group in the result: its target code when there is one, else a target code that is
        /// also a source code (the commune that continues), else the smallest target code.
        public let code: String
        public let sourceCodes: [String]
        public let targetCodes: [String]
    }

    /// Groups of more than one code, or of one code that changed, in code order.
    public let groups: [Group]
    /// Source codes that reach no target code, and target codes that no source code holds.
    public let unmatchedSource: [String]
    public let unmatchedTarget: [String]
    private let groupOfSource: [String: Int]
    private let groupOfTarget: [String: Int]

    public init(changes: CommuneChanges, sourceCodes: Set<String>, targetCodes: Set<String>) {
        var forward: [String: [CommuneChanges.Link]] = [:], backward: [String: [CommuneChanges.Link]] = [:]  // by before, by after
        for link in changes.links {
            forward[link.before, default: []].append(link)
            backward[link.after, default: []].append(link)
        }
        // Union-find over codes ("S:" source, "T:" target; a code in both is one commune).
        var parent: [String: String] = [:]
        func find(_ code: String) -> String {
            var root = code
            while let next = parent[root], next != root { root = next }
            var node = code
            while let next = parent[node], next != root { parent[node] = root; node = next }
            return root
        }
        func union(_ a: String, _ b: String) {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        /// Codes of `goal` reached from `start` along links whose dates never go back (forward) or never go forward.
        func reach(from start: String, links: [String: [CommuneChanges.Link]], forwardInTime: Bool, goal: Set<String>) -> Set<String> {
            var found = Set<String>(), seen = Set<String>([start])
            // A source code still existed after every change that brought territory to it: it left after the last one.
            // Going back, a target code absent from the source came (back) into being at its latest arrival.
            let since = backward[start]?.map(\.date).max() ?? ""
            var stack: [(code: String, date: String)] = [(start, forwardInTime ? since : "9999")]
            while let (code, date) = stack.popLast() {
                let first = code == start
                for link in links[code] ?? [] where forwardInTime ? link.date >= date : (first ? link.date == since : link.date <= date) {
                    let next = forwardInTime ? link.after : link.before
                    guard seen.insert(next).inserted else { continue }
                    if goal.contains(next) { found.insert(next) } else { stack.append((next, link.date)) }
                }
            }
            return found
        }
        for code in sourceCodes.union(targetCodes) { parent[code] = code }
        for code in sourceCodes.subtracting(targetCodes) {
            for target in reach(from: code, links: forward, forwardInTime: true, goal: targetCodes) { union(code, target) }
        }
        for code in targetCodes.subtracting(sourceCodes) {
            for source in reach(from: code, links: backward, forwardInTime: false, goal: sourceCodes) { union(code, source) }
        }
        var members: [String: [String]] = [:]
        for code in parent.keys { members[find(code), default: []].append(code) }
        var groups: [Group] = [], unmatchedSource: [String] = [], unmatchedTarget: [String] = []
        for codes in members.values {
            let sources = codes.filter(sourceCodes.contains).sorted(), targets = codes.filter(targetCodes.contains).sorted()
            if targets.isEmpty { unmatchedSource += sources; continue }
            if sources.isEmpty { unmatchedTarget += targets; continue }
            if sources == targets && sources.count == 1 { continue }
            let code = targets.count == 1 ? targets[0] : (targets.first(where: sourceCodes.contains) ?? targets[0])
            groups.append(Group(code: code, sourceCodes: sources, targetCodes: targets))
        }
        self.groups = groups.sorted { $0.code < $1.code }
        self.unmatchedSource = unmatchedSource.sorted()
        self.unmatchedTarget = unmatchedTarget.sorted()
        var groupOfSource: [String: Int] = [:], groupOfTarget: [String: Int] = [:]
        for (index, group) in self.groups.enumerated() {
            for code in group.sourceCodes { groupOfSource[code] = index }
            for code in group.targetCodes { groupOfTarget[code] = index }
        }
        self.groupOfSource = groupOfSource
        self.groupOfTarget = groupOfTarget
    }

    /// The result code of a source code (itself when unchanged).
    public func code(ofSource code: String) -> String { groupOfSource[code].map { groups[$0].code } ?? code }
    /// The result code of a target code (itself when unchanged).
    public func code(ofTarget code: String) -> String { groupOfTarget[code].map { groups[$0].code } ?? code }
    /// The target codes (rows of the target table) that a source code's commune corresponds to.
    public func targetCodes(ofSource code: String) -> [String] { groupOfSource[code].map { groups[$0].targetCodes } ?? [code] }
    /// Target code → result code, for the target codes that move (feed to `PopulationTable.remapped`).
    public var targetMoves: [String: String] {
        var moves: [String: String] = [:]
        for group in groups { for code in group.targetCodes where code != group.code { moves[code] = group.code } }
        return moves
    }
}
