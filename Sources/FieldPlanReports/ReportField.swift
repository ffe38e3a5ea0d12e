/// The fields of a report row in SPEC §7's order, with their JSON keys: one list that the
/// JSON, CSV, text and HTML renderings all walk, so the formats cannot drift apart.
public enum ReportField: String, CaseIterable, Sendable {
    case planned, visits
    case plannedVisited = "planned_visited", completion
    case unplannedVisits = "unplanned_visits"
    case notVisited = "not_visited", noReport = "no_report"
    case contacts, contactRate = "contact_rate"
    case rpc, rpcRate = "rpc_rate"
    case ptp, ptpAmount = "ptp_amount", ptpRate = "ptp_rate"
    case promisesDue = "promises_due", kept, partial, broken, cancelled, pending
    case keptRate = "kept_rate", keptAmountRate = "kept_amount_rate"
    case collected, collectedPerVisit = "collected_per_visit"
    case kmPlanned = "km_planned"

    /// A field's value, typed by how it is written.
    public enum Value: Sendable, Hashable {
        case count(Int)
        /// Minor units; nil when undefined (collected per visit without visits).
        case money(Int64?)
        /// nil when the denominator is zero (`null` in JSON, `n/a` in text).
        case rate(Double?)
        case metres(Int)
    }

    public func value(in f: ReportFigures) -> Value {
        switch self {
        case .planned: .count(f.planned)
        case .visits: .count(f.visits)
        case .plannedVisited: .count(f.plannedVisited)
        case .completion: .rate(f.completion)
        case .unplannedVisits: .count(f.unplannedVisits)
        case .notVisited: .count(f.notVisited)
        case .noReport: .count(f.noReport)
        case .contacts: .count(f.contacts)
        case .contactRate: .rate(f.contactRate)
        case .rpc: .count(f.rpc)
        case .rpcRate: .rate(f.rpcRate)
        case .ptp: .count(f.ptp)
        case .ptpAmount: .money(f.ptpMinor)
        case .ptpRate: .rate(f.ptpRate)
        case .promisesDue: .count(f.promisesDue)
        case .kept: .count(f.kept)
        case .partial: .count(f.partial)
        case .broken: .count(f.broken)
        case .cancelled: .count(f.cancelled)
        case .pending: .count(f.pending)
        case .keptRate: .rate(f.keptRate)
        case .keptAmountRate: .rate(f.keptAmountRate)
        case .collected: .money(f.collectedMinor)
        case .collectedPerVisit: .money(f.collectedPerVisitMinor)
        case .kmPlanned: .metres(f.kmPlannedMetres)
        }
    }

    /// A short column title for tables.
    public var title: String {
        switch self {
        case .planned: "planned"
        case .visits: "visits"
        case .plannedVisited: "done"
        case .completion: "done%"
        case .unplannedVisits: "unplan"
        case .notVisited: "not vis"
        case .noReport: "no rep"
        case .contacts: "contacts"
        case .contactRate: "cont%"
        case .rpc: "RPC"
        case .rpcRate: "RPC%"
        case .ptp: "PTP"
        case .ptpAmount: "PTP amount"
        case .ptpRate: "PTP%"
        case .promisesDue: "due"
        case .kept: "kept"
        case .partial: "partial"
        case .broken: "broken"
        case .cancelled: "cancel"
        case .pending: "pending"
        case .keptRate: "kept%"
        case .keptAmountRate: "kept amt%"
        case .collected: "collected"
        case .collectedPerVisit: "per visit"
        case .kmPlanned: "km planned"
        }
    }

    /// Rates are written with four decimals in JSON and CSV (a share, 0.6667), and as whole
    /// percents with one decimal in text and HTML (66.7 %).
    public static let rateDecimals = 4
}
