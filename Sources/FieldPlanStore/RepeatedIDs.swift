import FieldPlanCore
import FieldPlanInterchange
import Foundation

/// Notices a record id that came earlier in the same import (the last line wins, and the
/// user is told, with the line it first came on), in memory that does not grow with the
/// file (issue 2). A fixed 16 MiB Bloom filter says "certainly new" for almost every line;
/// every id's hash and line go, in input order, to an unlinked temporary file; the ids the
/// filter was unsure of are looked up in that file once, at the end, which makes the
/// warnings exact.
/// - Complexity: O(1) per line, 12 bytes of disk per line; the final lookup reads the file
///   once, and only when the filter was unsure of some id (a true repeat, or about one line
///   in 15 million at a million ids).
final class RepeatedIDs {
    private var filter: BlockedBloomFilter
    /// An unlinked file: gone when closed, or when the process dies.
    private let file: FileHandle
    private var buffer: [UInt8] = []
    /// Records (12 bytes: the id's hash, its line) written so far; a record's index is its
    /// position in the whole input (line numbers restart with each file).
    private var count = 0
    private var suspects: [(index: Int, key: UInt64, kind: RecordKind, id: String, source: String, line: Int)] = []
    /// Where each input starts among the records, so that a first occurrence on another
    /// file is named by its file.
    private var inputs: [(start: Int, source: String)] = []
    private var currentSource = ""
    private static let bufferSize = 1 << 20

    /// - Parameter filterMegabytes: the Bloom filter's size; small ones only make the final
    ///   lookup longer (tests use that to check that the warnings stay exact).
    init(filterMegabytes: Int = 16) throws {
        filter = BlockedBloomFilter(megabytes: filterMegabytes)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-ids-\(UUID().uuidString)").path
        guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]),
              let file = FileHandle(forUpdatingAtPath: path) else {
            throw ImportError(message: "cannot create a temporary file in \(FileManager.default.temporaryDirectory.path)")
        }
        try? FileManager.default.removeItem(atPath: path)
        self.file = file
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit { try? file.close() }

    /// Notes the id of the record on `origin`'s line.
    func note(_ kind: RecordKind, _ id: String, _ origin: LineOrigin) throws {
        if origin.source != currentSource || inputs.isEmpty {
            inputs.append((count, origin.source))
            currentSource = origin.source
        }
        let key = Self.idKey(kind, id)
        withUnsafeBytes(of: key.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(clamping: origin.line).littleEndian) { buffer.append(contentsOf: $0) }
        if filter.insert(key) {
            suspects.append((count, key, kind, id, origin.source, origin.line))
        }
        count += 1
        if buffer.count >= Self.bufferSize { try flush() }
    }

    private func flush() throws {
        try file.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// The warnings, in input order: one for every line whose id came on an earlier line.
    func warnings() throws -> [String] {
        guard !suspects.isEmpty else { return [] }
        try flush()
        try file.seek(toOffset: 0)
        let wanted = Set(suspects.map(\.key))
        let last = suspects.map(\.index).max()!
        // The first record of each suspect id, reading no further than the last suspect.
        var first: [UInt64: (index: Int, line: Int)] = [:]
        var index = 0
        reading: while index <= last, let chunk = try file.read(upToCount: 12 * 87_381), !chunk.isEmpty {
            try chunk.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
                guard bytes.count % 12 == 0 else { throw ImportError(message: "the temporary file of ids was cut short") }
                for offset in stride(from: 0, to: bytes.count, by: 12) {
                    let key = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    if wanted.contains(key) && first[key] == nil {
                        first[key] = (index, Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))))
                    }
                    index += 1
                }
            }
            if first.count == wanted.count { break reading }
        }
        return suspects.compactMap { s in
            guard let f = first[s.key], f.index < s.index else { return nil }
            let firstSource = source(of: f.index)
            let earlier = firstSource == s.source ? "line \(f.line)" : "\(firstSource):\(f.line)"
            return "\(s.source):\(s.line): id: \(s.kind.rawValue) \(JSONWriter.quoted(s.id)) also on \(earlier); the last line wins"
        }
    }

    /// The input that record `index` came from.
    private func source(of index: Int) -> String {
        var low = 0, high = inputs.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if inputs[mid].start <= index { low = mid } else { high = mid - 1 }
        }
        return inputs[low].source
    }

    /// A 64-bit FNV-1a hash of the kind and the id's bytes: cheaper than hashing the String
    /// (which is Unicode-aware). Two ids with the same hash (about one chance in ten million
    /// among a million ids) would be reported as one repeated, never lose a line.
    static func idKey(_ kind: RecordKind, _ id: String) -> UInt64 {
        var hash = FNV1a()
        hash.combine(kind.rawValue)
        hash.combine(UInt8(ascii: ":"))
        hash.combine(id)
        return hash.value
    }
}
