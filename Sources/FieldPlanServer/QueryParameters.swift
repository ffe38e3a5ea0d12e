import FieldPlanCore
import Hummingbird

/// The query of a request, read with the checks and messages the commands' options have.
struct QueryParameters {
    let request: Request
    /// The first value of each name, percent-decoded.
    private let values: [String: String]

    init(_ request: Request) {
        self.request = request
        var values: [String: String] = [:]
        for (key, value) in request.uri.queryParameters where values[String(key)] == nil {
            values[String(key)] = String(value)
        }
        self.values = values
    }

    func string(_ name: String) -> String? { values[name] }

    func date(_ name: String) throws -> CivilDate? {
        guard let text = string(name) else { return nil }
        guard let date = CivilDate(text) else { throw APIError.badRequest("\(name): expected YYYY-MM-DD, got \(Self.quoted(text))", field: name) }
        return date
    }

    func requireDate(_ name: String) throws -> CivilDate {
        guard let date = try date(name) else { throw APIError.badRequest("\(name): required (YYYY-MM-DD)", field: name) }
        return date
    }

    func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text), range.contains(value) else {
            throw APIError.badRequest("\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(Self.quoted(text))", field: name)
        }
        return value
    }

    func bool(_ name: String) throws -> Bool {
        guard let text = string(name) else { return false }
        switch text {
        case "", "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: throw APIError.badRequest("\(name): expected true or false, got \(Self.quoted(text))", field: name)
        }
    }

    func instant(_ name: String) throws -> Instant? {
        guard let text = string(name) else { return nil }
        guard let instant = Instant(text) else {
            throw APIError.badRequest("\(name): expected an ISO 8601 instant with offset, got \(Self.quoted(text))", field: name)
        }
        return instant
    }

    /// One of `choices`, or `fallback` when absent.
    func choice(_ name: String, _ choices: [String], default fallback: String) throws -> String {
        guard let text = string(name) else { return fallback }
        guard choices.contains(text) else {
            throw APIError.badRequest("\(name): expected \(choices.joined(separator: ", ")), got \(Self.quoted(text))", field: name)
        }
        return text
    }

    /// A value quoted for a message, cut short: an error echoes what was sent, never much of it.
    static func quoted(_ text: String) -> String {
        "\"" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "\""
    }
}
