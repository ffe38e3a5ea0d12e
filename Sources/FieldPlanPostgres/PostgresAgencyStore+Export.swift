import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import PostgresNIO

extension PostgresAgencyStore {
    /// `fieldplan export` on PostgreSQL: the same lines as SQLite's (`FieldPlanStore.export`),
    /// byte for byte: kinds in dependency order, each ordered by id (text in the `"C"`
    /// collation compares bytes as SQLite does), each line rebuilt by `RecordEncoder`.
    ///
    /// One `REPEATABLE READ` read-only transaction, so the export is one moment of the store
    /// as SQLite's read transaction is; its rows stream from the server (postgres-nio's
    /// back-pressure) and reach `emit` on the calling thread in pages of 2,048 lines
    /// (`PageHandoff`): memory stays flat whatever the store's size.
    public func export(kinds: [RecordKind], since: Int64?, _ emit: (String) throws -> Void) throws {
        let filter = since.map { " WHERE updated_at >= \($0)" } ?? ""
        let queries: [(RecordKind, String)] = RecordKind.allCases.filter { kinds.contains($0) }.compactMap { kind -> (RecordKind, String)? in
            switch kind {
            case .zone: (kind, "SELECT \(PostgresColumns.zone) FROM zone\(filter) ORDER BY id")
            case .agent: (kind, "SELECT \(PostgresColumns.agent) FROM agent\(filter) ORDER BY id")
            case .account: (kind, "SELECT \(PostgresColumns.account) FROM account\(filter) ORDER BY id")
            case .appointment: (kind, "SELECT \(PostgresColumns.appointment) FROM appointment\(filter) ORDER BY id")
            case .outcome: (kind, "SELECT \(PostgresColumns.outcome) FROM outcome\(filter) ORDER BY id")
            case .payment: (kind, "SELECT \(PostgresColumns.payment) FROM payment\(filter) ORDER BY id")
            case .visit, .route: nil // written by the daily plan's export
            }
        }
        try stream(queries.map { PostgresQuery(unsafeSQL: $0.1) }) { query, row -> String? in
            var columns = PostgresColumns(row)
            switch queries[query].0 {
            case .zone: return RecordEncoder.zone(try columns.zone())
            case .agent: return RecordEncoder.agent(try columns.agent())
            case .account: return RecordEncoder.account(try columns.account())
            case .appointment: return try columns.appointment().map(RecordEncoder.appointment)
            case .outcome: return try columns.outcome().map(RecordEncoder.outcome)
            case .payment: return try columns.payment().map(RecordEncoder.payment)
            case .visit, .route: return nil
            }
        } emit: { try emit($0) }
    }

    /// Runs `queries` one after the other in one read-only `REPEATABLE READ` transaction and
    /// hands what `line` makes of each row (nil skips it) to `emit` on this thread, in order.
    /// `emit` throwing ends the read (the producer's next page is refused).
    func stream<Item: Sendable>(_ queries: [PostgresQuery], line: @escaping @Sendable (Int, PostgresRow) throws -> Item?,
                                emit: (Item) throws -> Void) throws {
        if withUnsafeCurrentTask(body: { $0 != nil }) { throw PostgresStoreError.calledFromTask(location) }
        let handoff = PageHandoff<[Item]>()
        let client = self.client, logger = self.logger, location = self.location
        let producer = Task(executorPreference: EventLoopTaskExecutor.shared) {
            do {
                try await client.withConnection { connection in
                    try await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: logger)
                    do {
                        for (index, query) in queries.enumerated() {
                            var page: [Item] = []
                            page.reserveCapacity(2048)
                            for try await row in try await connection.query(query, logger: logger) {
                                if let text = try line(index, row) { page.append(text) }
                                if page.count == 2048 {
                                    try await handoff.put(page)
                                    page.removeAll(keepingCapacity: true)
                                }
                            }
                            if !page.isEmpty { try await handoff.put(page) }
                        }
                        try await connection.query("COMMIT", logger: logger)
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
                handoff.finish()
            } catch {
                handoff.finish(Self.translate(error, location: location))
            }
        }
        do {
            while let page = try handoff.take() {
                for text in page { try emit(text) }
            }
        } catch {
            handoff.cancel()
            producer.cancel()
            throw error
        }
    }
}
