import FieldPlanInterchange
import FieldPlanStore
import Foundation
import PostgresNIO

extension PostgresAgencyStore {
    /// The service's group commit on PostgreSQL (issue 13, issue 17): the syncs waiting for
    /// the store at the same moment stored in one transaction, each in its own savepoint and
    /// merged exactly as alone (`PostgresSmallSync`), in the order given; a member that fails
    /// is rolled back to its savepoint and answered with its error while the others are kept.
    /// `onReject` is called after the commit, with the member's index, so a retry never
    /// reports a line twice.
    ///
    /// Why it is not one SERIALIZABLE transaction under the import's lock, as a bulk sync is:
    /// that lock makes every sync of every instance take turns, and a turn taken after
    /// waiting runs on a snapshot older than the turn before it, so it fails and runs again.
    /// Here the group takes the import's lock *shared* (syncs run side by side; an import,
    /// which takes it alone, waits for them and they for it) and locks the rows of the
    /// accounts its lines name, in id order, at READ COMMITTED. Two instances then wait for
    /// each other only where their groups touch the same accounts, and what one waited for
    /// it sees. Exactly once holds as before: a fact's id is unique in its table (`ON CONFLICT
    /// (id) DO NOTHING`; an insert that found one stored meanwhile runs the member again).
    /// A serialization failure or deadlock (the sweep's rare extra lock) runs the group again.
    public func syncGroup(_ members: [SyncGroupMember], maxWaits: Int,
                          onReject: (Int, FieldPlanStore.Rejection) -> Void) throws -> [Result<ImportSummary, any Error>] {
        let parsed: [Result<PostgresSmallSync.Parsed, any Error>] = members.map { member in Result { try PostgresSmallSync.parse(member) } }
        let ready = parsed.compactMap { try? $0.get() }
        let logger = self.logger
        let location = self.location
        var stored: [Result<PostgresSmallSync.Applied, any Error>] = []
        if ready.count == 1 {
            stored = try committedWrite { connection in
                try await Self.storeGroup(ready, nowait: false, location: location, on: connection, logger: logger) ?? []
            }
        } else if !ready.isEmpty {
            // One transaction for the group, unless another transaction (another instance's
            // group) holds one of its accounts: then each member alone, so the two instances
            // take turns member by member rather than group by group.
            if let together = try committedWrite({ connection in
                try await Self.storeGroup(ready, nowait: true, location: location, on: connection, logger: logger)
            }) {
                stored = together
            } else {
                for member in ready {
                    stored += try committedWrite { connection in
                        try await Self.storeGroup([member], nowait: false, location: location, on: connection, logger: logger) ?? []
                    }
                }
            }
        }
        var results: [Result<ImportSummary, any Error>] = []
        var next = 0
        for (index, member) in parsed.enumerated() {
            switch member {
            case .failure(let error):
                results.append(.failure(error))
            case .success(let p):
                let outcome = stored[next]
                next += 1
                switch outcome {
                case .failure(let error):
                    results.append(.failure(error))
                case .success(let applied):
                    let (summary, rejections) = PostgresSmallSync.summary(p, applied)
                    for rejection in rejections { onReject(index, rejection) }
                    results.append(.success(summary))
                }
            }
        }
        return results
    }

    /// The group's transaction: the locks, each member in its savepoint, the members' inputs
    /// named, one result per member. With `nowait`, nil (and nothing done) when another
    /// transaction holds one of the group's accounts.
    private static func storeGroup(_ members: [PostgresSmallSync.Parsed], nowait: Bool, location: String,
                                   on connection: PostgresConnection,
                                   logger: Logger) async throws -> [Result<PostgresSmallSync.Applied, any Error>]? {
        func execute(_ sql: String) async throws { _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect() }
        _ = try await PreparedRun.rows(SmallSyncSQL.ShareImportLock.self, on: connection, logger: logger)
        var settingRows: [(String, String)] = []
        for row in try await PreparedRun.rows(SmallSyncSQL.Settings.self, on: connection, logger: logger) {
            settingRows.append(try row.decode((String, String).self))
        }
        let settings = Self.settings(from: settingRows)
        // Every account the group will replay, locked before any is read: those its lines
        // name and those the sweep will find (for the latest day among the members).
        var wanted = members.reduce(into: Set<String>()) { $0.formUnion($1.accounts) }
        if let latest = members.map({ PostgresSmallSync.today($0.now, settings: settings) }).max() {
            wanted.formUnion(try await PostgresSmallSync.due(latest, on: connection, logger: logger))
        }
        var locked: Set<String> = []
        if nowait {
            do {
                try await PostgresSmallSync.lock(wanted, &locked, nowait: true, on: connection, logger: logger)
            } catch let error as PSQLError where sqlState(error) == "55P03" {
                return nil
            }
        } else {
            try await PostgresSmallSync.lock(wanted, &locked, on: connection, logger: logger)
        }

        var results: [Result<PostgresSmallSync.Applied, any Error>] = []
        for member in members {
            var attempt = 0
            while true {
                attempt += 1
                // Row locks taken inside a savepoint rolled back are let go with it.
                let lockedBefore = locked
                try await execute("SAVEPOINT member")
                do {
                    let applied = try await PostgresSmallSync.apply(member, settings: settings, locked: &locked, on: connection, logger: logger)
                    try await execute("RELEASE SAVEPOINT member")
                    results.append(.success(applied))
                    break
                } catch let error as PSQLError where isRetryable(error) {
                    throw error
                } catch {
                    try await execute("ROLLBACK TO SAVEPOINT member")
                    try await execute("RELEASE SAVEPOINT member")
                    locked = lockedBefore
                    if error is PostgresSmallSync.FactStoredMeanwhile && attempt < 5 { continue }
                    results.append(.failure(translate(error, location: location)))
                    break
                }
            }
        }
        try await name(members, results, on: connection, logger: logger)
        return results
    }

    /// The inputs of the members stored, one `import_source` row each as `importRecords`
    /// numbers them (after the highest id). Done last, just before the commit: two instances
    /// numbering at once wait for each other only here (the second's insert waits for the
    /// first's commit, finds the id taken, and numbers again).
    private static func name(_ members: [PostgresSmallSync.Parsed], _ results: [Result<PostgresSmallSync.Applied, any Error>],
                             on connection: PostgresConnection, logger: Logger) async throws {
        var runs: [Int64] = [], names: [String] = []
        for (member, result) in zip(members, results) {
            guard case .success(let applied) = result else { continue }
            for name in member.names {
                runs.append(applied.run)
                names.append(name)
            }
        }
        guard !runs.isEmpty else { return }
        for attempt in 1...100 {
            try await connection.query("SAVEPOINT sources", logger: logger)
            var binds = PostgresBindings()
            binds.append(runs)
            binds.append(names)
            let inserted = try await PreparedRun.rows(SmallSyncSQL.NameSources.self, binds, on: connection, logger: logger)
                .first?.decode(Int64.self) ?? 0
            if inserted == runs.count || attempt == 100 {
                try await connection.query("RELEASE SAVEPOINT sources", logger: logger)
                if inserted != runs.count { throw PostgresSmallSync.FactStoredMeanwhile() }
                return
            }
            try await connection.query("ROLLBACK TO SAVEPOINT sources", logger: logger)
        }
    }

    /// `body` in one READ COMMITTED transaction, committed when it returns and rolled back
    /// when it throws; run again (up to `attempts` times, after a short random pause) on a
    /// serialization failure or a deadlock. For writes that take their own locks (`syncGroup`).
    func committedWrite<T: Sendable>(attempts: Int = 20, _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let client = self.client
        let logger = self.logger
        return try blocking {
            var attempt = 1
            while true {
                do {
                    return try await client.withConnection { connection in
                        try await connection.query("BEGIN ISOLATION LEVEL READ COMMITTED", logger: logger)
                        do {
                            let value = try await body(connection)
                            try await connection.query("COMMIT", logger: logger)
                            return value
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                            throw error
                        }
                    }
                } catch let error as PSQLError where attempt < attempts && Self.isRetryable(error) {
                    attempt += 1
                    try await Task.sleep(for: .milliseconds(Int64.random(in: 1...(5 * Int64(attempt)))))
                }
            }
        }
    }
}
