import FieldPlanCore
import FieldPlanReports

/// Renders a report for people: aligned text for the terminal (fits 120 columns) and one
/// self-contained printable HTML page with SVG charts. Both show the same rows and fields as
/// the JSON and CSV (`ReportField`), rates as percents and amounts with separators.
public struct ReportRenderer: Sendable {
    public var agencyName: String
    public var currency: String
    public var timeZone: String

    public init(agencyName: String, currency: String, timeZone: String) {
        self.agencyName = agencyName
        self.currency = currency
        self.timeZone = timeZone
    }

    /// The fields of the first table (the day's work) and of the second (promises and money).
    static let visitFields: [ReportField] = [.planned, .visits, .plannedVisited, .completion, .unplannedVisits, .notVisited, .noReport,
                                             .contacts, .contactRate, .rpc, .rpcRate]
    static let promiseFields: [ReportField] = [.ptp, .ptpAmount, .ptpRate, .promisesDue, .kept, .partial, .broken, .cancelled,
                                               .pending, .keptRate, .keptAmountRate]
    static let moneyFields: [ReportField] = [.collected, .collectedPerVisit, .kmPlanned]

    /// A value as people read it: `12`, `1,234.50`, `66.7%`, `n/a`, `12.3` km.
    static func text(_ v: ReportField.Value) -> String {
        switch v {
        case .count(let n): DecimalText.grouped(n)
        case .money(let m): m.map { Money(minorUnits: $0).formatted } ?? "n/a"
        case .rate(let r): r.map { DecimalText.fixed($0 * 100, 1) + "%" } ?? "n/a"
        case .metres(let m): DecimalText.fixed(Double(m) / 1000, 1)
        }
    }

    static func money(_ minor: Int64) -> String { Money(minorUnits: minor).formatted }

    func title(_ r: Report) -> String {
        switch r.kind {
        case .daily: "Daily report \(r.from) (\(r.from.weekday.rawValue.prefix(1).uppercased() + r.from.weekday.rawValue.dropFirst()))"
        case .monthly: "Monthly report \(r.from.description.prefix(7))"
        case .range: "Report \(r.from) to \(r.to)"
        }
    }

    func groupTitle(_ r: Report) -> String { r.grouping.rawValue }

    /// A row's label: the id and, when it differs, the name (cut to fit).
    static func label(_ row: ReportRow) -> (id: String, name: String) {
        let name = row.name.flatMap { $0 == row.id ? nil : $0 } ?? ""
        return (row.id, name.count > 16 ? String(name.prefix(15)) + "…" : name)
    }

    /// The figures compared with the previous month, in the order a supervisor reads them.
    static let comparedFields: [ReportField] = [.planned, .visits, .completion, .contactRate, .rpcRate, .ptp, .ptpAmount, .ptpRate,
                                                .promisesDue, .keptRate, .keptAmountRate, .collected, .collectedPerVisit, .kmPlanned]
}
