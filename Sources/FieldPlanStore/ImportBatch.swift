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
        /// An outcome or payment: it waits in `AccountEffects` for a flush.
        case fact(Record, LineOrigin)
        /// The id of the record that follows, for the "same id again" warning: checked on the
        /// writing thread, which has time to spare while the reading thread parses.
        case seen(RecordKind, String, LineOrigin)
        /// A word about an input that stops nothing (ignored CSV columns), in input order.
        case warning(String)
        /// This input held no record at all.
        case noRecords(source: String)
    }

    var items: [Item] = []
    var packed = PackedValues()

    init(capacity: Int = 0) {
        items.reserveCapacity(capacity)
        packed.reserveCapacity(values: capacity * RecordWriter.accountParameterCount, bytes: capacity * 256)
    }
}

/// Gathers parsed lines into batches on the reading thread, packing what can be packed.
struct ImportBatcher {
    let batchSize: Int
    let now: Int64
    let run: Int64
    let sync: Bool
    /// The `import_source` id of the input being read.
    var sourceID: Int64 = 0
    private(set) var batch: ImportBatch

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
            batch.items.append(.seen(record.kind, record.id, origin))
        }
        if Self.packs(record, sync: sync), case .account(let account) = record {
            let first = batch.packed.count
            RecordWriter.pack(account, absent: origin.absent, source: sourceID, line: origin.line, now: now, run: run,
                              into: &batch.packed)
            batch.items.append(.packedAccount(first: first))
        } else if record.kind == .outcome || record.kind == .payment {
            batch.items.append(.fact(record, origin))
        } else {
            batch.items.append(.line(line))
        }
    }

    mutating func add(_ item: ImportBatch.Item) { batch.items.append(item) }

    /// The batch so far; the batcher starts a new one.
    mutating func take() -> ImportBatch {
        defer { batch = ImportBatch(capacity: batchSize) }
        return batch
    }
}
