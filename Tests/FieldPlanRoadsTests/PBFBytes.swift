/// Hand-built OSM PBF bytes for the reader's tests: the protobuf wire format written by hand,
/// blobs stored raw (or with made-up zlib data, for the corrupt case).
struct PBFBytes {
    var bytes: [UInt8] = []

    static func varint(_ v: UInt64) -> [UInt8] {
        var v = v, out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        out.append(UInt8(v))
        return out
    }
    static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    static func key(_ field: Int, _ wire: Int) -> [UInt8] { varint(UInt64(field << 3 | wire)) }
    static func int(_ field: Int, _ v: UInt64) -> [UInt8] { key(field, 0) + varint(v) }
    static func bytes(_ field: Int, _ b: [UInt8]) -> [UInt8] { key(field, 2) + varint(UInt64(b.count)) + b }
    static func string(_ field: Int, _ s: String) -> [UInt8] { bytes(field, Array(s.utf8)) }
    static func packed(_ field: Int, _ values: [UInt64]) -> [UInt8] { bytes(field, values.flatMap { varint($0) }) }
    static func packedSigned(_ field: Int, _ values: [Int64]) -> [UInt8] { packed(field, values.map(zigzag)) }
    static func deltas(_ values: [Int64]) -> [Int64] { values.indices.map { $0 == 0 ? values[0] : values[$0] - values[$0 - 1] } }

    /// Appends one block: length, header, blob holding `data` raw (or `zlib` bytes claimed to
    /// inflate to `rawSize`).
    mutating func block(type: String, raw data: [UInt8]? = nil, zlib: [UInt8]? = nil, rawSize: Int = 0) {
        var blob: [UInt8] = []
        if let data { blob = Self.bytes(1, data) }
        if let zlib { blob = Self.int(2, UInt64(rawSize)) + Self.bytes(3, zlib) }
        let header = Self.string(1, type) + Self.int(3, UInt64(blob.count))
        let n = UInt32(header.count)
        bytes += [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + header + blob
    }

    static let header: [UInt8] = string(4, "OsmSchema-V0.6") + string(4, "DenseNodes") + string(16, "fieldplan tests")

    /// A primitive block: string table, dense nodes (ids and coordinates in nanodegrees /
    /// granularity, and each node's tags as string indices when `nodeTags` is given), ways
    /// (refs), one relation; granularity and offsets as given.
    static func primitive(strings: [String], nodes: [(Int64, Int64, Int64)], ways: [(Int64, [Int64], [(Int, Int)])],
                          relations: [(Int64, [(Int64, Int, Int)], [(Int, Int)])] = [], nodeTags: [[(Int, Int)]]? = nil,
                          granularity: Int = 100, latOffset: Int64 = 0, lonOffset: Int64 = 0) -> [UInt8] {
        let table = bytes(1, strings.flatMap { string(1, $0) })
        let keysValues = nodeTags.map { packed(10, $0.flatMap { tags in tags.flatMap { [UInt64($0.0), UInt64($0.1)] } + [0] }) } ?? []
        let dense = bytes(2, packedSigned(1, deltas(nodes.map(\.0))) + packedSigned(8, deltas(nodes.map(\.1)))
                          + packedSigned(9, deltas(nodes.map(\.2))) + keysValues)
        var group = dense
        for (id, refs, tags) in ways {
            let way = int(1, UInt64(id)) + packed(2, tags.map { UInt64($0.0) }) + packed(3, tags.map { UInt64($0.1) })
                + packedSigned(8, deltas(refs))
            group += bytes(3, way)
        }
        for (id, members, tags) in relations {
            let rel = int(1, UInt64(id)) + packed(2, tags.map { UInt64($0.0) }) + packed(3, tags.map { UInt64($0.1) })
                + packed(8, members.map { UInt64($0.2) }) + packedSigned(9, deltas(members.map(\.0))) + packed(10, members.map { UInt64($0.1) })
            group += bytes(4, rel)
        }
        return table + bytes(2, group) + int(17, UInt64(granularity)) + int(19, zigzagless(latOffset)) + int(20, zigzagless(lonOffset))
    }

    /// int64 fields are plain varints (two's complement), not zigzag.
    static func zigzagless(_ v: Int64) -> UInt64 { UInt64(bitPattern: v) }
}
