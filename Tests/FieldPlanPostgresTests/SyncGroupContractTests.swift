import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The service's group commit (`AgencyStore.syncGroup`) on both engines: several devices'
/// syncs stored in one transaction give what the same syncs give one after the other, on
/// SQLite and on PostgreSQL alike; a member that fails is rolled back alone; and two
/// PostgreSQL instances storing overlapping groups at the same moment store each fact once.
@Suite("Store contract: sync groups")
struct SyncGroupContractTests {
    static let now: Int64 = 1_796_000_000   // 2026-11-30T00:53Z

    static func setup(_ folder: String) -> ImportInput {
        ImportContractTests.write(folder, "setup.ndjson", [
            #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"zone","id":"Z1","name":"Umoja","agent_id":"G1"}"#,
        ] + (1...6).map {
            #"{"kind":"account","id":"A\#($0)","client":"Jamii Bank","debtor_name":"D\#($0)","balance":5000,"lat":-1.29,"lon":36.82,"zone_id":"Z1"}"#
        })
    }

    static func outcome(_ id: String, _ account: String, hour: Int, code: String = "NOT_HOME", _ extra: String = "") -> String {
        SyncContractTests.outcome(id, account, "G1", "2026-11-29T\(hour):00:00+03:00", code, extra)
    }

    /// Five devices: every kind of answer a sync gives, and members that touch the same
    /// accounts and ids as the ones before them.
    static func devices(_ folder: String) -> [SyncGroupMember] {
        let devices: [[String]] = [
            [outcome("o1", "A1", hour: 10), outcome("o2", "A2", hour: 11, code: "PTP", #","contact":"debtor","promise":{"amount":1000,"date":"2026-12-05"}"#)],
            [outcome("o3", "A3", hour: 12, code: "PAID", #","contact":"debtor","collected":{"amount":5000,"receipt":"R3"}"#), "{broken",
             outcome("o4", "NOPE", hour: 12), outcome("o5", "A1", hour: 12, code: "HARDSHIP", #","contact":"debtor""#)],
            [outcome("o1", "A1", hour: 10)],                                        // a repeat: unchanged
            [outcome("o3", "A3", hour: 13), outcome("o6", "A4", hour: 13, code: "CALLBACK",
                                                    #","contact":"third_party","next_visit":{"date":"2026-12-03","from":"14:00","to":"16:00"}"#)],
            [SyncContractTests.payment("p1", "A2", "400", "2026-11-29T18:00:00+03:00"), outcome("o4", "A5", hour: 14),
             #"{"kind":"account","id":"A9","client":"X","debtor_name":"Y","balance":1}"#, outcome("o7", "A2", hour: 15)],
        ]
        return devices.enumerated().map { i, lines in
            SyncGroupMember(inputs: [ImportContractTests.write(folder, "device\(i).ndjson", lines)], now: now + 10)
        }
    }

    struct Outcome: Equatable, Sendable {
        var summaries: [ImportSummary] = []
        var rejects: [[String]] = []
        var export = ""
        var effects: [String] = []
    }

    /// The members stored as one group, or one after the other (`alone`) by the bulk path.
    static func run(_ store: any AgencyStore, folder: String, alone: Bool) throws -> Outcome {
        _ = try store.importRecords([setup(folder)], dryRun: false, sync: false, ignoreUnknownColumns: false, now: now,
                                    onReject: { _ in }, onWarning: { _ in }, onProgress: { _ in })
        let members = devices(folder)
        var outcome = Outcome()
        outcome.rejects = Array(repeating: [], count: members.count)
        if alone {
            for (index, member) in members.enumerated() {
                // The bulk path of a sync (COPY and staging tables on PostgreSQL), one at a time.
                outcome.summaries.append(try store.importRecords(member.inputs, dryRun: false, sync: true, ignoreUnknownColumns: false,
                                                                 now: member.now, onReject: {
                    outcome.rejects[index].append("\($0.error) [\(String(decoding: $0.raw ?? [], as: UTF8.self))]")
                }, onWarning: { _ in }, onProgress: { _ in }))
            }
        } else {
            let results = try store.syncGroup(members, maxWaits: 20) { index, r in
                outcome.rejects[index].append("\(r.error) [\(String(decoding: r.raw ?? [], as: UTF8.self))]")
            }
            outcome.summaries = try results.map { try $0.get() }
        }
        outcome.export = try ImportContractTests.exported(store)
        outcome.effects = try SyncContractTests.effects(store, at: now + 10)
        return outcome
    }

    @Test("a group stores what its syncs store one after another", arguments: StoreEngine.available)
    func groupAsOneAfterAnother(_ engine: StoreEngine) async throws {
        let grouped = try await withFreshStore(engine) { store in try withFolder { try Self.run(store, folder: $0, alone: false) } }
        let alone = try await withFreshStore(engine) { store in try withFolder { try Self.run(store, folder: $0, alone: true) } }
        #expect(grouped.summaries == alone.summaries)
        #expect(grouped.rejects == alone.rejects)
        #expect(grouped.export == alone.export, "export bytes differ at \(grouped.export.commonPrefix(with: alone.export).count)")
        #expect(grouped.effects == alone.effects)
        // What the scenario claims to cover.
        #expect(grouped.summaries[0].total.accepted == 2 && grouped.summaries[2].total.unchanged == 1)
        #expect(grouped.summaries[3].conflicts == 1 && grouped.rejects[1].count == 2 && grouped.rejects[4].count == 1)
        #expect(grouped.summaries[4].resolvedRejections == 1)
    }

    @Test("a group on PostgreSQL gives what it gives on SQLite", arguments: StoreEngine.postgresOnly)
    func sameOnBothEngines(_ engine: StoreEngine) async throws {
        let sqlite = try await withFreshStore(.sqlite) { store in try withFolder { try Self.run(store, folder: $0, alone: false) } }
        let other = try await withFreshStore(engine) { store in try withFolder { try Self.run(store, folder: $0, alone: false) } }
        #expect(other.summaries == sqlite.summaries)
        #expect(other.rejects == sqlite.rejects)
        #expect(other.export == sqlite.export, "export bytes differ at \(other.export.commonPrefix(with: sqlite.export).count)")
        #expect(other.effects.count == sqlite.effects.count)
        for (a, b) in zip(other.effects, sqlite.effects) { #expect(a == b) }
    }

    @Test("a member the server refuses is rolled back alone; the others are kept", arguments: StoreEngine.postgresOnly)
    func failingMemberAlone(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            try withFolder { folder in
                let store = try PostgresAgencyStore(url: database.url, mustExist: false)
                defer { store.close() }
                _ = try store.importRecords([Self.setup(folder)], now: Self.now)
                // The server refuses the outcome "boom" (a stand-in for any failure in the member).
                try database.execute([
                    """
                    CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN IF NEW.id = 'boom' THEN RAISE EXCEPTION 'boom refused'; END IF; RETURN NEW; END $$
                    """,
                    "CREATE TRIGGER refuse_boom BEFORE INSERT ON outcome FOR EACH ROW EXECUTE FUNCTION refuse_boom()",
                ])
                let write = ImportContractTests.write
                let members = [
                    SyncGroupMember(inputs: [write(folder, "a.ndjson", [Self.outcome("o1", "A1", hour: 10)])], now: Self.now + 10),
                    SyncGroupMember(inputs: [write(folder, "b.ndjson", [Self.outcome("o2", "A2", hour: 11), Self.outcome("boom", "A2", hour: 12)])],
                                    now: Self.now + 10),
                    SyncGroupMember(inputs: [write(folder, "c.ndjson", [Self.outcome("o2", "A2", hour: 11)])], now: Self.now + 10),
                    SyncGroupMember(inputs: [ImportInput(path: folder + "/missing.ndjson")], now: Self.now + 10),
                ]
                var rejected: [Int] = []
                let results = try store.syncGroup(members, maxWaits: 20) { index, _ in rejected.append(index) }
                #expect(try results[0].get().total.accepted == 1)
                #expect(throws: (any Error).self) { try results[1].get() }
                // The second's o2 went with it, so the third stores o2 as new.
                #expect(try results[2].get().total.accepted == 1)
                #expect(throws: (any Error).self) { try results[3].get() }
                #expect(rejected.isEmpty)
                #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM outcome") == 2)
                // One run and one named input for each member kept, none for the others.
                #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM import_run WHERE sync = 1") == 2)
                #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM import_source s JOIN import_run r ON r.id = s.run WHERE r.sync = 1") == 2)
            }
        }
    }

    @Test("a group whose account another transaction holds waits for it, member by member, and stores every member",
          arguments: StoreEngine.postgresOnly)
    func groupWaitsForAHeldAccount(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            try withFolder { folder in
                let store = try PostgresAgencyStore(url: database.url, mustExist: false)
                defer { store.close() }
                let other = try PostgresAgencyStore(url: database.url, mustExist: true)
                defer { other.close() }
                _ = try store.importRecords([Self.setup(folder)], now: Self.now)
                let members = Self.devices(folder)
                let started = Date()
                // Another instance's transaction holds A3 for a second while the group comes.
                let (held, grouped) = SyncConcurrencyTests.atOnce({ () throws -> [Result<ImportSummary, any Error>] in
                    try other.committedWrite { connection in
                        _ = try await connection.query("SELECT id FROM account_record WHERE id = 'A3' FOR NO KEY UPDATE", logger: other.logger)
                            .collect()
                        try await Task.sleep(for: .milliseconds(1000))
                    }
                    return []
                }, { () throws -> [Result<ImportSummary, any Error>] in
                    Thread.sleep(forTimeInterval: 0.2)
                    return try store.syncGroup(members, maxWaits: 20, onReject: { _, _ in })
                })
                _ = try held.get()
                let summaries = try grouped.get().map { try $0.get() }
                #expect(Date().timeIntervalSince(started) >= 1)
                // What the same members give stored together on a store nobody else holds.
                let alone = try withFolder { other in try SQLiteGroup.run(other) }
                #expect(summaries == alone.summaries)
                #expect(try ImportContractTests.exported(store) == alone.export)
            }
        }
    }

    /// The devices' group on a fresh SQLite store, for comparison.
    enum SQLiteGroup {
        static func run(_ folder: String) throws -> Outcome {
            let file = try StoreOpener.openOrCreate(folder + "/fieldplan.db")
            return try SyncGroupContractTests.run(file, folder: folder, alone: false)
        }
    }

    /// Members of `count` outcomes each from ids `start`…, every one on accounts A1…A40.
    static func members(_ folder: String, _ name: String, start: Int, count: Int, size: Int) -> [SyncGroupMember] {
        (0..<count).map { m in
            let first = start + m * size
            return SyncGroupMember(inputs: [SyncConcurrencyTests.batch(folder, "\(name)-\(m).ndjson", first...(first + size - 1))],
                                   now: SyncConcurrencyTests.now + 10)
        }
    }

    @Test("two instances storing overlapping groups at once store each fact once, the accounts as after one sync",
          arguments: StoreEngine.postgresOnly)
    func overlappingGroupsAtOnce(_ engine: StoreEngine) async throws {
        let (concurrent, sequential) = try await withTwoInstances { (database, one, two, folder) throws -> (String, String) in
            _ = try one.importRecords([SyncConcurrencyTests.setup(folder)], now: SyncConcurrencyTests.now)
            var all: [SyncGroupMember] = []
            for round in 0..<3 {
                // Each round: 8 members of 15 on each side, the right one starting halfway into
                // the left one's ids, so 60 ids are in both groups; every account in both.
                let base = 10_000 * (round + 1)
                let left = Self.members(folder, "left-\(round)", start: base, count: 8, size: 15)
                let right = Self.members(folder, "right-\(round)", start: base + 60, count: 8, size: 15)
                let (a, b) = SyncConcurrencyTests.atOnce({ try one.syncGroup(left, maxWaits: 20, onReject: { _, _ in }) },
                                                         { try two.syncGroup(right, maxWaits: 20, onReject: { _, _ in }) })
                let summaries = try (a.get() + b.get()).map { try $0.get() }
                let accepted = summaries.reduce(0) { $0 + ($1.byKind["outcome"]?.accepted ?? 0) }
                let unchanged = summaries.reduce(0) { $0 + ($1.byKind["outcome"]?.unchanged ?? 0) }
                #expect(accepted == 180 && unchanged == 60, "round \(round): \(accepted) accepted, \(unchanged) unchanged")
                #expect(summaries.allSatisfy { $0.total.rejected == 0 })
                all += left + right
            }
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM outcome") == 540)
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM import_run WHERE sync = 1") == 48)
            #expect(try PostgresAgencyStore.count(database.url, "SELECT count(DISTINCT id) FROM import_source") == 49)
            let concurrent = try ImportContractTests.exported(one)
            // The same files one after the other, on SQLite: the same store.
            let file = try StoreOpener.openOrCreate(folder + "/fieldplan.db")
            _ = try file.importRecords([SyncConcurrencyTests.setup(folder)], now: SyncConcurrencyTests.now)
            for member in all { _ = try file.syncRecords(member.inputs, now: member.now) }
            return (concurrent, try ImportContractTests.exported(file))
        }
        #expect(concurrent == sequential, "export bytes differ at \(concurrent.commonPrefix(with: sequential).count)")
    }
}
