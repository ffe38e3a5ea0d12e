import Logging
import PostgresNIO

/// Several queries sent on one connection at once, each from a child task: the connection
/// queues them and starts each one the moment the server has answered the one before, so the
/// round trips of a batch of reads cost one wake-up of the waiting task rather than one each.
enum QueryBatch {
    /// The rows of each of `queries`, in their order. When one fails, the transaction is
    /// aborted and the later ones fail too ("current transaction is aborted"): the error
    /// thrown is the one that caused it, a serialization failure first, so `write` retries.
    static func rows(_ queries: [PostgresQuery], on connection: PostgresConnection,
                     logger: Logger) async throws -> [[PostgresRow]] {
        if queries.count == 1 { return [try await connection.query(queries[0], logger: logger).collect()] }
        let results = await withTaskGroup(of: (Int, Result<[PostgresRow], any Error>).self) { group in
            for (i, query) in queries.enumerated() {
                group.addTask {
                    do { return (i, .success(try await connection.query(query, logger: logger).collect())) } catch { return (i, .failure(error)) }
                }
            }
            var results = [Result<[PostgresRow], any Error>?](repeating: nil, count: queries.count)
            for await (i, result) in group { results[i] = result }
            return results.map { $0! }
        }
        var failures: [any Error] = []
        for case .failure(let error) in results { failures.append(error) }
        if let retryable = failures.first(where: { ($0 as? PSQLError).map(PostgresAgencyStore.isRetryable) ?? false }) { throw retryable }
        if let first = failures.first { throw first }
        return try results.map { try $0.get() }
    }
}
