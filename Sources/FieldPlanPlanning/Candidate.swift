import FieldPlanCore

/// An account that may be visited on the day, with everything the routing problem needs.
public struct Candidate: Sendable, Hashable {
    public var account: Account
    public var location: Coordinate
    /// When the visit may start: visiting hours ∩ the account's window ∩ the appointment's
    /// or call-back's window, in minutes after midnight.
    public var window: TimeWindow
    public var serviceMinutes: Int
    public var priority: Int
    public var reason: VisitReason
    /// Appointments and call-backs for the day: planned whenever any plan can fit them.
    public var mandatory: Bool
    /// Agents who may make the visit (the zone's agent, the appointment's agent, or the
    /// neighbours of an absent agent).
    public var agentIDs: [String]
}

/// A visit that must happen (an appointment, a call-back) but cannot be planned, and why:
/// nothing is dropped silently (SPEC §5).
public struct UnplannedVisit: Sendable, Hashable, Codable {
    public var accountID: String
    public var agentID: String?
    public var reason: String

    public init(accountID: String, agentID: String?, reason: String) {
        self.accountID = accountID
        self.agentID = agentID
        self.reason = reason
    }
}
