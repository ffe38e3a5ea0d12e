import FieldPlanStore
import Logging

/// Where `fieldplan serve` listens, which store it serves, and the limits it holds requests to.
public struct ServerConfiguration: Sendable {
    public var host: String
    /// 0 picks a free port (tests); the chosen one is handed to `onListening`.
    public var port: Int
    /// An SQLite file's path or a `postgres://` URL (SPEC §13).
    public var storePath: String
    /// The store already opened (by `fieldplan serve` on its main thread, or a test); nil opens
    /// `storePath`. A PostgreSQL store must be opened outside Swift tasks, so the command opens it.
    public var store: (any AgencyStore)?
    /// One line per request goes here (swift-log); the caller chooses the handler and level.
    public var logger: Logger
    public var limits: ServerLimits
    /// Called once the server listens, with the port it got.
    public var onListening: @Sendable (Int) async -> Void

    public init(host: String = "127.0.0.1", port: Int = 8080, storePath: String, logger: Logger = ServerConfiguration.standardErrorLogger(),
                limits: ServerLimits = ServerLimits(), store: (any AgencyStore)? = nil,
                onListening: @escaping @Sendable (Int) async -> Void = { _ in }) {
        self.host = host
        self.store = store
        self.port = port
        self.storePath = storePath
        self.logger = logger
        self.limits = limits
        self.onListening = onListening
    }

    /// Info-level lines on standard error, without touching the process-wide logging setup.
    public static func standardErrorLogger() -> Logger {
        var logger = Logger(label: "fieldplan.serve") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .info
        return logger
    }
}
