#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GRDBSQLite

/// Account ids numbered 0, 1, 2… in the order they are first met, looked up straight from
/// the bytes SQLite holds for a text column: the report gathering meets a million account
/// records and a million facts, and making a `String` of each id to hash it (SipHash) cost
/// more than reading the rows.
///
/// Ids of at most 16 bytes (all of fieldplan's own and the usual client ids) are kept as two
/// machine words in an open-addressing table and compared as such; longer ids go through a
/// plain dictionary. Each id becomes a `String` once, when it is first numbered.
/// - Complexity: a lookup is one multiply-mix hash and, mostly, one cache line; memory is
///   about 48 bytes per id.
struct AccountKeyTable {
    /// One slot of the table: the id's bytes as two words, its length and its key (-1: empty).
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var length: Int32 = 0
        var key: Int32 = -1
    }

    private var slots: [Slot]
    private var mask: Int
    private var long: [String: Int32] = [:]
    /// The ids by key.
    private(set) var ids: [String] = []

    var count: Int { ids.count }

    /// Room for `capacity` ids before the table first grows.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(), count: size)
        mask = size - 1
        ids.reserveCapacity(capacity)
    }

    /// The key of the text in `column` of the statement's current row, numbering it if it is
    /// new; nil for NULL.
    mutating func intern(_ row: QueryStatement, _ column: Int32) -> Int32? {
        guard let text = sqlite3_column_text(row.handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(row.handle, column))
        return intern(UnsafeRawPointer(text), count)
    }

    /// The key of the text in `column` of the current row if it is numbered already.
    func find(_ row: QueryStatement, _ column: Int32) -> Int32? {
        guard let text = sqlite3_column_text(row.handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(row.handle, column))
        return find(UnsafeRawPointer(text), count)
    }

    /// The key of the `String` id, numbering it if it is new.
    mutating func intern(_ id: String) -> Int32 {
        var id = id
        return id.withUTF8 { intern(UnsafeRawPointer($0.baseAddress ?? UnsafePointer(bitPattern: 1)!), $0.count) }
    }

    private mutating func intern(_ bytes: UnsafeRawPointer, _ count: Int) -> Int32 {
        guard count <= 16 else {
            let id = Self.string(bytes, count)
            if let k = long[id] { return k }
            let k = Int32(ids.count)
            long[id] = k
            ids.append(id)
            return k
        }
        let (low, high) = Self.words(bytes, count)
        var i = Self.hash(low, high, count) & mask
        while slots[i].key >= 0 {
            if slots[i].low == low && slots[i].high == high && slots[i].length == count { return slots[i].key }
            i = (i + 1) & mask
        }
        let k = Int32(ids.count)
        slots[i] = Slot(low: low, high: high, length: Int32(count), key: k)
        ids.append(Self.string(bytes, count))
        if ids.count - long.count > slots.count / 2 { grow() }
        return k
    }

    private func find(_ bytes: UnsafeRawPointer, _ count: Int) -> Int32? {
        guard count <= 16 else { return long[Self.string(bytes, count)] }
        let (low, high) = Self.words(bytes, count)
        var i = Self.hash(low, high, count) & mask
        while slots[i].key >= 0 {
            if slots[i].low == low && slots[i].high == high && slots[i].length == count { return slots[i].key }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Twice the slots, every short id placed again.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.key >= 0 {
            var i = Self.hash(slot.low, slot.high, Int(slot.length)) & mask
            while slots[i].key >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }

    /// The bytes as two little-endian words, zero-padded.
    private static func words(_ bytes: UnsafeRawPointer, _ count: Int) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.baseAddress!.copyMemory(from: bytes, byteCount: count) }
        return words
    }

    /// A 64-bit finalizer (MurmurHash3's) over the words and length: ids that differ in any
    /// byte land far apart.
    private static func hash(_ low: UInt64, _ high: UInt64, _ count: Int) -> Int {
        var h = low &+ (high ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h)
    }

    private static func string(_ bytes: UnsafeRawPointer, _ count: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
