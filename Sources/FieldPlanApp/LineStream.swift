/// Lines a use case reads from the store one at a time, for an edge to write as they come (an
/// export, the plan calendar). The use case checks its request and reads what is small when it
/// makes the stream, so a refusal (`AppError`) comes before the first line is written; `write`
/// then reads the rest through the store's cursors in one read transaction and hands each line
/// on as it is read. Memory stays at one line whatever the size of the store, and a `line`
/// that throws (a client gone) stops the reading.
public struct LineStream: Sendable {
    private let produce: @Sendable (_ line: (String) throws -> Void) throws -> Void

    public init(_ produce: @escaping @Sendable (_ line: (String) throws -> Void) throws -> Void) {
        self.produce = produce
    }

    /// Reads the lines, handing each to `line` in order. Call it once.
    public func write(_ line: (String) throws -> Void) throws { try produce(line) }
}
