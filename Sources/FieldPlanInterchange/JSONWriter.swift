/// Writes canonical JSON objects member by member: the order of calls is the order of the
/// output, so an export is byte-for-byte reproducible.
public struct JSONWriter {
    public private(set) var text: String = "{"
    private var first = true

    public init() { text.reserveCapacity(256) }

    private mutating func key(_ key: String) {
        if !first { text += "," }
        first = false
        text += "\""
        text += key
        text += "\":"
    }

    public mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        self.key(key)
        Self.appendQuoted(value, to: &text)
    }

    public mutating func int(_ key: String, _ value: Int?) {
        guard let value else { return }
        self.key(key)
        text += String(value)
    }

    public mutating func double(_ key: String, _ value: Double?) {
        guard let value else { return }
        self.key(key)
        text += Self.number(value)
    }

    public mutating func bool(_ key: String, _ value: Bool?) {
        guard let value else { return }
        self.key(key)
        text += value ? "true" : "false"
    }

    /// A member whose value is already JSON text (a number written exactly, a nested object).
    public mutating func raw(_ key: String, _ json: String?) {
        guard let json else { return }
        self.key(key)
        text += json
    }

    public mutating func array(_ key: String, strings: [String]?) {
        guard let strings else { return }
        self.key(key)
        text += "["
        for (i, s) in strings.enumerated() {
            if i > 0 { text += "," }
            Self.appendQuoted(s, to: &text)
        }
        text += "]"
    }

    /// Closes the object and returns its text.
    public mutating func finish() -> String {
        text += "}"
        return text
    }

    /// Shortest text that reads back as the same double (`36.8172`, `-1.2`, `12`).
    public static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    public static func appendQuoted(_ s: String, to out: inout String) {
        out += "\""
        var needsEscape = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C { needsEscape = true; break }
        if !needsEscape {
            out += s
        } else {
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        out += "\""
    }
}
