import Foundation
import Synchronization

/// The service's writes, one at a time, first come first served (issue 13: writes queue).
///
/// SQLite takes one writer at a time anyway; the queue makes the wait the service's own, so
/// it can keep its promise: a write that has waited `waitSeconds` without starting is answered
/// `503` with `Retry-After` and is **never started**. Its retry therefore cannot meet a copy
/// of itself that went on after the `503`. A write that has started is never cut off: it is
/// answered with its result when it ends (a sync or an import is one transaction).
///
/// Costs a lock and, for a write that has to wait, one sleeping task as its deadline.
final class WriteQueue: Sendable {
    /// How long a write may wait for its turn.
    let waitSeconds: Double

    private struct Waiter {
        let id: UInt64
        let enqueued: ContinuousClock.Instant
        let continuation: CheckedContinuation<Void, any Error>
        let deadline: Task<Void, Never>
    }

    private struct State {
        var busy = false
        var waiting: [Waiter] = []
        var head = 0
        var nextID: UInt64 = 0
        /// Writes started since the queue was made; for tests and the log.
        var started = 0
        var refused = 0

        mutating func popFirst() -> Waiter? {
            guard head < waiting.count else { return nil }
            let first = waiting[head]
            head += 1
            if head > 64, head * 2 > waiting.count {
                waiting.removeFirst(head)
                head = 0
            }
            return first
        }
    }

    private let state = Mutex(State())

    init(waitSeconds: Double) {
        self.waitSeconds = waitSeconds
    }

    /// How many writes have started and how many were refused for waiting too long.
    var counts: (started: Int, refused: Int) { state.withLock { ($0.started, $0.refused) } }

    /// Writes waiting for their turn now.
    var waitingCount: Int { state.withLock { $0.waiting.count - $0.head } }

    /// Runs `body` when the writes before it have ended, or throws the `503` if its turn has not
    /// come within `waitSeconds` (then `body` never runs).
    func run<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire()
        defer { release() }
        return try await body()
    }

    /// Waits for the turn. Granted at once when no write runs.
    func acquire() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let granted = state.withLock { s -> Bool in
                if !s.busy {
                    s.busy = true
                    s.started += 1
                    return true
                }
                s.nextID += 1
                let id = s.nextID
                let limit = waitSeconds
                let deadline = Task { [weak self] in
                    try? await Task.sleep(for: .milliseconds(Int64(limit * 1000)))
                    guard !Task.isCancelled else { return }
                    self?.expire(id)
                }
                s.waiting.append(Waiter(id: id, enqueued: .now, continuation: continuation, deadline: deadline))
                return false
            }
            if granted { continuation.resume() }
        }
    }

    /// Hands the turn to the first waiter still within its time; a waiter whose time ran out
    /// just before (its deadline task not yet run) is refused here instead.
    func release() {
        let (next, refused) = state.withLock { s -> (Waiter?, [Waiter]) in
            var late: [Waiter] = []
            while let first = s.popFirst() {
                if ContinuousClock.now - first.enqueued > .milliseconds(Int64(waitSeconds * 1000)) {
                    s.refused += 1
                    late.append(first)
                    continue
                }
                s.started += 1
                return (first, late)
            }
            s.busy = false
            return (nil, late)
        }
        for waiter in refused {
            waiter.deadline.cancel()
            waiter.continuation.resume(throwing: busyError)
        }
        if let next {
            next.deadline.cancel()
            next.continuation.resume()
        }
    }

    private func expire(_ id: UInt64) {
        let waiter = state.withLock { s -> Waiter? in
            guard let index = s.waiting[s.head...].firstIndex(where: { $0.id == id }) else { return nil }
            s.refused += 1
            return s.waiting.remove(at: index)
        }
        waiter?.continuation.resume(throwing: busyError)
    }

    /// What a refused write is answered: it never ran, so the client may simply send it again.
    var busyError: APIError {
        APIError(.serviceUnavailable,
                 "the store is busy with other writes (waited \(BlockingStore.text(waitSeconds)) s); nothing was written, try again",
                 headers: [.retryAfter: "5"])
    }
}
