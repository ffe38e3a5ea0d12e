import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanStore
import Testing

struct RepeatedIDsTests {
    /// A Bloom filter may say "maybe" for a new key, never "new" for a key it holds.
    @Test(arguments: [0, 1])
    func bloomFilterHasNoFalseNegatives(megabytes: Int) {
        var filter = BlockedBloomFilter(megabytes: megabytes)
        var rng = SeededGenerator(seed: 7)
        let keys = (0..<20_000).map { _ in rng.next() }
        for key in keys { _ = filter.insert(key) }
        #expect(keys.allSatisfy { filter.insert($0) })
    }

    /// The warnings are exact whatever the filter's size: with a filter of one block almost
    /// every line is a suspect, and the lookup in the spilled ids sorts them out. A first
    /// occurrence on another file is named with its file (issue 11).
    @Test(arguments: [0, 16])
    func warningsAreExactAcrossFiles(filterMegabytes: Int) throws {
        let repeated = try RepeatedIDs(filterMegabytes: filterMegabytes)
        var expected: [String] = []
        var firstSeen: [String: (file: String, line: Int)] = [:]
        var rng = SeededGenerator(seed: 11)
        for file in ["a.ndjson", "b.ndjson"] {
            for line in 1...3_000 {
                let kind: RecordKind = Int.random(in: 0..<10, using: &rng) == 0 ? .agent : .account
                let id = "X\(Int.random(in: 0..<4_000, using: &rng))"
                try repeated.note(kind, id, LineOrigin(source: file, line: line, raw: nil))
                let key = "\(kind.rawValue) \(id)"
                if let first = firstSeen[key] {
                    let earlier = first.file == file ? "line \(first.line)" : "\(first.file):\(first.line)"
                    expected.append("\(file):\(line): id: \(kind.rawValue) \"\(id)\" also on \(earlier); the last line wins")
                } else {
                    firstSeen[key] = (file, line)
                }
            }
        }
        #expect(expected.contains { $0.hasPrefix("b.ndjson:") && $0.contains("also on a.ndjson:") })
        #expect(expected.contains { $0.contains("also on line ") })
        #expect(try repeated.warnings() == expected)
    }

    @Test func noRepeatsNoWarnings() throws {
        let repeated = try RepeatedIDs()
        for line in 1...10_000 { try repeated.note(.account, "A\(line)", LineOrigin(source: "in", line: line, raw: nil)) }
        #expect(try repeated.warnings().isEmpty)
    }
}
