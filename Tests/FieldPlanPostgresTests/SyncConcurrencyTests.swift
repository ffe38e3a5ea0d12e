import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// Exactly once across instances (SPEC §13): two `PostgresAgencyStore`s, each with its own
/// pool as two `fieldplan serve` processes have, store the same outcomes at the same moment
/// from two threads. Each outcome is stored once, one answer says `accepted` and the other
/// `unchanged`, neither fails, and the accounts end as one sequential sync leaves them.
@Suite("PostgreSQL: sync exactly once across instances")
struct SyncConcurrencyTests {
    static let now: Int64 = 1_796_000_000

    static func setup(_ folder: String) -> ImportInput {
        var lines = [#"{"kind":"agent","id":"G1","name":"Wanjiru","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}"#]
        for n in 1...40 {
            lines.append(#"{"kind":"account","id":"A\#(n)","client":"Jamii Bank","debtor_name":"D\#(n)","balance":\#(1000 + n),"lat":-1.28,"lon":36.89}"#)
        }
        return ImportContractTests.write(folder, "setup.ndjson", lines)
    }

    /// Outcomes `range` (ids o1…): a mix of codes, about one in three moving the balance.
    static func batch(_ folder: String, _ name: String, _ range: ClosedRange<Int>) -> ImportInput {
        let lines = range.map { n -> String in
            let account = "A\(n % 40 + 1)", at = String(format: "2026-11-29T%02d:%02d:00+03:00", 8 + (n % 600) / 60, n % 60)
            switch n % 3 {
            case 0: return SyncContractTests.outcome("o\(n)", account, "G1", at, "PARTIAL", #","contact":"debtor","collected":{"amount":10,"receipt":"R\#(n)"}"#)
            case 1: return SyncContractTests.outcome("o\(n)", account, "G1", at, "PTP", #","contact":"debtor","promise":{"amount":100,"date":"2026-12-05"}"#)
            default: return SyncContractTests.outcome("o\(n)", account, "G1", at, "NOT_HOME")
            }
        }
        return ImportContractTests.write(folder, name, lines)
    }

    /// Runs `a` and `b` on two threads released together; both results (or errors) come back.
    static func atOnce<T: Sendable>(_ a: @escaping @Sendable () throws -> T, _ b: @escaping @Sendable () throws -> T)
        -> (Result<T, any Error>, Result<T, any Error>) {
        let start = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        let results = ResultBox<T>()
        for (index, body) in [a, b].enumerated() {
            group.enter()
            let thread = Thread {
                start.wait()
                results.set(index, Result { try body() })
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        start.signal()
        start.signal()
        group.wait()
        return (results.get(0)!, results.get(1)!)
    }

    final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Result<T, any Error>] = [:]
        func set(_ index: Int, _ value: Result<T, any Error>) { lock.withLock { values[index] = value } }
        func get(_ index: Int) -> Result<T, any Error>? { lock.withLock { values[index] } }
    }

    @Test("the same batch from two instances at once is stored once: accepted once, unchanged once", arguments: StoreEngine.postgresOnly)
    func sameBatch(_ engine: StoreEngine) async throws {
        try await withTwoInstances { database, one, two, folder in
            _ = try one.importRecords([Self.setup(folder)], now: Self.now)
            let batch = Self.batch(folder, "phone.ndjson", 1...120)
            for round in 0..<3 {
                // Each round a fresh batch of ids, so that both race for new outcomes.
                let input = round == 0 ? batch : Self.batch(folder, "phone-\(round).ndjson", (1000 * round)...(1000 * round + 119))
                let (a, b) = Self.atOnce({ try one.syncRecords([input], now: Self.now + 10) },
                                         { try two.syncRecords([input], now: Self.now + 10) })
                let first = try a.get(), second = try b.get()
                let accepted = [first, second].map { $0.byKind["outcome"]?.accepted ?? 0 }.sorted()
                let unchanged = [first, second].map { $0.byKind["outcome"]?.unchanged ?? 0 }.sorted()
                #expect(accepted == [0, 120], "round \(round): \(accepted)")
                #expect(unchanged == [0, 120], "round \(round): \(unchanged)")
                #expect(first.total.rejected == 0 && second.total.rejected == 0)
            }
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM outcome") == 360)
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM promise") == 120)
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM import_run WHERE sync = 1") == 6)
        }
    }

    @Test("overlapping batches from two instances: the shared ids are stored once, the accounts as after one sync", arguments: StoreEngine.postgresOnly)
    func overlappingBatches(_ engine: StoreEngine) async throws {
        let (concurrent, sequential) = try await withTwoInstances { (database, one, two, folder) throws -> (String, String) in
            _ = try one.importRecords([Self.setup(folder)], now: Self.now)
            let left = Self.batch(folder, "left.ndjson", 1...90), right = Self.batch(folder, "right.ndjson", 61...150)
            let (a, b) = Self.atOnce({ try one.syncRecords([left], now: Self.now + 10) },
                                     { try two.syncRecords([right], now: Self.now + 10) })
            let l = try a.get(), r = try b.get()
            let accepted = (l.byKind["outcome"]?.accepted ?? 0) + (r.byKind["outcome"]?.accepted ?? 0)
            let unchanged = (l.byKind["outcome"]?.unchanged ?? 0) + (r.byKind["outcome"]?.unchanged ?? 0)
            #expect(accepted == 150 && unchanged == 30, "\(accepted) accepted, \(unchanged) unchanged")
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM outcome") == 150)
            let concurrent = try ImportContractTests.exported(one)
            // The same two files one after the other, on SQLite: the same store.
            let file = try StoreOpener.openOrCreate(folder + "/fieldplan.db")
            _ = try file.importRecords([Self.setup(folder)], now: Self.now)
            _ = try file.syncRecords([left], now: Self.now + 10)
            _ = try file.syncRecords([right], now: Self.now + 10)
            return (concurrent, try ImportContractTests.exported(file))
        }
        #expect(concurrent == sequential, "export bytes differ at \(concurrent.commonPrefix(with: sequential).count)")
    }
}
