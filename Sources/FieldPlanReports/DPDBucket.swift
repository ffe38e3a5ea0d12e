/// Accounts of the portfolio by days past due (SPEC §7 monthly `dpd`): how many, their
/// balance now, and the month's visits and money on them.
public struct DPDBucket: Sendable, Hashable {
    /// `0-30`, `31-60`, `61-90`, `91+`, or `unknown` for accounts without days past due.
    public var label: String
    public var accounts: Int
    public var balanceMinor: Int64
    public var visits: Int
    public var collectedMinor: Int64

    public init(label: String, accounts: Int = 0, balanceMinor: Int64 = 0, visits: Int = 0, collectedMinor: Int64 = 0) {
        self.label = label
        self.accounts = accounts
        self.balanceMinor = balanceMinor
        self.visits = visits
        self.collectedMinor = collectedMinor
    }

    /// The buckets in order.
    public static let labels = ["0-30", "31-60", "61-90", "91+", "unknown"]

    /// The bucket of a days-past-due value.
    public static func label(for daysPastDue: Int?) -> String {
        guard let d = daysPastDue else { return "unknown" }
        switch d {
        case ...30: return "0-30"
        case 31...60: return "31-60"
        case 61...90: return "61-90"
        default: return "91+"
        }
    }
}
