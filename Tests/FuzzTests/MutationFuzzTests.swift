import Foundation
import FuzzSupport
import Testing
import TestSupport

/// A seeded mutation fuzzer run as a test, on a small time budget per parser (MAILLAGE_FUZZ_SECONDS,
/// default 3): inputs are the seeds of Sources/Fuzz/Seeds mutated by flipping, inserting, deleting, repeating
/// and splicing bytes and ASCII numbers. The sequence of inputs is fixed by the seed, so a run that traps
/// traps again at the same input when rerun. The inputs that once crashed a parser are replayed from
/// FuzzCorpus/PARSER.
@Suite struct MutationFuzzTests {
    static let budget = Double(ProcessInfo.processInfo.environment["MAILLAGE_FUZZ_SECONDS"] ?? "") ?? 3

    static func files(in folder: URL) -> [[UInt8]] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().compactMap { try? Array(Data(contentsOf: folder.appendingPathComponent($0))) }
    }

    @Test("mutations", arguments: ParserProbe.allCases)
    func mutations(_ probe: ParserProbe) throws {
        let seeds = Self.files(in: SharedData.repository.appendingPathComponent("Sources/Fuzz/Seeds/\(probe.rawValue)"))
        try #require(!seeds.isEmpty, "no seeds in Sources/Fuzz/Seeds/\(probe.rawValue)")
        var generator = SeededGenerator(seed: 0x5EED_F022 &+ UInt64(probe.rawValue.utf8.count))
        let start = Date()
        var runs = 0
        while Date().timeIntervalSince(start) < Self.budget {
            var input = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
            for _ in 0..<Int.random(in: 1...8, using: &generator) {
                Self.mutate(&input, splicing: seeds, using: &generator)
            }
            probe.run(input)
            runs += 1
        }
        #expect(runs > 0)
    }

    @Test("regression corpus", arguments: ParserProbe.allCases)
    func regressionCorpus(_ probe: ParserProbe) {
        for input in Self.files(in: SharedData.tests("FuzzTests/FuzzCorpus/\(probe.rawValue)")) { probe.run(input) }
    }

    static func mutate(_ bytes: inout [UInt8], splicing seeds: [[UInt8]], using generator: inout SeededGenerator) {
        let interesting: [[UInt8]] = ["0", "-1", "1e308", "-0", "NaN", "9223372036854775807", "\"", ",", ";", "\n", "\r\n", "[", "]",
                                      "{", "}", ":", "\\u0000", "\u{FEFF}", "\u{00}", "\u{FF}", "null", "1e-400"].map { Array($0.utf8) }
        let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
        switch Int.random(in: 0..<7, using: &generator) {
        case 0 where !bytes.isEmpty: bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &generator))
        case 1 where !bytes.isEmpty: bytes[position] = UInt8.random(in: 0...255, using: &generator)
        case 2: bytes.insert(contentsOf: interesting[Int.random(in: 0..<interesting.count, using: &generator)], at: position)
        case 3 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...16, using: &generator))
            bytes.removeSubrange(position..<end)
        case 4 where !bytes.isEmpty:
            let end = min(bytes.count, position + Int.random(in: 1...64, using: &generator))
            bytes.insert(contentsOf: Array(bytes[position..<end]), at: position)
        case 5:
            let other = seeds[Int.random(in: 0..<seeds.count, using: &generator)]
            guard !other.isEmpty else { return }
            let from = Int.random(in: 0..<other.count, using: &generator)
            bytes.insert(contentsOf: other[from..<min(other.count, from + 128)], at: position)
        default:
            // A run of digits becomes another number.
            if let digit = bytes[position...].firstIndex(where: { (48...57).contains($0) }) {
                var end = digit
                while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
                let numbers = ["0", "4294967296", "18446744073709551616", "99999999999999999999", "-2147483649"]
                bytes.replaceSubrange(digit..<end, with: Array(numbers[Int.random(in: 0..<numbers.count, using: &generator)].utf8))
            }
        }
    }
}
