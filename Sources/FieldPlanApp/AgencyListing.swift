import FieldPlanCore

/// Items read from the store with the agency's clock, so an edge prints their moments in
/// the agency's time zone without a second read.
public struct AgencyListing<Item: Sendable>: Sendable {
    public var items: [Item]
    public var clock: AgencyClock
}
