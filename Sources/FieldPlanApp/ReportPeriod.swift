import FieldPlanCore
import FieldPlanReports

/// The period a report covers, as its command or request names it.
public enum ReportPeriod: Sendable, Hashable {
    case day(CivilDate)
    case month(year: Int, month: Int)
    case range(from: CivilDate, to: CivilDate)

    /// `YYYY-MM`.
    public init?(month text: String) {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
              CivilDate(year: y, month: m, day: 1) != nil else { return nil }
        self = .month(year: y, month: m)
    }

    public var kind: ReportKind {
        switch self {
        case .day: .daily
        case .month: .monthly
        case .range: .range
        }
    }

    public var from: CivilDate {
        switch self {
        case .day(let d): d
        case .month(let y, let m): CivilDate(year: y, month: m, day: 1)!
        case .range(let from, _): from
        }
    }

    public var to: CivilDate {
        switch self {
        case .day(let d): d
        case .month(let y, let m): CivilDate(year: m == 12 ? y + 1 : y, month: m == 12 ? 1 : m + 1, day: 1)!.adding(days: -1)
        case .range(_, let to): to
        }
    }

    /// The month before a monthly period.
    public var previousMonth: ReportPeriod? {
        guard case .month(let y, let m) = self else { return nil }
        return .month(year: m == 1 ? y - 1 : y, month: m == 1 ? 12 : m - 1)
    }
}
