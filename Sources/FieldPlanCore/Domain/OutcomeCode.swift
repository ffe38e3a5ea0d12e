/// What happened at a visit (SPEC §3 outcome table).
public enum OutcomeCode: String, CaseIterable, Sendable, Codable {
    case ptp = "PTP", paid = "PAID", partial = "PARTIAL", claimsPaid = "CLAIMS_PAID"
    case refused = "REFUSED", dispute = "DISPUTE", hardship = "HARDSHIP", callback = "CALLBACK"
    case notHome = "NOT_HOME", moved = "MOVED", wrongAddress = "WRONG_ADDRESS"
    case deceased = "DECEASED", legal = "LEGAL", doNotReturn = "DO_NOT_RETURN", notVisited = "NOT_VISITED"

    /// The field each code cannot do without.
    public var requiredField: String? {
        switch self {
        case .ptp: "promise"
        case .paid, .partial: "collected"
        case .claimsPaid, .dispute, .notVisited: "notes"
        case .callback: "next_visit"
        default: nil
        }
    }

    /// A short explanation for the legend printed on route sheets.
    public var legend: String {
        switch self {
        case .ptp: "promise to pay (amount and date)"
        case .paid: "paid in full (amount, receipt)"
        case .partial: "part payment (amount, receipt)"
        case .claimsPaid: "says already paid (details in notes)"
        case .refused: "refused to pay"
        case .dispute: "disputes the debt (notes)"
        case .hardship: "hardship: no visits for 30 days"
        case .callback: "come back (date, time)"
        case .notHome: "nobody at home"
        case .moved: "debtor moved away"
        case .wrongAddress: "address wrong"
        case .deceased: "debtor deceased"
        case .legal: "legal proceedings"
        case .doNotReturn: "do not return"
        case .notVisited: "not visited (why, in notes)"
        }
    }
}

/// Who was reached at a visit.
public enum ContactType: String, CaseIterable, Sendable, Codable {
    case debtor, thirdParty = "third_party", none
}
