import Foundation
import PostgresNIO
import Synchronization

/// Chunks of `COPY` rows handed from a plain thread (the producer, which reads an SQLite file
/// and blocks) to a store task (the consumer, which awaits the server): the reverse of
/// `PageHandoff`. At most `capacity` chunks (about 1 MiB each) wait in between, so a whole
/// store streams through with flat memory. Either side ending early ends the other: the
/// consumer's `close` makes the producer's next `put` throw, the producer's `finish(error)`
/// makes the consumer's `next` throw.
final class CopyPipe: Sendable {
    enum Item: Sendable {
        /// The rows that follow are `table`'s, in `columns` order.
        case table(String, columns: [String])
        case rows(ByteBuffer)
        /// The table's rows are over.
        case end
        /// The last id each numbered table handed out: its identity sequence goes on from there.
        case lastIDs([String: Int64])
    }

    private struct State {
        var items: [Item] = []
        var finished = false
        var failure: (any Error)?
        var waiter: CheckedContinuation<Item?, any Error>?
    }

    private let state = Mutex(State())
    private let slots: DispatchSemaphore
    private let closed = Atomic<Bool>(false)

    init(capacity: Int = 4) {
        slots = DispatchSemaphore(value: capacity)
    }

    /// Hands `item` over, blocking this thread while `capacity` items wait.
    func put(_ item: Item) throws {
        while slots.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
            if closed.load(ordering: .acquiring) { throw CancellationError() }
        }
        if closed.load(ordering: .acquiring) { throw CancellationError() }
        let waiter = state.withLock { s -> CheckedContinuation<Item?, any Error>? in
            if let waiter = s.waiter {
                s.waiter = nil
                return waiter
            }
            s.items.append(item)
            return nil
        }
        waiter?.resume(returning: item)
    }

    /// No more items; with `error`, the producer failed.
    func finish(_ error: (any Error)? = nil) {
        let waiter = state.withLock { s -> CheckedContinuation<Item?, any Error>? in
            s.finished = true
            s.failure = error
            defer { s.waiter = nil }
            return s.waiter
        }
        if let error { waiter?.resume(throwing: error) } else { waiter?.resume(returning: nil) }
    }

    /// The consumer's next item, nil at the end; awaits (never blocks) until one comes.
    func next() async throws -> Item? {
        let item: Item? = try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Item?, any Error>? = state.withLock { s in
                if !s.items.isEmpty { return .success(s.items.removeFirst()) }
                if s.finished { return s.failure.map { .failure($0) } ?? .success(nil) }
                s.waiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
        if item != nil { slots.signal() }
        return item
    }

    /// The consumer stops: the producer's next `put` throws.
    func close() {
        closed.store(true, ordering: .releasing)
        slots.signal()
    }
}
