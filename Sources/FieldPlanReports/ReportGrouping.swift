/// How a report's rows are cut (SPEC §7): by the agent who made the visit (or to whom a
/// payment is attributed), or by the account's zone or client. The total row is always there.
public enum ReportGrouping: String, CaseIterable, Sendable {
    case agent, zone, client
}
