/// Why a supervisor's edit of a plan was refused: the rule it breaks (`shift end`,
/// `window`, `max_visits`, `status`, `min gap`, `locked`…) and what would have happened.
/// Nothing is stored.
public struct PlanEditRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var rule: String
    public var message: String

    public init(rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "refused (\(rule)): \(message)" }
}
