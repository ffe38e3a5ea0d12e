/// A day that cannot be planned at all, with the reason the supervisor is told (the CLI
/// exits 1 and stores nothing).
public struct PlanningRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
