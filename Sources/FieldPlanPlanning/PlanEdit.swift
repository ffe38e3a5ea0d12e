/// A supervisor's change to a stored plan (`plan move`, `plan drop`, `plan add`).
/// Positions count the visits of the agent's route from 1 (the break is not counted);
/// nil means the place that ends the agent's day earliest.
public enum PlanEdit: Sendable, Hashable {
    case move(account: String, toAgent: String, position: Int?)
    case drop(account: String, reason: String)
    case add(account: String, agent: String, position: Int?)

    public var account: String {
        switch self {
        case .move(let a, _, _), .drop(let a, _), .add(let a, _, _): a
        }
    }

    /// The command that made the version, as stored with it.
    public var summary: String {
        switch self {
        case .move(let a, let to, let k): "plan move \(a) --to-agent \(to)" + (k.map { " --position \($0)" } ?? "")
        case .drop(let a, let reason): "plan drop \(a) --reason \(reason)"
        case .add(let a, let agent, let k): "plan add \(a) --agent \(agent)" + (k.map { " --position \($0)" } ?? "")
        }
    }
}
