/// A parsed JSON value. Numbers keep their source text so that money is read exactly
/// (SPEC §3: never through floating point).
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// A short rendering for error messages: `"12,000"`, `12.345`, `an object`.
    public var brief: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .number(let n): n
        case .string(let s): JSONWriter.quoted(s.count > 40 ? String(s.prefix(40)) + "…" : s)
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// A JSON object as an ordered list of members: records have a handful of fields, so a
/// linear scan beats hashing, and the order of the source is kept. A key given twice
/// takes its last value, as most JSON readers do.
public struct JSONObject: Hashable, Sendable {
    public var members: [(key: String, value: JSONValue)]

    public init(members: [(key: String, value: JSONValue)] = []) { self.members = members }

    /// The last member named `key`.
    /// - Complexity: O(number of members).
    public subscript(key: String) -> JSONValue? {
        let length = key.utf8.count
        return members.withUnsafeBufferPointer { buffer in
            var i = buffer.count - 1
            while i >= 0 {
                // Comparing lengths first rejects most members without String's slower
                // Unicode-aware comparison of unequal strings, which the decoder would
                // otherwise pay ~100 times a line.
                let candidate = buffer[i].key
                if candidate.utf8.count == length && candidate == key { return buffer[i].value }
                i -= 1
            }
            return nil
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for member in members { hasher.combine(member.key); hasher.combine(member.value) }
    }
}
