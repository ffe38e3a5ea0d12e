/// A benchmark file that could not be read: the 1-based line (when one is to blame) and why.
public struct InstanceParseError: Error, CustomStringConvertible, Equatable {
    public var line: Int?
    public var message: String
    public init(line: Int?, message: String) { self.line = line; self.message = message }
    public var description: String { line.map { "line \($0): \(message)" } ?? message }
}
