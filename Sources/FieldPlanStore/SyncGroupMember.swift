import FieldPlanInterchange

/// One device's sync in a group stored together (`AgencyStore.syncGroup`): its files and its
/// clock (`--now` / `now=`; nil for the real time).
public struct SyncGroupMember: Sendable {
    public var inputs: [ImportInput]
    public var now: Int64?

    public init(inputs: [ImportInput], now: Int64?) {
        self.inputs = inputs
        self.now = now
    }
}
