import PostgresNIO

extension PostgresURL {
    /// The configuration of one connection outside the pool, TLS as `sslmode` says (as the
    /// pool's): for work that must not wait for a pooled connection while holding one, such
    /// as a report's partner reading the same snapshot (`PostgresReportPartner`).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case "disable": .disable
        case "prefer": .prefer(try NIOSSLContext(configuration: tlsConfiguration))
        default: .require(try NIOSSLContext(configuration: tlsConfiguration))
        }
        return PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                database: database, tls: tls)
    }
}
