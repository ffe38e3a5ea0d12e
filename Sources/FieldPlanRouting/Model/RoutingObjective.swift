/// The lexicographic objective, smaller is better: first mandatory jobs missed, then prize
/// missed, then travel cost (weighted time and distance plus fixed vehicle costs).
public struct RoutingObjective: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var missedMandatory: Int
    public var missedPrize: Int64
    public var cost: Int
    public init(missedMandatory: Int, missedPrize: Int64, cost: Int) {
        self.missedMandatory = missedMandatory; self.missedPrize = missedPrize; self.cost = cost
    }
    public static func < (a: Self, b: Self) -> Bool {
        (a.missedMandatory, a.missedPrize, a.cost) < (b.missedMandatory, b.missedPrize, b.cost)
    }
    public var description: String { "(missed mandatory \(missedMandatory), missed prize \(missedPrize), cost \(cost))" }
}
