import Foundation
import PostgresNIO

/// A `postgres://` (or `postgresql://`) URL as `--db` and `FIELDPLAN_DB` give it:
/// `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-full]`.
/// The password stays in the configuration only: `location`, which messages print, drops it.
public struct PostgresURL: Sendable, Hashable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// libpq's `sslmode`; `prefer` when absent, as libpq does.
    public var sslMode: String

    /// Whether `location` names a PostgreSQL server rather than an SQLite file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Parses `text`; throws `PostgresStoreError.badURL` naming what is wrong (never the password).
    public init(_ text: String) throws {
        guard Self.isPostgres(text), let parts = URLComponents(string: text), let host = parts.host, !host.isEmpty else {
            throw PostgresStoreError.badURL("expected postgres://USER@HOST[:PORT]/DATABASE")
        }
        self.host = host
        port = parts.port ?? 5432
        user = parts.user.flatMap { $0.removingPercentEncoding } ?? "postgres"
        password = parts.password.flatMap { $0.removingPercentEncoding }
        let path = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        database = path.isEmpty ? user : (path.removingPercentEncoding ?? path)
        sslMode = "prefer"
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, ["disable", "prefer", "require", "verify-full"].contains(value) else {
                    throw PostgresStoreError.badURL("sslmode must be disable, prefer, require or verify-full")
                }
                sslMode = value
            default:
                throw PostgresStoreError.badURL("unknown parameter \(item.name) (only sslmode)")
            }
        }
    }

    /// The same server with another database: the tests make one database per test.
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without the password, for messages and logs.
    public var description: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (sslMode == "prefer" ? "" : "?sslmode=\(sslMode)")
    }

    /// The URL a client connects with (the password kept).
    public var text: String {
        let userPart = password.map { "\(user):\($0)" } ?? user
        return "postgres://\(userPart)@\(host):\(port)/\(database)" + (sslMode == "prefer" ? "" : "?sslmode=\(sslMode)")
    }

    /// TLS as `sslmode` says: the certificate verified only for `verify-full`.
    var tlsConfiguration: TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if sslMode != "verify-full" { configuration.certificateVerification = .none }
        return configuration
    }

    /// The pool's configuration: at most `connections` connections, TLS as `sslmode` says
    /// (`prefer` and `require` without verifying the certificate, as libpq does; `verify-full`
    /// verifies it).
    func configuration(connections: Int) -> PostgresClient.Configuration {
        let tlsConfiguration = self.tlsConfiguration
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "prefer": .prefer(tlsConfiguration)
        default: .require(tlsConfiguration)
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password,
                                                         database: database, tls: tls)
        configuration.options.maximumConnections = connections
        configuration.options.connectTimeout = .seconds(10)
        // The statements prepared once per connection (`PreparedRun`) are planned for each
        // run's own values, as plain statements are: a plan kept for every value is made
        // from the statistics of the moment, and one made while `outcome` was nearly empty
        // went on scanning it when it had grown (a look-up of 15 ids took 1.3 ms, not 0.2).
        // What the statements save is their parse.
        configuration.options.additionalStartupParameters = [("plan_cache_mode", "force_custom_plan")]
        return configuration
    }
}
