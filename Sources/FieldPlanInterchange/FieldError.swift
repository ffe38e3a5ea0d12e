/// Why one input line was rejected: the field at fault (dotted for nested ones,
/// `promise.amount`) and a reason a supervisor can act on.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var reason: String

    public init(_ field: String, _ reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.isEmpty ? reason : "\(field): \(reason)" }
}

/// A rejected line, located: `accounts.ndjson:17: balance: expected a number, got "12,000"`.
public struct LineError: Error, Hashable, Sendable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var error: FieldError

    public init(source: String, line: Int, error: FieldError) {
        self.source = source
        self.line = line
        self.error = error
    }

    public var description: String { "\(source):\(line): \(error)" }
}
