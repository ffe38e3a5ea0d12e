/// Reads an OpenStreetMap PBF file (the format of Geofabrik's and BBBike's extracts) held in
/// memory: a sequence of blocks, each a 4-byte big-endian length, a `BlobHeader` and a
/// `Blob` (raw or zlib); the first an `OSMHeader`, the rest `OSMData` primitive blocks of
/// string table, granularity and offsets, and groups of nodes (plain or `DenseNodes`, delta
/// coded), ways (delta-coded node references) and relations. Pure: the caller reads the file.
///
/// Elements are handed over one by one as they are decoded, so nothing but the current block
/// is held; a file that is cut short or corrupt is an `OSMPBFError` naming the block and its
/// byte offset, raised before the caller has stored anything (the import collects first and
/// writes once).
public struct OSMPBFReader: Sendable {
    /// What a file held.
    public struct Counts: Hashable, Sendable {
        public var blocks = 0
        public var nodes = 0
        public var ways = 0
        public var relations = 0

        public init(blocks: Int = 0, nodes: Int = 0, ways: Int = 0, relations: Int = 0) {
            self.blocks = blocks
            self.nodes = nodes
            self.ways = ways
            self.relations = relations
        }
    }

    public let bytes: [UInt8]
    /// The name used in error messages.
    public let file: String

    /// The features of a header that this reader understands; any other required one is refused.
    public static let understoodFeatures: Set<String> = ["OsmSchema-V0.6", "DenseNodes"]

    public init(bytes: [UInt8], file: String) {
        self.bytes = bytes
        self.file = file
    }

    /// Decodes every block in order.
    /// - Parameters:
    ///   - node: id, latitude, longitude of each node.
    ///   - nodeTags: id and tags of each node that has tags (traffic signals, stop signs:
    ///     decoded only for the few nodes that carry any).
    ///   - way: each way with its tags.
    ///   - relation: each relation with its members and tags.
    ///   - progress: bytes read so far and the file's size, after each block.
    /// - Complexity: O(file size) time; memory for one block (at most 32 MiB inflated).
    public func read(node: (Int64, Double, Double) -> Void = { _, _, _ in },
                     nodeTags: (Int64, [String: String]) -> Void = { _, _ in }, way: (OSMWay) -> Void = { _ in },
                     relation: (OSMRelation) -> Void = { _ in },
                     progress: (Int, Int) -> Void = { _, _ in }) throws(OSMPBFError) -> Counts {
        var counts = Counts()
        var offset = 0
        var index = 0
        while offset < bytes.count {
            func fail(_ reason: String) -> OSMPBFError { OSMPBFError(file: file, block: index, offset: offset, reason: reason) }
            guard bytes.count - offset >= 4 else { throw fail("the file ends inside a block's length (truncated?)") }
            let headerLength = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            guard headerLength > 0, headerLength <= 64 * 1024 else { throw fail("a block header of \(headerLength) bytes (at most 65536; not a PBF file?)") }
            let headerStart = offset + 4
            guard bytes.count - headerStart >= headerLength else { throw fail("the file ends inside a block header (truncated?)") }
            var type = ""
            var dataSize = -1
            do {
                var h = ProtoReader(bytes, from: headerStart, to: headerStart + headerLength)
                while let (number, wire) = try h.field() {
                    switch (number, wire) {
                    case (1, 2): type = try h.string()
                    case (3, 0): dataSize = Int(truncatingIfNeeded: try h.varint())
                    default: try h.skip(wire: wire)
                    }
                }
            } catch { throw fail("block header: \(error.reason)") }
            guard dataSize >= 0, dataSize <= 32 * 1024 * 1024 else { throw fail("block header without a valid data size (not a PBF file?)") }
            let blobStart = headerStart + headerLength
            guard bytes.count - blobStart >= dataSize else {
                throw fail("the file ends inside a block: \(dataSize) bytes announced, \(bytes.count - blobStart) left (truncated?)")
            }
            if index == 0 && type != "OSMHeader" { throw fail("the first block is \"\(type)\", expected OSMHeader (not a PBF file?)") }
            if type == "OSMHeader" || type == "OSMData" {
                let block: [UInt8]
                do { block = try Self.blobBytes(bytes, from: blobStart, to: blobStart + dataSize) } catch { throw fail(error.reason) }
                do {
                    if type == "OSMHeader" {
                        try Self.checkHeader(block)
                    } else {
                        try Self.primitiveBlock(block, counts: &counts, node: node, nodeTags: nodeTags, way: way, relation: relation)
                    }
                } catch { throw fail("\(type): \(error.reason)") }
            }
            // Unknown block types are skipped, as the format asks.
            offset = blobStart + dataSize
            index += 1
            counts.blocks = index
            progress(offset, bytes.count)
        }
        if index == 0 { throw OSMPBFError(file: file, block: nil, offset: 0, reason: "the file is empty") }
        return counts
    }

    /// The block's bytes: raw, or zlib inflated to the size the blob states.
    static func blobBytes(_ bytes: [UInt8], from: Int, to: Int) throws(ProtoError) -> [UInt8] {
        var b = ProtoReader(bytes, from: from, to: to)
        var raw: Range<Int>?
        var zlib: Range<Int>?
        var rawSize = -1
        var other: Int?
        while let (number, wire) = try b.field() {
            switch (number, wire) {
            case (1, 2): raw = try b.lengthDelimited()
            case (2, 0): rawSize = Int(truncatingIfNeeded: try b.varint())
            case (3, 2): zlib = try b.lengthDelimited()
            case (4...7, 2): other = number; try b.skip(wire: wire)
            default: try b.skip(wire: wire)
            }
        }
        if let raw { return Array(bytes[raw]) }
        if let zlib {
            guard rawSize >= 0, rawSize <= 32 * 1024 * 1024 else { throw ProtoError("a zlib block without a valid raw size") }
            return try Inflate.inflate(bytes[zlib], rawSize: rawSize)
        }
        if let other { throw ProtoError("compression \(["lzma", "obsolete bzip2", "lz4", "zstd"][other - 4]) is not supported (re-encode with zlib, e.g. osmium cat)") }
        throw ProtoError("a block without data")
    }

    static func checkHeader(_ block: [UInt8]) throws(ProtoError) {
        var h = ProtoReader(block)
        while let (number, wire) = try h.field() {
            if number == 4, wire == 2 {
                let feature = try h.string()
                guard understoodFeatures.contains(feature) else { throw ProtoError("requires the feature \"\(feature)\", which fieldplan does not read") }
            } else {
                try h.skip(wire: wire)
            }
        }
    }

    static func primitiveBlock(_ block: [UInt8], counts: inout Counts, node: (Int64, Double, Double) -> Void,
                               nodeTags: (Int64, [String: String]) -> Void, way: (OSMWay) -> Void, relation: (OSMRelation) -> Void) throws(ProtoError) {
        var r = ProtoReader(block)
        var strings: [String] = []
        var groups: [ProtoReader] = []
        var granularity: Int64 = 100
        var latOffset: Int64 = 0, lonOffset: Int64 = 0
        while let (number, wire) = try r.field() {
            switch (number, wire) {
            case (1, 2):
                var t = try r.message()
                while let (n, w) = try t.field() {
                    if n == 1, w == 2 { strings.append(try t.string()) } else { try t.skip(wire: w) }
                }
            case (2, 2): groups.append(try r.message())
            case (17, 0): granularity = Int64(truncatingIfNeeded: try r.varint())
            case (19, 0): latOffset = Int64(bitPattern: try r.varint())
            case (20, 0): lonOffset = Int64(bitPattern: try r.varint())
            default: try r.skip(wire: wire)
            }
        }
        guard granularity > 0 else { throw ProtoError("granularity \(granularity)") }
        func lat(_ v: Int64) -> Double { Double(latOffset + granularity * v) * 1e-9 }
        func lon(_ v: Int64) -> Double { Double(lonOffset + granularity * v) * 1e-9 }
        func string(_ i: UInt64) throws(ProtoError) -> String {
            guard i < UInt64(strings.count) else { throw ProtoError("string \(i) of a table of \(strings.count)") }
            return strings[Int(i)]
        }
        func tags(_ keys: [UInt64], _ values: [UInt64]) throws(ProtoError) -> [String: String] {
            guard keys.count == values.count else { throw ProtoError("\(keys.count) tag keys for \(values.count) values") }
            var t: [String: String] = [:]
            for (k, v) in zip(keys, values) { t[try string(k)] = try string(v) }
            return t
        }
        for var g in groups {
            while let (number, wire) = try g.field() {
                switch (number, wire) {
                case (1, 2):
                    var m = try g.message()
                    var id: Int64 = 0, la: Int64 = 0, lo: Int64 = 0
                    var keys: [UInt64] = [], values: [UInt64] = []
                    while let (n, w) = try m.field() {
                        switch (n, w) {
                        case (1, 0): id = ProtoReader.zigzag(try m.varint())
                        case (2, _): try m.varints(wire: w) { keys.append($0) }
                        case (3, _): try m.varints(wire: w) { values.append($0) }
                        case (8, 0): la = ProtoReader.zigzag(try m.varint())
                        case (9, 0): lo = ProtoReader.zigzag(try m.varint())
                        default: try m.skip(wire: w)
                        }
                    }
                    node(id, lat(la), lon(lo))
                    if !keys.isEmpty { nodeTags(id, try tags(keys, values)) }
                    counts.nodes += 1
                case (2, 2):
                    var d = try g.message()
                    var ids: [Int64] = [], lats: [Int64] = [], lons: [Int64] = []
                    var keysValues: [UInt64] = []
                    while let (n, w) = try d.field() {
                        switch n {
                        case 1: try d.varints(wire: w) { ids.append(ProtoReader.zigzag($0)) }
                        case 10: try d.varints(wire: w) { keysValues.append($0) }
                        case 8: try d.varints(wire: w) { lats.append(ProtoReader.zigzag($0)) }
                        case 9: try d.varints(wire: w) { lons.append(ProtoReader.zigzag($0)) }
                        default: try d.skip(wire: w)
                        }
                    }
                    guard ids.count == lats.count, ids.count == lons.count else {
                        throw ProtoError("dense nodes with \(ids.count) ids, \(lats.count) latitudes, \(lons.count) longitudes")
                    }
                    var id: Int64 = 0, la: Int64 = 0, lo: Int64 = 0
                    // keys_vals: each node's (key, value) string indices, then a 0; empty when
                    // no node of the group has tags.
                    var kv = 0
                    for i in ids.indices {
                        id &+= ids[i]; la &+= lats[i]; lo &+= lons[i]
                        node(id, lat(la), lon(lo))
                        guard kv < keysValues.count else { continue }
                        if keysValues[kv] == 0 { kv += 1; continue }
                        var t: [String: String] = [:]
                        while kv < keysValues.count, keysValues[kv] != 0 {
                            guard kv + 1 < keysValues.count else { throw ProtoError("dense node \(id): a tag key without a value") }
                            t[try string(keysValues[kv])] = try string(keysValues[kv + 1])
                            kv += 2
                        }
                        kv += 1
                        nodeTags(id, t)
                    }
                    counts.nodes += ids.count
                case (3, 2):
                    var m = try g.message()
                    var id: Int64 = 0
                    var keys: [UInt64] = [], values: [UInt64] = [], refs: [Int64] = []
                    while let (n, w) = try m.field() {
                        switch n {
                        case 1: id = Int64(bitPattern: try m.varint())
                        case 2: try m.varints(wire: w) { keys.append($0) }
                        case 3: try m.varints(wire: w) { values.append($0) }
                        case 8:
                            var ref: Int64 = 0
                            try m.varints(wire: w) { ref &+= ProtoReader.zigzag($0); refs.append(ref) }
                        default: try m.skip(wire: w)
                        }
                    }
                    way(OSMWay(id: id, refs: refs, tags: try tags(keys, values)))
                    counts.ways += 1
                case (4, 2):
                    var m = try g.message()
                    var id: Int64 = 0
                    var keys: [UInt64] = [], values: [UInt64] = [], roles: [UInt64] = [], types: [UInt64] = []
                    var members: [Int64] = []
                    while let (n, w) = try m.field() {
                        switch n {
                        case 1: id = Int64(bitPattern: try m.varint())
                        case 2: try m.varints(wire: w) { keys.append($0) }
                        case 3: try m.varints(wire: w) { values.append($0) }
                        case 8: try m.varints(wire: w) { roles.append(UInt64(UInt32(truncatingIfNeeded: $0))) }
                        case 9:
                            var ref: Int64 = 0
                            try m.varints(wire: w) { ref &+= ProtoReader.zigzag($0); members.append(ref) }
                        case 10: try m.varints(wire: w) { types.append($0) }
                        default: try m.skip(wire: w)
                        }
                    }
                    guard roles.count == members.count, types.count == members.count else {
                        throw ProtoError("relation \(id): \(members.count) members, \(roles.count) roles, \(types.count) types")
                    }
                    var list: [OSMRelation.Member] = []
                    for i in members.indices {
                        guard let type = OSMRelation.MemberType(rawValue: Int(types[i])) else { throw ProtoError("relation \(id): member type \(types[i])") }
                        list.append(OSMRelation.Member(type: type, id: members[i], role: try string(roles[i])))
                    }
                    relation(OSMRelation(id: id, members: list, tags: try tags(keys, values)))
                    counts.relations += 1
                default: try g.skip(wire: wire)
                }
            }
        }
    }
}
