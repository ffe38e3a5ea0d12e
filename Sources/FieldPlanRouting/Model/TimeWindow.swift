/// A closed interval `[from, to]` of times (seconds, or any integer unit the problem uses)
/// in which a service may *start*. Arriving early means waiting; arriving late is infeasible.
public struct TimeWindow: Sendable, Hashable, Codable {
    public var from: Int
    public var to: Int
    public init(from: Int, to: Int) { self.from = from; self.to = to }
}
