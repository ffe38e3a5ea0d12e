/// One interchange record of any kind (SPEC §3), as imported and exported.
public enum Record: Hashable, Sendable {
    case account(Account)
    case agent(Agent)
    case appointment(Appointment)
    case outcome(Outcome)
    case payment(Payment)
    case zone(Zone)

    public var kind: RecordKind {
        switch self {
        case .account: .account
        case .agent: .agent
        case .appointment: .appointment
        case .outcome: .outcome
        case .payment: .payment
        case .zone: .zone
        }
    }

    public var id: String {
        switch self {
        case .account(let r): r.id
        case .agent(let r): r.id
        case .appointment(let r): r.id
        case .outcome(let r): r.id
        case .payment(let r): r.id
        case .zone(let r): r.id
        }
    }
}

/// The kinds of record; `visit` and `route` are export-only views of a plan.
public enum RecordKind: String, CaseIterable, Sendable, Comparable {
    case zone, agent, account, appointment, outcome, payment, visit, route

    /// The kinds `fieldplan import` takes.
    public static let importable: [RecordKind] = [.zone, .agent, .account, .appointment, .outcome, .payment]

    public static func < (lhs: RecordKind, rhs: RecordKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
