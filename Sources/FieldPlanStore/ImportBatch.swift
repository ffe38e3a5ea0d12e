import FieldPlanCore
import FieldPlanInterchange

/// A batch of input lines on its way from the reading thread to the writing thread, in
/// input order. Accounts that need nothing from the store but their own upsert (no zone to
/// look up) travel packed (`PackedValues`): they are most of a portfolio file, and binding
/// them from one buffer spares the writing thread a Swift string per field.
struct ImportBatch: Sendable {
    enum Item: Sendable {
        case line(ParsedLine)
        /// An account packed at `first` in `packed`.
        case packedAccount(first: Int)
        /// An outcome or payment with its canonical line, made on the reading thread.
        case fact(Record, LineOrigin, canonical: String)
        /// A warning about the line that follows (its id came earlier in this import).
        case warning(String)
    }

    var items: [Item] = []
    var packed = PackedValues()

    init(capacity: Int = 0) {
        items.reserveCapacity(capacity)
        packed.reserveCapacity(values: capacity * RecordWriter.accountParameterCount, bytes: capacity * 256)
    }
}

/// Gathers parsed lines into batches on the reading thread: packs what can be packed and
/// notes ids repeated within the import ("last wins", reported).
struct ImportBatcher {
    let batchSize: Int
    let now: Int64
    let run: Int64
    let sync: Bool
    private(set) var batch: ImportBatch
    /// idKey(kind, id) → the line it was first seen on: the one part of an import's memory
    /// that grows with the file, about 16 bytes per distinct id.
    private var seen: [UInt64: UInt32] = [:]

    init(batchSize: Int = 512, now: Int64, run: Int64, sync: Bool) {
        self.batchSize = batchSize
        self.now = now
        self.run = run
        self.sync = sync
        batch = ImportBatch(capacity: batchSize)
    }

    var isFull: Bool { batch.items.count >= batchSize }

    /// Whether `record` travels packed: an account without a zone, which nothing but its own
    /// upsert can refuse, so its line's bytes are not needed either. A sync import refuses
    /// accounts, so it packs none.
    static func packs(_ record: Record, sync: Bool) -> Bool {
        if !sync, case .account(let account) = record, account.zoneID == nil { return true }
        return false
    }

    mutating func add(_ line: ParsedLine) {
        guard case .record(let record, let origin) = line else {
            batch.items.append(.line(line))
            return
        }
        if record.kind != .outcome && record.kind != .payment {
            let key = Self.idKey(record.kind, record.id)
            if let earlier = seen[key] {
                batch.items.append(.warning("\(origin.source):\(origin.line): id: \(record.kind.rawValue) \(JSONWriter.quoted(record.id)) again (first on line \(earlier)); the last one wins"))
            } else {
                seen[key] = UInt32(clamping: origin.line)
            }
        }
        if Self.packs(record, sync: sync), case .account(let account) = record {
            let first = batch.packed.count
            RecordWriter.pack(account, now: now, run: run, into: &batch.packed)
            batch.items.append(.packedAccount(first: first))
        } else if record.kind == .outcome || record.kind == .payment {
            batch.items.append(.fact(record, origin, canonical: RecordEncoder.line(record)))
        } else {
            batch.items.append(.line(line))
        }
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

    /// The batch so far; the batcher starts a new one.
    mutating func take() -> ImportBatch {
        defer { batch = ImportBatch(capacity: batchSize) }
        return batch
    }
}
