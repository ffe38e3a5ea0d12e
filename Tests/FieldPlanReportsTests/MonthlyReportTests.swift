import FieldPlanCore
import FieldPlanReports
import Testing

/// `ReportBuilder.monthly` counts one gathering of two months once; it must give exactly the
/// report of the month with the previous month computed from a second copy of the facts.
struct MonthlyReportTests {
    @Test(arguments: Array(1...20) as [UInt64]) func oneTallyEqualsTheMonthAndThePreviousMonthApart(seed: UInt64) {
        // Eight days across the month's turn, and the three before them.
        let h = ReportHistory(seed: seed, from: CivilDate("2026-10-28")!, days: 8)
        let previous = CivilDate("2026-10-01")!...CivilDate("2026-10-31")!
        var month = h.facts
        month.from = CivilDate("2026-11-01")!
        month.to = CivilDate("2026-11-30")!
        var before = h.facts
        before.from = previous.lowerBound
        before.to = previous.upperBound
        before.portfolio = []
        let builder = ReportBuilder(clock: ReportHistory.clock, nowEpoch: h.nowEpoch)
        for by in ReportGrouping.allCases {
            let one = builder.monthly(facts: month, previous: previous, by: by)
            let apart = builder.report(.monthly, facts: month, by: by, previous: before)
            #expect(one == apart, "by \(by), seed \(seed)")
            #expect(one.previous!.visits > 0 && one.total.visits > 0, "both months have visits")
        }
    }
}
