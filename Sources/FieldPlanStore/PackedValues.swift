/// Statement arguments laid out flat: one byte buffer for the texts and one value per
/// parameter. The reading thread packs a batch of accounts this way, so the writing thread
/// binds them straight from the buffer without touching, retaining or freeing a Swift
/// string per field (issue 2: that traffic cost more than SQLite's own work).
struct PackedValues: Sendable {
    enum Value: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        /// Bytes `offset..<offset+count` of `bytes`.
        case text(offset: Int32, count: Int32)
    }

    private(set) var bytes: [UInt8] = []
    private(set) var values: [Value] = []

    var count: Int { values.count }

    mutating func append(_ value: String?) {
        guard let value else { values.append(.null); return }
        let offset = bytes.count
        bytes.append(contentsOf: value.utf8)
        values.append(.text(offset: Int32(offset), count: Int32(bytes.count - offset)))
    }

    mutating func append(_ value: Int64?) { values.append(value.map(Value.integer) ?? .null) }
    mutating func append(_ value: Int?) { append(value.map(Int64.init)) }
    mutating func append(_ value: Double?) { values.append(value.map(Value.real) ?? .null) }

    /// The text at `index`, or nil when it is not a text.
    func text(at index: Int) -> String? {
        guard case .text(let offset, let count) = values[index] else { return nil }
        return String(decoding: bytes[Int(offset)..<Int(offset + count)], as: UTF8.self)
    }

    mutating func reserveCapacity(values valueCount: Int, bytes byteCount: Int) {
        values.reserveCapacity(valueCount)
        bytes.reserveCapacity(byteCount)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}
