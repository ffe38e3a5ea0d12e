import FieldPlanCore
import FieldPlanReports
import FieldPlanStore

extension FieldPlanApp {
    /// The longest range a report covers: a year and a day.
    public static let maximumReportDays = 366

    /// SPEC §7: gathers the period's facts (and the previous month's for a monthly report)
    /// and computes the report as of `nowEpoch`.
    /// - Throws: `AppError.invalid` for a range that ends before it starts, or longer than a
    ///   report is meant for.
    public func report(_ period: ReportPeriod, by grouping: ReportGrouping, nowEpoch: Int64) throws -> Report {
        guard period.from <= period.to else {
            throw AppError.invalid("--to \(period.to) is before --from \(period.from)")
        }
        guard period.to.dayNumber - period.from.dayNumber < Self.maximumReportDays else {
            throw AppError.invalid("a report covers at most \(Self.maximumReportDays) days; \(period.from) to \(period.to) is longer")
        }
        let settings = try store.settings()
        let clock = FieldPlanStore.clock(timeZone: settings.timeZone)
        let monthly = period.kind == .monthly
        // One gathering serves the monthly report's month and the month before it.
        let previous = period.previousMonth
        var facts = try store.reportFacts(from: previous?.from ?? period.from, to: period.to,
                                          accountDetails: grouping != .agent || monthly, detailsFrom: period.from, portfolio: monthly,
                                          attributionDays: settings.attributionDays)
        facts.from = period.from
        let builder = ReportBuilder(clock: clock, nowEpoch: nowEpoch)
        guard let previous else { return builder.report(period.kind, facts: facts, by: grouping) }
        return builder.monthly(facts: facts, previous: previous.from...previous.to, by: grouping)
    }
}
