/// The three reports of SPEC §7; they share their rows and differ in period and extras.
public enum ReportKind: String, CaseIterable, Sendable {
    case daily, monthly, range
}
