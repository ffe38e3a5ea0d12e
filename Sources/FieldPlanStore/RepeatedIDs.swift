import FieldPlanCore
import FieldPlanInterchange

/// Notices a record id that came earlier in the same import (the last line wins, and the
/// user is told): the one part of an import's memory that grows with the file, 12 bytes a
/// slot (up to about 36 bytes per distinct id while the table grows).
struct RepeatedIDs {
    /// idKey(kind, id) → the line it was first seen on.
    private var firstLines: [UInt64: UInt32] = [:]

    /// The warning for `id` on `origin`'s line, if it came earlier.
    mutating func check(_ kind: RecordKind, _ id: String, _ origin: LineOrigin) -> String? {
        let key = Self.idKey(kind, id)
        if let earlier = firstLines[key] {
            return "\(origin.source):\(origin.line): id: \(kind.rawValue) \(JSONWriter.quoted(id)) again (first on line \(earlier)); the last one wins"
        }
        firstLines[key] = UInt32(clamping: origin.line)
        return nil
    }

    /// A 64-bit FNV-1a hash of the kind and the id's bytes: cheaper than hashing the String
    /// (which is Unicode-aware), and with a million ids a collision is a one-in-ten-million
    /// chance of a spurious warning, never a lost line.
    static func idKey(_ kind: RecordKind, _ id: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in kind.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        hash = (hash ^ 0x3a) &* 0x100_0000_01b3
        var id = id
        id.withUTF8 { bytes in
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return hash
    }
}
