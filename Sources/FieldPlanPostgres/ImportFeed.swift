import Foundation
import PostgresNIO
import Synchronization

/// An import into a store without accounts, read and written at once: the import's
/// transaction (the consumer, a store task) opens first and says how the reading thread
/// (the producer, which blocks) must shape the accounts (`begin`); the reader then hands
/// over each finished chunk of account rows while it reads on, so `COPY` sends them while
/// the file is still being validated, and at the end the rest of the input
/// (`PostgresImportStaging`), which the transaction applies as before.
///
/// The producer never waits for the consumer: every chunk stays here (the rows are kept
/// anyway, so that a transaction the server makes retry sends them again from the first),
/// and its memory is about the size of the input's text, as the staging rows' is.
final class ImportFeed: Sendable {
    /// What the transaction decided before the reading starts.
    struct Start: Sendable {
        /// The store has no account: accounts go straight into `account_record`.
        var direct: Bool
        var runID: Int64
        var sourceBase: Int64
        /// Open rejections of earlier runs exist: the reader keeps the ids of the accounts it
        /// sends straight, so they resolve those rejections.
        var keepKeys: Bool
    }

    private struct State {
        var start: Start?
        var chunks: [ByteBuffer] = []
        var staging: PostgresImportStaging?
        var failure: (any Error)?
        /// The transaction is over (committed or not): the producer stops.
        var ended = false
        var waiter: CheckedContinuation<Void, any Error>?
    }

    private let state = Mutex(State())
    private let started = DispatchSemaphore(value: 0)

    /// Consumer: the decision, which lets the producer start reading.
    func begin(_ start: Start) {
        state.withLock { $0.start = start }
        started.signal()
    }

    /// Consumer: the transaction is over. A producer still waiting for `begin` gets nil, and
    /// its next `append` throws.
    func end() {
        state.withLock { $0.ended = true }
        started.signal()
    }

    /// Consumer: the decision of the first attempt, nil before it (a second attempt keeps it).
    var decided: Start? { state.withLock { $0.start } }

    /// Producer: blocks until the transaction has decided; nil when it ended before.
    func awaitStart() -> Start? {
        started.wait()
        return state.withLock { $0.start }
    }

    /// Producer: one more chunk of rows for `account_record`.
    func append(_ chunk: ByteBuffer) throws {
        let waiter = try state.withLock { s -> CheckedContinuation<Void, any Error>? in
            if s.ended { throw CancellationError() }
            s.chunks.append(chunk)
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Producer: the reading is over; `staging` holds every other row of the input.
    func finish(_ staging: PostgresImportStaging) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
            s.staging = staging
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Producer: the reading stopped with `error` (the transaction then rolls back).
    func fail(_ error: any Error) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, any Error>? in
            s.failure = error
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume(throwing: error)
    }

    /// Consumer: chunk `index` (from 0), nil after the last; awaits the producer.
    func chunk(_ index: Int) async throws -> ByteBuffer? {
        try await next { s in
            if index < s.chunks.count { return .some(s.chunks[index]) }
            return s.staging != nil ? .some(nil) : nil
        }
    }

    /// Consumer: the rest of the input, once the reading is over.
    func staging() async throws -> PostgresImportStaging {
        try await next { $0.staging }
    }

    /// What `ready` finds in the state, awaiting the producer's next step until it finds
    /// something (or the producer failed).
    private func next<T: Sendable>(_ ready: @Sendable (State) -> T?) async throws -> T {
        while true {
            var found: T?
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let now: Result<T?, any Error>? = state.withLock { s in
                    if let value = ready(s) { return .success(value) }
                    if let failure = s.failure { return .failure(failure) }
                    s.waiter = continuation
                    return nil
                }
                switch now {
                case .success(let value)?:
                    found = value
                    continuation.resume()
                case .failure(let error)?: continuation.resume(throwing: error)
                case nil: break
                }
            }
            if let found { return found }
        }
    }
}
