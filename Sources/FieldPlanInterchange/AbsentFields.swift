import FieldPlanCore

/// The optional fields a line left out (SPEC §3): an absent field keeps the stored value,
/// an explicit `null` (an empty CSV cell) clears it. A decoded record cannot tell the two
/// apart (both are nil), so the mask travels beside it and the upsert binds it as one
/// integer: its SET and change detection test a bit per field, which keeps the packed
/// account path free of per-field branches in Swift.
public struct AbsentFields: OptionSet, Hashable, Sendable {
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }

    // Accounts. `status` and `zone_id` are workflow state: nil keeps them either way.
    public static let currency = AbsentFields(rawValue: 1 << 0)
    public static let phone = AbsentFields(rawValue: 1 << 1)
    public static let email = AbsentFields(rawValue: 1 << 2)
    public static let nationalID = AbsentFields(rawValue: 1 << 3)
    public static let address = AbsentFields(rawValue: 1 << 4)
    /// `lat` and `lon` together: absent when neither is on the line.
    public static let location = AbsentFields(rawValue: 1 << 5)
    public static let daysPastDue = AbsentFields(rawValue: 1 << 6)
    public static let visitWindow = AbsentFields(rawValue: 1 << 7)
    public static let serviceMinutes = AbsentFields(rawValue: 1 << 8)
    public static let notes = AbsentFields(rawValue: 1 << 9)
    public static let noVisitBefore = AbsentFields(rawValue: 1 << 10)
    public static let maxVisitsPerMonth = AbsentFields(rawValue: 1 << 11)
    // Agents (`phone` is shared with accounts).
    public static let days = AbsentFields(rawValue: 1 << 12)
    public static let breakRule = AbsentFields(rawValue: 1 << 13)
    public static let maxVisits = AbsentFields(rawValue: 1 << 14)
    public static let active = AbsentFields(rawValue: 1 << 15)
    // Appointments and zones.
    public static let agentID = AbsentFields(rawValue: 1 << 16)
    public static let name = AbsentFields(rawValue: 1 << 17)
}
