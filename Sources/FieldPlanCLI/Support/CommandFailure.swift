/// A failed command: the CLI prints `fieldplan: <message>` on one line and exits 1.
public struct CommandFailure: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
