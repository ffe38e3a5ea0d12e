import FieldPlanInterchange
import Hummingbird

/// A JSON object body, read whole up to the route's limit (`413` past it) and checked member
/// by member: an unknown member, or a member of the wrong type, is `400` naming it, so a typo
/// in a field never passes silently as its default.
struct JSONBody {
    let object: JSONObject

    /// Reads the body; an empty one (or only spaces) is `{}` when `optional`, else `400`.
    /// `fields` are the members the route takes, in the order its messages list them.
    static func read(_ request: Request, limit: Int, fields: [String], optional: Bool = false) async throws -> JSONBody {
        let body = try await request.body.collect(upTo: limit)
        return try parse(String(buffer: body), fields: fields, optional: optional)
    }

    static func parse(_ text: String, fields: [String], optional: Bool = false) throws -> JSONBody {
        let expected = list(fields)
        if text.allSatisfy({ $0.isWhitespace }) {
            guard optional else { throw APIError.badRequest("body: expected a JSON object with \(expected)") }
            return JSONBody(object: JSONObject())
        }
        let object: JSONObject
        do {
            guard case .object(let o) = try JSONParser.parse(text) else { throw APIError.badRequest("body: expected a JSON object with \(expected)") }
            object = o
        } catch let error as JSONParser.SyntaxError {
            throw APIError.badRequest("body: invalid JSON at column \(error.column): \(error.message)")
        }
        for (key, _) in object.members where !fields.contains(key) {
            throw APIError.badRequest("\(QueryParameters.quoted(key)): unknown field; expected \(expected)", field: key)
        }
        return JSONBody(object: object)
    }

    /// `a, b or c`.
    static func list(_ fields: [String]) -> String {
        fields.count < 2 ? fields.joined() : fields.dropLast().joined(separator: ", ") + " or " + fields.last!
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    /// A string member; absent is nil, `null` is `400` unless `nullable` (then nil too).
    func string(_ key: String, nullable: Bool = false) throws -> String? {
        switch object[key] {
        case nil: return nil
        case .null? where nullable: return nil
        case .string(let s)?: return s
        case let value?: throw APIError.badRequest("\(key): expected a string\(nullable ? " or null" : ""), got \(value.brief)", field: key)
        }
    }

    func requireString(_ key: String) throws -> String {
        guard let s = try string(key) else { throw APIError.badRequest("\(key): required", field: key) }
        return s
    }

    /// A whole number in `range`.
    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = object[key] else { return nil }
        guard case .number(let text) = value, let n = Int(text), range.contains(n) else {
            throw APIError.badRequest("\(key): expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(value.brief)", field: key)
        }
        return n
    }

    func double(_ key: String) throws -> Double? {
        guard let value = object[key] else { return nil }
        guard case .number(let text) = value, let d = Double(text), d.isFinite else {
            throw APIError.badRequest("\(key): expected a number, got \(value.brief)", field: key)
        }
        return d
    }

    func bool(_ key: String) throws -> Bool? {
        guard let value = object[key] else { return nil }
        guard case .bool(let b) = value else { throw APIError.badRequest("\(key): expected true or false, got \(value.brief)", field: key) }
        return b
    }

    func requireBool(_ key: String) throws -> Bool {
        guard let b = try bool(key) else { throw APIError.badRequest("\(key): required (true or false)", field: key) }
        return b
    }
}
