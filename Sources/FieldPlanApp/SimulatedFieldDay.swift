/// A plausible field day for a planned day (`sync simulate`): each agent's outcome lines
/// and, when asked, what a late second device sends (duplicates, a conflict, a visit to review).
public struct SimulatedFieldDay: Sendable {
    public var agents: [(agent: String, lines: [String])]
    /// Nil unless anomalies were asked for.
    public var lateDevice: [String]?

    public var outcomeCount: Int { agents.reduce(0) { $0 + $1.lines.count } }
}
