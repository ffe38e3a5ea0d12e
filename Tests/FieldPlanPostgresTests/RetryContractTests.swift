import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The paths a PostgreSQL store takes when the server says "nothing was done; try again":
/// a serialization failure (40001), a deadlock (40P01), or a fact another transaction stored
/// at the same moment (23505 on its key). They are rare under a test's load, so the server is
/// made to say it, once: a trigger raises the error the first time it fires (a sequence
/// counts the firings, and a sequence is not rolled back with the transaction). Each case
/// checks that the work was run again (the trigger fired after its failure) and that the
/// store ends exactly as SQLite, which never retries, leaves it.
@Suite("Store contract: runs again when the server asks")
struct RetryContractTests {
    /// What the server is made to answer once: its condition name and the constraint it names.
    struct Refusal: Sendable, CustomTestStringConvertible {
        var condition: String
        var constraint: String?
        var testDescription: String { constraint.map { "\(condition) on \($0)" } ?? condition }
    }

    static let refusals = [
        Refusal(condition: "serialization_failure"),
        Refusal(condition: "deadlock_detected"),
        Refusal(condition: "unique_violation", constraint: "outcome_pkey"),
    ]

    /// A trigger on `table` that raises `refusal` the first time a row is inserted, then lets
    /// every row by. `wait`: before raising, it waits (30 s at most) until another session
    /// waits for an advisory lock, so that that session runs between the attempt and its retry.
    static func refuseOnce(_ database: ScratchDatabase, _ table: String, _ refusal: Refusal, wait: Bool = false) throws {
        let constraint = refusal.constraint.map { ", CONSTRAINT = '\($0)'" } ?? ""
        let waiting = wait ? """
            FOR i IN 1..3000 LOOP
              EXIT WHEN EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted);
              PERFORM pg_sleep(0.01);
            END LOOP;
            """ : ""
        try database.execute([
            "CREATE SEQUENCE refusal_firings",
            """
            CREATE FUNCTION refuse_once() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF nextval('refusal_firings') = 1 THEN
                \(waiting)
                RAISE EXCEPTION 'refused once by the test' USING ERRCODE = '\(refusal.condition)'\(constraint);
              END IF;
              RETURN NEW;
            END $$
            """,
            "CREATE TRIGGER refuse_once BEFORE INSERT ON \(table) FOR EACH ROW EXECUTE FUNCTION refuse_once()",
        ])
    }

    /// How often the trigger fired: more than once means the work ran again after its refusal.
    static func firings(_ database: ScratchDatabase) throws -> Int64 {
        try PostgresAgencyStore.count(database.url, "SELECT last_value FROM refusal_firings")
    }

    @Test("a bulk sync the server refuses once is run again and stored as on SQLite",
          arguments: StoreEngine.postgresOnly, refusals)
    func bulkSyncRunsAgain(_ engine: StoreEngine, _ refusal: Refusal) async throws {
        try await Self.syncsRefusedOnce(refusal, alone: true)
    }

    @Test("a group of the service's syncs the server refuses once is run again and stored as on SQLite",
          arguments: StoreEngine.postgresOnly, refusals)
    func groupRunsAgain(_ engine: StoreEngine, _ refusal: Refusal) async throws {
        try await Self.syncsRefusedOnce(refusal, alone: false)
    }

    /// `SyncGroupContractTests`' devices, stored as a group or one after the other (`alone`,
    /// the bulk path), with the first outcome insert refused by the server, against SQLite.
    static func syncsRefusedOnce(_ refusal: Refusal, alone: Bool) async throws {
        let sqlite = try await withFreshStore(.sqlite) { store in
            try withFolder { try SyncGroupContractTests.run(store, folder: $0, alone: alone) }
        }
        let (postgres, fired) = try await onPlainThread {
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let store = try PostgresAgencyStore(url: database.url, mustExist: false)
            defer { store.close() }
            try Self.refuseOnce(database, "outcome", refusal)
            let outcome = try withFolder { try SyncGroupContractTests.run(store, folder: $0, alone: alone) }
            return (outcome, try Self.firings(database))
        }
        #expect(fired > 1, "the refused work was not run again")
        #expect(postgres.summaries == sqlite.summaries)
        #expect(postgres.rejects == sqlite.rejects, "a rejection was reported twice or lost")
        #expect(postgres.export == sqlite.export, "export bytes differ at \(postgres.export.commonPrefix(with: sqlite.export).count)")
        #expect(postgres.effects == sqlite.effects)
    }

    /// Two first loads into one empty store at once. Both read and send their accounts
    /// straight into `account_record` (`importStreaming`); the first to hold the import's lock
    /// is refused once, after the other began to wait for the lock. The other then runs
    /// whole, so when the refused one runs again the store has accounts: its rows, made for
    /// an empty store, no longer hold (`NotFresh`), and it reads its file again the usual way.
    /// The store ends as SQLite after the two imports in the order they committed.
    @Test("a first load the server refuses once, overtaken by another import, is read again the usual way",
          arguments: StoreEngine.postgresOnly)
    func firstLoadOvertaken(_ engine: StoreEngine) async throws {
        typealias Contract = ImportContractTests
        try await withTwoInstances { database, one, two, folder in
            func account(_ n: Int, balance: Int, _ extra: String = "") -> String {
                #"{"kind":"account","id":"S\#(n)","client":"Jamii Bank","debtor_name":"D\#(n)","balance":\#(balance)\#(extra)}"#
            }
            // Overlapping ids, a repeated id and a refused line, so the order matters and
            // the warnings and rejects must be told once.
            let left = Contract.write(folder, "left.ndjson", (1...20).map { account($0, balance: 100 + $0) }
                + [account(3, balance: 333, #","phone":"+254700000003""#), #"{"kind":"account","id":"S99","client":"Jamii Bank"}"#])
            let right = Contract.write(folder, "right.ndjson", (15...30).map { account($0, balance: 500 + $0, #","notes":"right""#) })
            try Self.refuseOnce(database, "account_record", Refusal(condition: "serialization_failure"), wait: true)
            let (a, b) = SyncConcurrencyTests.atOnce({ () -> Contract.Report in
                var report = Contract.Report()
                try Contract.importing(one, [left], at: Contract.now, into: &report)
                return report
            }, { () -> Contract.Report in
                var report = Contract.Report()
                try Contract.importing(two, [right], at: Contract.now, into: &report)
                return report
            })
            let reports = ["left.ndjson": try a.get(), "right.ndjson": try b.get()]
            #expect(try Self.firings(database) > 1)
            // Three runs were numbered: the refused attempt's (rolled back), the other
            // import's, and the refused one's read again. Had the refused one run again
            // straight, it would have kept its first number.
            let runs = try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM import_run")
            let lowest = try PostgresAgencyStore.count(database.url, "SELECT min(id) FROM import_run")
            #expect(runs == 2 && lowest == 2, "the refused import kept its straight rows (runs \(runs), lowest \(lowest))")
            // The order they committed in, by their runs' numbers.
            var order: [String] = []
            for name in ["left.ndjson", "right.ndjson"] {
                let run = try PostgresAgencyStore.count(database.url, "SELECT run FROM import_source WHERE name = '\(name)'")
                order.append("\(run) \(name)")
            }
            let inOrder = order.sorted().map { String($0.split(separator: " ")[1]) }
            let export = try Contract.exported(one)
            let reference = try withFolder { sqliteFolder -> (String, [String: Contract.Report]) in
                let store = try StoreOpener.openOrCreate(sqliteFolder + "/fieldplan.db")
                var byName: [String: Contract.Report] = [:]
                for name in inOrder {
                    var report = Contract.Report()
                    try Contract.importing(store, [ImportInput(path: folder + "/" + name, displayName: name)], at: Contract.now,
                                           into: &report)
                    byName[name] = report
                }
                return (try Contract.exported(store), byName)
            }
            #expect(export == reference.0, "export bytes differ at \(export.commonPrefix(with: reference.0).count)")
            for name in inOrder {
                #expect(reports[name] == reference.1[name], "\(name): the import's summary, rejects or warnings differ from SQLite's")
            }
            #expect(reports["left.ndjson"]?.rejects.count == 1)
        }
    }
}
