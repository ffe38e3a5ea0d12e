import FieldPlanCore
import FieldPlanReports
import Testing

/// Facts that carry account keys (as the store gathers them) give exactly the report of the
/// same facts without keys; keys that do not match their ids are not trusted.
struct NumberedFactsTests {
    /// The facts numbered in a seeded random order, details by key, the dictionary emptied
    /// (so a builder that still read it would put every account in no zone).
    static func numbered(_ facts: ReportFacts, seed: UInt64) -> ReportFacts {
        var g = SeededGenerator(seed: seed)
        var ids = Set(facts.accounts.keys)
        for r in facts.routes { for s in r.stops { ids.insert(s.accountID) } }
        for o in facts.outcomes { ids.insert(o.accountID) }
        for p in facts.payments { ids.insert(p.accountID) }
        for p in facts.promises { ids.insert(p.accountID) }
        var f = facts
        f.accountIDs = ids.sorted().shuffled(using: &g)
        let key = Dictionary(uniqueKeysWithValues: f.accountIDs.enumerated().map { ($1, Int32($0)) })
        f.accountInfo = f.accountIDs.map { facts.accounts[$0] }
        f.accounts = [:]
        for i in f.routes.indices { f.routes[i].stopKeys = f.routes[i].stops.map { key[$0.accountID]! } }
        for i in f.outcomes.indices { f.outcomes[i].accountKey = key[f.outcomes[i].accountID]! }
        for i in f.payments.indices { f.payments[i].accountKey = key[f.payments[i].accountID]! }
        for i in f.promises.indices { f.promises[i].accountKey = key[f.promises[i].accountID]! }
        f.receipts = Set(f.receipts.map { AccountReceipt(accountID: $0.accountID, receipt: $0.receipt, accountKey: key[$0.accountID]!) })
        return f
    }

    @Test(arguments: Array(1...20) as [UInt64]) func numberedFactsGiveTheSameReports(seed: UInt64) {
        let h = ReportHistory(seed: seed)
        let numbered = Self.numbered(h.facts, seed: seed)
        #expect(numbered.carriesAccountKeys && !h.facts.carriesAccountKeys)
        let builder = ReportBuilder(clock: ReportHistory.clock, nowEpoch: h.nowEpoch)
        for by in ReportGrouping.allCases {
            for kind in [ReportKind.daily, .range, .monthly] {
                #expect(builder.report(kind, facts: numbered, by: by) == builder.report(kind, facts: h.facts, by: by), "\(kind) by \(by), seed \(seed)")
            }
        }
    }

    @Test(arguments: Array(1...10) as [UInt64]) func numberedMonthsGiveTheSameMonthlyReport(seed: UInt64) {
        let h = ReportHistory(seed: seed, from: CivilDate("2026-10-28")!, days: 8)
        let previous = CivilDate("2026-10-01")!...CivilDate("2026-10-31")!
        var month = h.facts
        month.from = CivilDate("2026-11-01")!
        month.to = CivilDate("2026-11-30")!
        let builder = ReportBuilder(clock: ReportHistory.clock, nowEpoch: h.nowEpoch)
        for by in ReportGrouping.allCases {
            #expect(builder.monthly(facts: Self.numbered(month, seed: seed), previous: previous, by: by)
                        == builder.monthly(facts: month, previous: previous, by: by), "by \(by), seed \(seed)")
        }
    }

    /// A fact changed after numbering (its key now names another account), or a key out of
    /// range, makes the facts count as not numbered: the builder hashes the ids again.
    @Test(arguments: Array(1...10) as [UInt64]) func keysThatDoNotMatchTheirIdsAreNotTrusted(seed: UInt64) {
        let h = ReportHistory(seed: seed)
        let builder = ReportBuilder(clock: ReportHistory.clock, nowEpoch: h.nowEpoch)
        var numbered = Self.numbered(h.facts, seed: seed)
        numbered.accounts = h.facts.accounts
        let other = numbered.accountIDs.first { $0 != numbered.outcomes[0].accountID }!
        var moved = numbered
        moved.outcomes[0].accountID = other
        var plainMoved = h.facts
        plainMoved.outcomes[0].accountID = other
        #expect(!moved.carriesAccountKeys)
        var outOfRange = numbered
        outOfRange.payments[0].accountKey = Int32(numbered.accountIDs.count)
        #expect(!outOfRange.carriesAccountKeys)
        var unkeyedStops = numbered
        unkeyedStops.routes[0].stopKeys = []
        #expect(!unkeyedStops.carriesAccountKeys)
        for by in ReportGrouping.allCases {
            #expect(builder.report(.range, facts: moved, by: by) == builder.report(.range, facts: plainMoved, by: by), "by \(by), seed \(seed)")
            #expect(builder.report(.range, facts: outOfRange, by: by) == builder.report(.range, facts: h.facts, by: by), "by \(by), seed \(seed)")
        }
    }
}
