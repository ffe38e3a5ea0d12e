import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The bulk sync's contract at a size where its set-based paths matter (issue 17): more
/// accounts than one replay chunk, accounts without facts (replayed from the look-up row)
/// and with facts (read back), many clearances and call-backs written a statement per kind,
/// repeats and conflicts. Seeded random syncs, the same files on both engines: the same
/// summaries, rejects, export bytes, audit trail, clearances and promises.
@Suite("Store contract: bulk sync")
struct BulkSyncContractTests {
    static let now: Int64 = 1_796_000_000

    /// A small seeded generator (SplitMix64), so the files are the same on every run.
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static let accounts = 2_300

    static func facts(_ rng: inout Seeded, count: Int, prefix: String, day: Int) -> [String] {
        let codes = ["NOT_HOME", "PTP", "PTP", "CALLBACK", "PARTIAL", "PAID", "REFUSED", "HARDSHIP", "MOVED", "DISPUTE", "CLAIMS_PAID"]
        var lines: [String] = [], outcomes: [(String, String)] = []
        for i in 0..<count {
            let account = "A\(rng.below(accounts))"
            let at = String(format: "2026-11-%02dT%02d:%02d:00+03:00", day + rng.below(3), 8 + rng.below(9), rng.below(60))
            if rng.below(6) == 0 {
                let amount = [100, 500, 1500, 3000][rng.below(4)]
                lines.append(SyncContractTests.payment("\(prefix)p\(i)", account, "\(amount)", at, #","reference":"REF\#(i)","channel":"mpesa""#))
                continue
            }
            let code = codes[rng.below(codes.count)]
            var extra = #","contact":"debtor""#
            switch code {
            case "PTP": extra += #","promise":{"amount":\#(200 + rng.below(5) * 100),"date":"2026-12-0\#(1 + rng.below(5))"}"#
            case "CALLBACK": extra += #","next_visit":{"date":"2026-12-0\#(2 + rng.below(5))","from":"14:00","to":"16:00"}"#
            case "PARTIAL": extra += #","collected":{"amount":\#(100 + rng.below(4) * 100),"receipt":"R\#(prefix)\#(i)"}"#
            case "PAID": extra += #","collected":{"amount":\#([1000, 3000][rng.below(2)]),"receipt":"R\#(prefix)\#(i)"}"#
            default: break
            }
            lines.append(SyncContractTests.outcome("\(prefix)o\(i)", account, "G\(1 + rng.below(3))", at, code, extra))
            outcomes.append(("\(prefix)o\(i)", account))
        }
        // Exact repeats, and a few lines changed under a stored id (conflicts).
        for _ in 0..<(count / 10) { lines.append(lines[rng.below(count)]) }
        // (On the same account: a stored id sent for another account makes SQLite's writer
        // flush mid-input and replay an account more than once, auditing each step.)
        for _ in 0..<(count / 50) {
            let (id, account) = outcomes[rng.below(outcomes.count)]
            lines.append(SyncContractTests.outcome(id, account, "G1", "2026-11-20T10:00:00+03:00", "REFUSED"))
        }
        for i in stride(from: lines.count - 1, to: 0, by: -1) { lines.swapAt(i, rng.below(i + 1)) }
        return lines
    }

    static func scenario(_ store: any AgencyStore, folder: String) throws -> ImportContractTests.Report {
        var report = ImportContractTests.Report()
        let write = ImportContractTests.write
        var setup = [
            #"{"kind":"agent","id":"G1","name":"Wanjiru","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"agent","id":"G2","name":"Kiprop","base":{"lat":-1.27,"lon":36.85},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"agent","id":"G3","name":"Otieno","base":{"lat":-1.29,"lon":36.82},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"zone","id":"Z1","name":"Umoja","agent_id":"G1"}"#,
            #"{"kind":"zone","id":"Z2","name":"Kasarani","agent_id":"G2"}"#,
        ]
        for i in 0..<accounts {
            let zone = i % 3 == 2 ? "" : #","zone_id":"Z\#(1 + i % 3)""#
            setup.append(#"{"kind":"account","id":"A\#(i)","client":"Jamii Bank","debtor_name":"D\#(i)","balance":\#([1000, 3000, 8000][i % 3]),"lat":-1.28,"lon":36.89\#(zone)}"#)
        }
        try ImportContractTests.importing(store, [write(folder, "setup.ndjson", setup)], at: now, into: &report)
        var rng = Seeded(state: 17)
        // The first sync meets accounts without facts; the later ones mostly accounts with some.
        for (n, day) in [(4_000, 20), (3_000, 24), (1_500, 27)].enumerated().map({ ($0.offset, $0.element) }) {
            let lines = facts(&rng, count: day.0, prefix: "s\(n)-", day: day.1)
            try SyncContractTests.syncing(store, [write(folder, "sync-\(n).ndjson", lines)], at: now + Int64(n) * 86_400, into: &report)
            report.exports.append(try ImportContractTests.exported(store))
        }
        try store.audit(account: nil) { report.audit.append("\($0)") }
        report.reads += try store.clearances().map { "clearance \($0)" }
        report.reads += try store.promises(PromiseList.Filter(), now: now + 3 * 86_400).items.map { "promise \($0)" }
        report.reads += try store.reviewItems(includeResolved: false).map { "review \($0)" }
        return report
    }

    @Test("seeded bulk syncs give the same results on both engines", arguments: StoreEngine.postgresOnly)
    func sameOnBothEngines(_ engine: StoreEngine) async throws {
        let sqlite = try await withFreshStore(.sqlite) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        let other = try await withFreshStore(engine) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        // The scenario exercises what it claims.
        #expect(sqlite.summaries.dropFirst().allSatisfy { $0.conflicts > 0 && $0.flagged > 0 })
        #expect(sqlite.reads.contains { $0.hasPrefix("clearance") })
        #expect(sqlite.audit.contains { $0.contains("callback-") })
        #expect(other.summaries == sqlite.summaries)
        #expect(other.rejects == sqlite.rejects)
        #expect(other.audit.count == sqlite.audit.count)
        #expect(other.audit == sqlite.audit)
        #expect(other.reads == sqlite.reads)
        #expect(other.exports.count == sqlite.exports.count)
        for (a, b) in zip(other.exports, sqlite.exports) {
            #expect(a == b, "export bytes differ at \(a.commonPrefix(with: b).count)")
        }
    }
}
