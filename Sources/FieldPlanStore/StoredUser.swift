/// A user of the HTTP service as the store keeps it: never the token, only that it exists.
public struct StoredUser: Sendable, Hashable {
    /// What a user may do (SPEC §8): a supervisor everything, an agent only its own day.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case supervisor, agent
    }

    public var name: String
    public var role: Role
    /// The agent an `agent` user acts as; nil for a supervisor.
    public var agentID: String?
    /// Seconds since 1970.
    public var createdAt: Int64
    /// Seconds since 1970; nil while the token works.
    public var revokedAt: Int64?

    public var isRevoked: Bool { revokedAt != nil }

    public init(name: String, role: Role, agentID: String?, createdAt: Int64, revokedAt: Int64?) {
        self.name = name
        self.role = role
        self.agentID = agentID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}
