/// A zone row as the store keeps it: its name, its agent and whether rebuilds leave it alone.
public struct StoredZone: Sendable, Hashable {
    public var id: String
    public var name: String?
    public var agentID: String?
    public var locked: Bool

    public init(id: String, name: String? = nil, agentID: String? = nil, locked: Bool = false) {
        self.id = id
        self.name = name
        self.agentID = agentID
        self.locked = locked
    }
}
