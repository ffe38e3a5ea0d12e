import FieldPlanCore

/// A computed report (SPEC §7): its rows, the total and, for the monthly report, the daily
/// trend, the previous month, the days-past-due buckets and the agents' ranking.
public struct Report: Sendable, Hashable {
    public var kind: ReportKind
    public var from: CivilDate
    public var to: CivilDate
    public var grouping: ReportGrouping
    /// When it was computed, in the agency's time zone.
    public var generatedAt: Instant
    public var rows: [ReportRow]
    public var total: ReportFigures
    /// The total of each day of the period, in date order (every day, zeros included).
    public var days: [(date: CivilDate, figures: ReportFigures)]
    /// Monthly: the previous month's total.
    public var previous: ReportFigures?
    /// Monthly: the portfolio by days past due.
    public var dpd: [DPDBucket]
    /// Monthly: agents by collected and by kept rate.
    public var ranking: AgentRanking?

    public init(kind: ReportKind, from: CivilDate, to: CivilDate, grouping: ReportGrouping, generatedAt: Instant, rows: [ReportRow],
                total: ReportFigures, days: [(date: CivilDate, figures: ReportFigures)] = [], previous: ReportFigures? = nil,
                dpd: [DPDBucket] = [], ranking: AgentRanking? = nil) {
        self.kind = kind
        self.from = from
        self.to = to
        self.grouping = grouping
        self.generatedAt = generatedAt
        self.rows = rows
        self.total = total
        self.days = days
        self.previous = previous
        self.dpd = dpd
        self.ranking = ranking
    }

    public static func == (a: Report, b: Report) -> Bool {
        a.kind == b.kind && a.from == b.from && a.to == b.to && a.grouping == b.grouping && a.generatedAt == b.generatedAt
            && a.rows == b.rows && a.total == b.total && a.days.map(\.date) == b.days.map(\.date)
            && a.days.map(\.figures) == b.days.map(\.figures) && a.previous == b.previous && a.dpd == b.dpd && a.ranking == b.ranking
    }

    public func hash(into h: inout Hasher) {
        h.combine(kind); h.combine(from); h.combine(to); h.combine(grouping); h.combine(rows); h.combine(total)
    }
}
