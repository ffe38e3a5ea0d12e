/// The life-cycle state of an account (SPEC §3). Only `open` and `ptp` are ever planned.
public enum AccountStatus: String, CaseIterable, Sendable, Codable {
    case open, ptp, paid, closed, disputed
    case legalHold = "legal_hold"
    case deceased
    case doNotVisit = "do_not_visit"

    public var isPlannable: Bool { self == .open || self == .ptp }
}
