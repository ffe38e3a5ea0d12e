import FieldPlanCore

/// What `promises` and `GET /api/promises` ask for.
public struct PromiseQuery: Sendable, Hashable {
    /// Promises due on this day; not with `from` / `to`.
    public var due: CivilDate?
    public var from: CivilDate?
    public var to: CivilDate?
    /// One of `PromiseState.all`.
    public var state: String?
    /// Only accounts whose zone is given to this agent.
    public var agentID: String?

    public init(due: CivilDate? = nil, from: CivilDate? = nil, to: CivilDate? = nil, state: String? = nil, agentID: String? = nil) {
        self.due = due
        self.from = from
        self.to = to
        self.state = state
        self.agentID = agentID
    }
}
