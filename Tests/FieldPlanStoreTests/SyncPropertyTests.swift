import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanStore
import Testing

/// Order does not matter: a stream of outcomes and payments imported shuffled, with
/// duplicates, in random batches, leaves the same store as one clean in-order import.
struct SyncPropertyTests {
    typealias F = SyncFixture

    /// A plausible seeded stream of facts for accounts A1…A`accounts`, in time order.
    static func stream(seed: UInt64, accounts: Int, count: Int) -> [String] {
        var rng = SeededGenerator(seed: seed)
        let start = CivilDate("2026-11-20")!
        var facts: [(epochKey: Int, line: String)] = []
        for i in 0..<count {
            let account = "A\(Int.random(in: 1...accounts, using: &rng))"
            let day = start.adding(days: Int.random(in: 0...19, using: &rng))
            let minute = Int.random(in: 8 * 60...18 * 60, using: &rng)
            let at = Instant(date: day, secondsOfDay: minute * 60, offsetSeconds: 3 * 3600).text
            let key = day.dayNumber * 1440 + minute
            if Int.random(in: 0..<4, using: &rng) == 0 {
                facts.append((key, F.payment("p\(i)", account, amount: String(Int.random(in: 1...40, using: &rng) * 10), at: at,
                                             reference: Bool.random(using: &rng) ? "R\(Int.random(in: 0..<count, using: &rng))" : nil)))
                continue
            }
            let agent = Int.random(in: 0..<5, using: &rng) == 0 ? "G2" : "G1"
            let id = "o\(i)"
            let line: String
            switch Int.random(in: 0..<12, using: &rng) {
            case 0, 1:
                line = F.ptp(id, account, agent: agent, at: at, amount: String(Int.random(in: 1...30, using: &rng) * 10),
                             due: day.adding(days: Int.random(in: 0...10, using: &rng)).description)
            case 2:
                line = F.collected(id, account, agent: agent, at: at, amount: String(Int.random(in: 1...30, using: &rng) * 10),
                                   receipt: "R\(i)")
            case 3: line = F.collected(id, account, agent: agent, at: at, "PAID", amount: String(Int.random(in: 20...60, using: &rng) * 10))
            case 4: line = F.outcome(id, account, agent: agent, at: at, "CALLBACK",
                                     extra: #","next_visit":"\#(day.adding(days: Int.random(in: 1...4, using: &rng)))""#)
            case 5: line = F.outcome(id, account, agent: agent, at: at, ["DISPUTE", "CLAIMS_PAID", "NOT_VISITED"].randomElement(using: &rng)!,
                                     extra: #","notes":"n""#)
            case 6: line = F.outcome(id, account, agent: agent, at: at, ["MOVED", "WRONG_ADDRESS"].randomElement(using: &rng)!)
            case 7: line = F.outcome(id, account, agent: agent, at: at, "REFUSED", extra: #","contact":"debtor""#)
            case 8: line = F.outcome(id, account, agent: agent, at: at, ["HARDSHIP", "LEGAL", "DO_NOT_RETURN"].randomElement(using: &rng)!)
            default: line = F.outcome(id, account, agent: agent, at: at, "NOT_HOME")
            }
            facts.append((key, line))
        }
        return facts.enumerated().sorted { ($0.element.epochKey, $0.offset) < ($1.element.epochKey, $1.offset) }.map(\.element.line)
    }

    @Test(arguments: Array(UInt64(1)...UInt64(12)))
    func shuffledDuplicatedBatchedEqualsCleanInOrder(seed: UInt64) throws {
        let facts = Self.stream(seed: seed, accounts: 5, count: 60)
        var clean = try SyncFixture(accounts: 5)
        let (s, errors) = try clean.sync(facts)
        #expect(errors.isEmpty, "\(errors)")
        #expect(s.total.accepted == facts.count)

        var rng = SeededGenerator(seed: seed &* 7919)
        var messy = facts + facts.filter { _ in Int.random(in: 0..<5, using: &rng) == 0 }
        messy.shuffle(using: &rng)
        var other = try SyncFixture(accounts: 5)
        var accepted = 0
        while !messy.isEmpty {
            let n = min(messy.count, Int.random(in: 1...15, using: &rng))
            let (batch, batchErrors) = try other.sync(Array(messy.prefix(n)))
            #expect(batchErrors.isEmpty)
            accepted += batch.total.accepted
            messy.removeFirst(n)
        }
        #expect(accepted == facts.count)
        #expect(try other.canonicalState() == clean.canonicalState())
    }

    /// Replays read and write accounts a chunk of 1,024 at a time (issue 6 speed): a store of
    /// more accounts than two chunks ends the same whether its facts come in one file or in
    /// shuffled, duplicated batches of every size.
    @Test(arguments: [UInt64(21), 22])
    func manyChunksEqualCleanInOrder(seed: UInt64) throws {
        let facts = Self.stream(seed: seed, accounts: 2_500, count: 5_000)
        var clean = try SyncFixture(accounts: 2_500)
        let (s, errors) = try clean.sync(facts)
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(s.total.accepted == facts.count)

        var rng = SeededGenerator(seed: seed)
        var messy = facts + facts.filter { _ in Int.random(in: 0..<10, using: &rng) == 0 }
        messy.shuffle(using: &rng)
        var other = try SyncFixture(accounts: 2_500)
        while !messy.isEmpty {
            let n = min(messy.count, Int.random(in: 1...2_000, using: &rng))
            let (_, batchErrors) = try other.sync(Array(messy.prefix(n)))
            #expect(batchErrors.isEmpty)
            messy.removeFirst(n)
        }
        #expect(try other.canonicalState() == clean.canonicalState())
    }

    /// Facts are stored and replayed a flush at a time: one file crossing many flushes (a
    /// tiny threshold), with lines repeated across them, ends as the clean import does.
    @Test(arguments: [UInt64(31), 32])
    func manyFlushesEqualOne(seed: UInt64) throws {
        let facts = Self.stream(seed: seed, accounts: 300, count: 1_500)
        var clean = try SyncFixture(accounts: 300)
        _ = try clean.sync(facts)
        var rng = SeededGenerator(seed: seed)
        var messy = facts + facts.filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }
        messy.shuffle(using: &rng)
        let other = try SyncFixture(accounts: 300)
        let path = other.folder.write("messy.ndjson", messy.joined(separator: "\n"))
        var errors: [String] = []
        let s = try other.store.importRecords([ImportInput(path: path)], sync: true, now: other.now, flushThreshold: 97,
                                              onReject: { errors.append($0.error.description) })
        #expect(errors.isEmpty, "\(errors.prefix(3))")
        #expect(s.total.accepted == facts.count && s.total.unchanged == messy.count - facts.count)
        #expect(try other.canonicalState() == clean.canonicalState())
    }
}
