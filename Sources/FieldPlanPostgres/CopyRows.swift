import PostgresNIO

/// Rows in the text format of `COPY … FROM STDIN` (tab between fields, `\N` for null,
/// backslash escapes), gathered in chunks of about 1 MiB for `PostgresCopyFromWriter`.
/// Kept whole in memory so that a transaction the server makes retry (a serialization
/// failure) can send the same rows again: about the size of the input's text.
///
/// The chunk being filled is a plain byte array, copied into a `ByteBuffer` once full: a
/// million accounts make 25 million field writes, and `ByteBuffer`'s checks on each small
/// write (uniqueness, exclusivity, capacity) cost more than the bytes (a fifth of the
/// staging thread's time before).
struct CopyRows: Sendable {
    private(set) var chunks: [ByteBuffer] = []
    private var current: [UInt8] = []
    private var fieldsInRow = 0
    private(set) var count = 0

    static let chunkBytes = 1 << 20

    mutating func text(_ value: String?) {
        separate()
        guard var text = value else { writeNull(); return }
        text.withUTF8 { bytes in
            // Most text needs no escape: one copy of its bytes, not one write a byte.
            guard bytes.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n")
                || $0 == UInt8(ascii: "\r") }) else {
                current.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "r"))
                default: current.append(byte)
                }
            }
        }
    }

    mutating func int(_ value: Int64?) {
        separate()
        guard let value else { writeNull(); return }
        // The digits straight into the buffer, without a String a number.
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign
        withUnsafeMutableBytes(of: &digits) { space in
            var magnitude = value.magnitude
            var at = space.count
            repeat {
                at -= 1
                space[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                at -= 1
                space[at] = UInt8(ascii: "-")
            }
            current.append(contentsOf: UnsafeRawBufferPointer(rebasing: space[at...]))
        }
    }

    mutating func int(_ value: Int?) { int(value.map(Int64.init)) }

    mutating func double(_ value: Double?) {
        separate()
        guard let value else { writeNull(); return }
        current.append(contentsOf: value.description.utf8)
    }

    /// A `BYTEA` value in hex (`\x…`, its backslash escaped for COPY).
    mutating func bytes(_ value: [UInt8]?) {
        separate()
        guard let value else { writeNull(); return }
        current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "x"))
        let digits: StaticString = "0123456789abcdef"
        digits.withUTF8Buffer { hex in
            for byte in value {
                current.append(hex[Int(byte >> 4)])
                current.append(hex[Int(byte & 15)])
            }
        }
    }

    /// Ends the row.
    mutating func end() {
        current.append(UInt8(ascii: "\n"))
        fieldsInRow = 0
        count += 1
        if current.count >= Self.chunkBytes {
            chunks.append(ByteBuffer(bytes: current))
            current.removeAll(keepingCapacity: true)
        }
    }

    private mutating func separate() {
        if fieldsInRow > 0 { current.append(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }

    private mutating func writeNull() { current.append(UInt8(ascii: "\\")); current.append(UInt8(ascii: "N")) }

    /// The chunk being filled, as a buffer to send.
    private var currentBuffer: ByteBuffer? { current.isEmpty ? nil : ByteBuffer(bytes: current) }

    /// Appends `other`'s rows after these (its chunks as they are).
    mutating func append(_ other: CopyRows) {
        guard other.count > 0 else { return }
        if let partial = currentBuffer { chunks.append(partial) }
        chunks += other.chunks
        current = other.current
        count += other.count
        fieldsInRow = 0
    }

    /// The full chunks gathered so far, taken out (for a copy sent while rows are still made).
    mutating func takeFullChunks() -> [ByteBuffer] {
        defer { chunks.removeAll() }
        return chunks
    }

    /// Every chunk, the last partial one included.
    var all: [ByteBuffer] { currentBuffer.map { chunks + [$0] } ?? chunks }
}
