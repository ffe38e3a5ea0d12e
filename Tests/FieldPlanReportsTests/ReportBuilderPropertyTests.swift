import FieldPlanCore
import FieldPlanReports
import Testing

/// Seeded property tests: on generated histories the builder's figures equal SPEC §7's
/// definitions recomputed naively (`NaiveReport`), rows add up, rates stay in [0, 1] and a
/// period is the sum of its days.
struct ReportBuilderPropertyTests {
    static let seeds: [UInt64] = Array(1...40)

    func build(_ h: ReportHistory, _ by: ReportGrouping = .agent, kind: ReportKind = .range) -> Report {
        ReportBuilder(clock: ReportHistory.clock, nowEpoch: h.nowEpoch).report(kind, facts: h.facts, by: by)
    }

    @Test(arguments: seeds) func figuresFollowTheDefinitions(seed: UInt64) {
        let h = ReportHistory(seed: seed)
        let report = build(h)
        let naive = NaiveReport(facts: h.facts, nowEpoch: h.nowEpoch)
        for key in NaiveReport.additive {
            #expect(report.total.value(key) == naive.figure(key, agent: nil), "total \(key), seed \(seed)")
            for row in report.rows {
                #expect(row.figures.value(key) == naive.figure(key, agent: row.id), "\(row.id) \(key), seed \(seed)")
            }
        }
        for code in OutcomeCode.allCases {
            #expect(report.total.count(of: code) == naive.periodOutcomes.filter { $0.code == code }.count)
        }
    }

    @Test(arguments: seeds) func everyGroupingAddsUpToTheSameTotal(seed: UInt64) {
        let h = ReportHistory(seed: seed)
        let naive = NaiveReport(facts: h.facts, nowEpoch: h.nowEpoch)
        for by in ReportGrouping.allCases {
            let report = build(h, by)
            for key in NaiveReport.additive {
                #expect(report.rows.reduce(0) { $0 + $1.figures.value(key) } == naive.figure(key, agent: nil), "\(by) \(key), seed \(seed)")
            }
        }
    }

    @Test(arguments: seeds) func ratesStayBetweenZeroAndOne(seed: UInt64) {
        let report = build(ReportHistory(seed: seed))
        for f in report.rows.map(\.figures) + [report.total] {
            for rate in [f.completion, f.contactRate, f.rpcRate, f.ptpRate, f.keptRate, f.keptAmountRate] {
                if let rate { #expect(rate >= 0 && rate <= 1) }
            }
            if f.visits == 0 { #expect(f.collectedPerVisitMinor == nil && f.contactRate == nil) }
            if f.planned == 0 { #expect(f.completion == nil) }
        }
    }

    @Test(arguments: seeds) func aPeriodIsTheSumOfItsDays(seed: UInt64) {
        let h = ReportHistory(seed: seed)
        let whole = build(h)
        var sum = ReportFigures()
        var day = h.facts.from
        while day <= h.facts.to {
            var facts = h.facts
            facts.from = day
            facts.to = day
            let daily = ReportBuilder(clock: ReportHistory.clock, nowEpoch: h.nowEpoch).report(.daily, facts: facts, by: .agent)
            #expect(whole.days.first { $0.date == day }?.figures == daily.total)
            sum += daily.total
            day = day.adding(days: 1)
        }
        #expect(sum == whole.total)
    }
}

extension ReportBuilderPropertyTests {
    @Test(arguments: seeds) func keptAmountRateWeighsWhatWasPaidByTheDate(seed: UInt64) {
        let h = ReportHistory(seed: seed)
        let naive = NaiveReport(facts: h.facts, nowEpoch: h.nowEpoch)
        let settled = naive.promisesDue(nil).filter { ["kept", "partial", "broken"].contains(naive.state($0)) }
        let promised = settled.reduce(Int64(0)) { $0 + $1.amountMinor }
        let paid = settled.reduce(Int64(0)) { $0 + min($1.paidMinor, $1.amountMinor) }
        let rate = build(h).total.keptAmountRate
        #expect(rate == (promised == 0 ? nil : Double(paid) / Double(promised)))
    }

    /// The generated histories reach every rule the tests above check, so none passes idly.
    @Test func theHistoriesExerciseEveryRule() {
        var unattributed: Int64 = 0, postedCollections = 0, unplanned = 0, noReport = 0, byOthers = 0, late = 0
        for seed in Self.seeds {
            let h = ReportHistory(seed: seed)
            let report = build(h)
            unattributed += report.rows.first { $0.id == ReportRow.unattributedID }!.figures.collectedMinor
            postedCollections += h.facts.payments.filter { p in p.reference.map { h.facts.receipts.contains(AccountReceipt(accountID: p.accountID, receipt: $0)) } ?? false }.count
            unplanned += report.total.unplannedVisits
            noReport += report.total.noReport
            late += report.total.broken + report.total.partial
            byOthers += h.facts.routes.flatMap { r in r.stops.map { (r.agentID, $0.accountID, r.date) } }.filter { stop in
                h.facts.outcomes.contains { $0.accountID == stop.1 && $0.agentID != stop.0 && ReportHistory.clock.localDate($0.visitedEpoch) == stop.2 }
            }.count
        }
        #expect(unattributed > 0 && postedCollections > 0 && unplanned > 0 && noReport > 0 && byOthers > 0 && late > 0)
    }
}
