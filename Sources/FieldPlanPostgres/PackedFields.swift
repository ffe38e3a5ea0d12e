/// The fields of packed rows (`PackedRows`), read one after another in the order they were
/// packed: `text()` for a `.text` field, the others for a `.value` one.
struct PackedFields {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var atEnd: Bool { at >= bytes.count }

    /// A packed value that does not read as packed: the query and this reader disagree.
    struct Malformed: Error, CustomStringConvertible {
        var offset: Int
        var description: String { "a report's packed rows are malformed at byte \(offset)" }
    }

    mutating func text() throws -> String? {
        guard at < bytes.count else { throw Malformed(offset: at) }
        if bytes[at] == UInt8(ascii: "-") {
            at += 1
            return nil
        }
        var length = 0
        while at < bytes.count, bytes[at] != UInt8(ascii: ":") {
            let digit = Int(bytes[at]) &- 48
            guard digit >= 0 && digit <= 9 else { throw Malformed(offset: at) }
            length = length * 10 + digit
            at += 1
        }
        at += 1
        guard at + length <= bytes.count else { throw Malformed(offset: at) }
        defer { at += length }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[at..<at + length]), as: UTF8.self)
    }

    /// A `.value` field's text form; nil for null.
    private mutating func value() throws -> UnsafeBufferPointer<UInt8>? {
        let start = at
        while at < bytes.count, bytes[at] != UInt8(ascii: ";") { at += 1 }
        guard at < bytes.count else { throw Malformed(offset: start) }
        defer { at += 1 }
        if at == start + 1 && bytes[start] == UInt8(ascii: "~") { return nil }
        return UnsafeBufferPointer(rebasing: bytes[start..<at])
    }

    mutating func int64() throws -> Int64? {
        guard let digits = try value() else { return nil }
        // Wrapping arithmetic: Int64.min's magnitude is one past Int64.max, and wraps back.
        var result: Int64 = 0
        var negative = false
        for (i, byte) in digits.enumerated() {
            if i == 0 && byte == UInt8(ascii: "-") { negative = true; continue }
            let digit = Int64(byte) &- 48
            guard digit >= 0 && digit <= 9, i < 20 else { throw Malformed(offset: at) }
            result = result &* 10 &+ digit
        }
        return negative ? 0 &- result : result
    }

    mutating func double() throws -> Double? {
        guard let text = try value() else { return nil }
        guard let result = Double(String(decoding: text, as: UTF8.self)) else { throw Malformed(offset: at) }
        return result
    }

    mutating func bool() throws -> Bool? {
        try value().map { $0.first == UInt8(ascii: "t") }
    }
}
