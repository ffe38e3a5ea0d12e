/// A promised visit: planned on `date` inside `window`, or reported as unplannable.
public struct Appointment: Hashable, Sendable {
    public var id: String
    public var accountID: String
    public var date: CivilDate
    public var window: TimeWindow
    public var agentID: String?

    public init(id: String, accountID: String, date: CivilDate, window: TimeWindow, agentID: String? = nil) {
        self.id = id
        self.accountID = accountID
        self.date = date
        self.window = window
        self.agentID = agentID
    }
}
