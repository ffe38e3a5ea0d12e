/// A territory of accounts that a supervisor gives to one agent.
public struct Zone: Hashable, Sendable {
    public var id: String
    public var name: String?
    public var agentID: String?

    public init(id: String, name: String? = nil, agentID: String? = nil) {
        self.id = id
        self.name = name
        self.agentID = agentID
    }
}
