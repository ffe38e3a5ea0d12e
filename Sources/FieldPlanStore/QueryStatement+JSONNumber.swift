#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GRDBSQLite

extension QueryStatement {
    /// The number that follows `key` (written with its quotes and colon: `"travel_km":`) in a
    /// JSON text column, or nil when the key is absent or not followed by a number.
    ///
    /// Only for the flat lines fieldplan itself writes (`plan_route`, `plan_visit`), where each
    /// key appears once and never inside a nested object: a quote inside a string value is
    /// escaped, so the pattern cannot match inside one. It reads the bytes SQLite already
    /// holds, a search and a `strtod`, instead of parsing the whole line as `json_extract` does
    /// (a quarter of a second over the 270,000 stops of two months).
    func number(_ column: Int32, afterKey key: [UInt8]) -> Double? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        let start = UnsafeRawPointer(text).assumingMemoryBound(to: CChar.self), end = start.advanced(by: count)
        var at = start
        let found: Bool = key.withUnsafeBytes { k in
            // The key's first byte by memchr, then the rest by memcmp.
            while end - at >= k.count, let hit = memchr(at, Int32(k[0]), end - at) {
                at = UnsafePointer(hit.assumingMemoryBound(to: CChar.self))
                if end - at < k.count { return false }
                if memcmp(at, k.baseAddress!, k.count) == 0 { return true }
                at += 1
            }
            return false
        }
        guard found else { return nil }
        var p = at.advanced(by: key.count)
        while p < end && (p.pointee == 0x20 || p.pointee == 0x09 || p.pointee == 0x0A || p.pointee == 0x0D) { p += 1 }
        guard p < end, p.pointee == 0x2D || (p.pointee >= 0x30 && p.pointee <= 0x39) else { return nil }
        var stop: UnsafeMutablePointer<CChar>?
        let value = strtod(p, &stop)
        return stop.map { UnsafePointer($0) > p } == true ? value : nil
    }
}
