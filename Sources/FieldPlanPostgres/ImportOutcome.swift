import Foundation
import Synchronization

/// The result of an import's transaction, run on a thread of its own while the calling
/// thread reads the input (`ImportFeed`), handed back when the reading is over.
final class ImportOutcome: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<PostgresAgencyStore.ImportApplied, any Error>?>(nil)

    func set(_ value: Result<PostgresAgencyStore.ImportApplied, any Error>) {
        result.withLock { $0 = value }
        done.signal()
    }

    /// Blocks until the transaction is over.
    func wait() -> Result<PostgresAgencyStore.ImportApplied, any Error> {
        done.wait()
        return result.withLock { $0! }
    }
}
