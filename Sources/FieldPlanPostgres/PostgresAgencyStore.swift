import FieldPlanStore
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The store on a PostgreSQL server (SPEC §13): the same use cases as the SQLite file, for
/// several `fieldplan serve` instances sharing one database. One `PostgresClient` pool per
/// store; its `run()` lives in a task for as long as the store is open (`close()` ends it).
///
/// The store interface is synchronous and called from plain threads (the command line's main
/// thread, the server's store pool): each call starts its work as a Swift task and blocks
/// the calling thread until it ends (`blocking`). The task only ever awaits (the network,
/// the pool), so it never holds a concurrency-pool thread while it waits, and a call made
/// from inside a task is refused (`PostgresStoreError.calledFromTask`) rather than block one
/// of the pool's few threads: no wait can starve the work it waits for.
///
/// Every write is one transaction at `SERIALIZABLE`, retried when PostgreSQL reports a
/// serialization failure or a deadlock, so two service instances writing at once behave as
/// if one had written after the other.
public final class PostgresAgencyStore: Sendable {
    public let url: PostgresURL
    let client: PostgresClient
    private let runner: Task<Void, Never>
    let logger: Logger

    /// At most this many connections per store (per process): the server's store pool has 16
    /// threads, and PostgreSQL's default limit is 100 connections for all instances together.
    public static let connections = 16

    /// Opens the store on the database `url` names and brings its schema up to date. With
    /// `mustExist` a database without fieldplan's migrations is `StoreFileError.noStore` and is
    /// left untouched, as a missing file is for SQLite; without it the schema is made.
    public convenience init(url: PostgresURL, mustExist: Bool) throws {
        try self.init(url: url, mustExist: mustExist, openSeconds: Self.openSeconds)
    }

    /// `init(url:mustExist:)` waiting `openSeconds` for the server (tests wait less).
    init(url: PostgresURL, mustExist: Bool, openSeconds: Double) throws {
        self.url = url
        logger = Logger(label: "fieldplan.postgres")
        let client = PostgresClient(configuration: url.configuration(connections: Self.connections))
        self.client = client
        runner = Task(executorPreference: EventLoopTaskExecutor.shared) { await client.run() }
        do {
            try migrate(mustExist: mustExist, openSeconds: openSeconds)
        } catch {
            close()
            throw error
        }
    }

    /// Opens the store at a `postgres://` URL given as text.
    public convenience init(_ text: String, mustExist: Bool) throws {
        try self.init(url: PostgresURL(text), mustExist: mustExist)
    }

    deinit { runner.cancel() }

    /// Closes the pool's connections. The store cannot be used afterwards.
    public func close() {
        runner.cancel()
    }

    public var location: String { url.description }

    /// No commit watch on PostgreSQL yet: every request looks its token up, so a revocation
    /// by any instance holds at the next request.
    public func changes() throws -> StoreChanges? { nil }

    // MARK: The bridge from plain threads

    /// Runs `body` as a task and blocks this thread until it ends. Refused from inside a task.
    /// With `timeout` the wait ends after that many seconds with `unreachable` (the pool waits
    /// for a server that does not answer without end); the task is cancelled.
    func blocking<T: Sendable>(timeout: Double? = nil, _ body: @escaping @Sendable () async throws -> T) throws -> T {
        try Self.blocking(location: location, timeout: timeout, body)
    }

    static func blocking<T: Sendable>(location: String, timeout: Double? = nil,
                                      _ body: @escaping @Sendable () async throws -> T) throws -> T {
        if withUnsafeCurrentTask(body: { $0 != nil }) { throw PostgresStoreError.calledFromTask(location) }
        let outcome = Outcome<T>()
        let work = Task(executorPreference: EventLoopTaskExecutor.shared) {
            do {
                outcome.set(.success(try await body()))
            } catch {
                outcome.set(.failure(Self.translate(error, location: location)))
            }
        }
        let timer = timeout.map { seconds in
            Task(executorPreference: EventLoopTaskExecutor.shared) {
                try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
                outcome.set(.failure(PostgresStoreError.unreachable(location, reason: "no answer within \(Int(seconds)) s")))
                work.cancel()
            }
        }
        defer { timer?.cancel() }
        return try outcome.wait()
    }

    /// The one number `sql` answers, on a connection of its own to `url` (tests and tools).
    static func count(_ url: PostgresURL, _ sql: String) throws -> Int64 {
        try administering(url) { connection, logger in
            try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait().rows.first?.decode(Int64.self) ?? 0
        }
    }

    /// Runs `statements` one after the other on a connection of its own to `url`, outside any
    /// transaction (`CREATE DATABASE` refuses one): for tests and tools, not for use cases.
    static func administer(_ url: PostgresURL, _ statements: [String]) throws {
        try administering(url) { connection, logger in
            for statement in statements {
                _ = try connection.query(PostgresQuery(unsafeSQL: statement), logger: logger).wait()
            }
        }
    }

    /// One connection without the pool, driven by NIO's futures and waited for on this
    /// thread: it needs no task, so it may be used from anywhere a thread may block, a
    /// test's clean-up included, without touching the concurrency pool.
    private static func administering<T>(_ url: PostgresURL, _ body: (PostgresConnection, Logger) throws -> T) throws -> T {
        let logger = Logger(label: "fieldplan.postgres")
        let tls: PostgresConnection.Configuration.TLS
        switch url.sslMode {
        case "disable", "prefer": tls = .disable
        default: tls = .require(try NIOSSLContext(configuration: url.tlsConfiguration))
        }
        let configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: tls)
        do {
            let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                            configuration: configuration, id: 1, logger: logger).wait()
            defer { try? connection.close().wait() }
            return try body(connection, logger)
        } catch {
            throw translate(error, location: url.description)
        }
    }

    /// `body` on one leased connection, outside a transaction (a read of one statement).
    func read<T: Sendable>(_ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let client = self.client
        return try blocking { try await client.withConnection { connection in try await body(connection) } }
    }

    /// `body` in one `SERIALIZABLE` transaction, committed when it returns and rolled back when
    /// it throws; run again (up to `attempts` times) when PostgreSQL reports a serialization
    /// failure (40001) or a deadlock (40P01), which mean "nothing was done; try again" (and a row
    /// another transaction stored at the same moment: `PostgresFactSync.isConcurrentInsert`).
    ///
    /// With `lock`, the advisory lock of that key is taken (at the session's level) before
    /// the transaction begins and let go after it ends: a serializable snapshot is taken at the
    /// first statement, so a lock taken inside would be waited for on a snapshot older than
    /// the writes it waited for, and the transaction would fail and run again.
    func write<T: Sendable>(readOnly: Bool = false, attempts: Int = 20, lock: Int64? = nil,
                            _ body: @escaping @Sendable (PostgresConnection) async throws -> T) throws -> T {
        let client = self.client
        let logger = self.logger
        return try blocking {
            var attempt = 1
            while true {
                do {
                    return try await client.withConnection { connection in
                        if let lock { try await connection.query("SELECT pg_advisory_lock(\(lock))", logger: logger) }
                        let begin: PostgresQuery = readOnly ? "BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY"
                                                            : "BEGIN ISOLATION LEVEL SERIALIZABLE"
                        do {
                            try await connection.query(begin, logger: logger)
                        } catch {
                            if let lock { _ = try? await connection.query("SELECT pg_advisory_unlock(\(lock))", logger: logger) }
                            throw error
                        }
                        do {
                            let value = try await body(connection)
                            try await connection.query("COMMIT", logger: logger)
                            if let lock { _ = try? await connection.query("SELECT pg_advisory_unlock(\(lock))", logger: logger) }
                            return value
                        } catch {
                            _ = try? await connection.query("ROLLBACK", logger: logger)
                            if let lock { _ = try? await connection.query("SELECT pg_advisory_unlock(\(lock))", logger: logger) }
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

    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40001" || state == "40P01"
            || PostgresFactSync.isConcurrentInsert(state: state, constraint: error.serverInfo?[.constraintName])
    }

    static func sqlState(_ error: any Error) -> String? {
        (error as? PSQLError)?.serverInfo?[.sqlState]
    }

    /// The server's errors as one line naming the store and the SQLSTATE; the store's own
    /// errors (settings, users, …) unchanged.
    static func translate(_ error: any Error, location: String) -> any Error {
        guard let error = error as? PSQLError else { return error }
        if let info = error.serverInfo, let state = info[.sqlState] {
            return PostgresStoreError.server(location, sqlState: state, message: info[.message] ?? "")
        }
        let cause = error.underlying.map { String(describing: $0) } ?? error.code.description
        return PostgresStoreError.unreachable(location, reason: cause)
    }

    /// The result of one bridged call, handed from its task to the waiting thread.
    /// The first result set wins (the work's, or the time-out's).
    private final class Outcome<T: Sendable>: Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let result = Mutex<Result<T, any Error>?>(nil)

        func set(_ value: Result<T, any Error>) {
            let first = result.withLock { slot in
                guard slot == nil else { return false }
                slot = value
                return true
            }
            if first { done.signal() }
        }

        func wait() throws -> T {
            done.wait()
            return try result.withLock { $0! }.get()
        }
    }
}
