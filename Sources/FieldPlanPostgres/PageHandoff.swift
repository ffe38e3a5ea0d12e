import Foundation
import Synchronization

/// Pages of rows handed from a store task (the producer, which awaits) to the calling plain
/// thread (the consumer, which blocks), at most `capacity` pages in between: a streamed read
/// (an export) keeps its memory flat whatever the table's size, and the task never blocks
/// a thread while the consumer is slow. The consumer ending early (`cancel`) ends the
/// producer's next `put` with `CancellationError`.
final class PageHandoff<Page: Sendable>: Sendable {
    private struct State {
        var pages: [Page] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false
        var producer: CheckedContinuation<Void, any Error>?
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    let capacity: Int

    init(capacity: Int = 2) { self.capacity = capacity }

    /// Hands over a page, waiting while `capacity` pages wait already.
    func put(_ page: Page) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let resume: Result<Void, any Error>? = state.withLock { s in
                if s.cancelled { return .failure(CancellationError()) }
                s.pages.append(page)
                if s.pages.count < capacity { return .success(()) }
                s.producer = continuation
                return nil
            }
            available.signal()
            if let resume { continuation.resume(with: resume) }
        }
    }

    /// No more pages; with `error`, the read failed.
    func finish(_ error: (any Error)? = nil) {
        state.withLock { s in
            s.finished = true
            s.failure = error
        }
        available.signal()
    }

    /// The next page, nil at the end; blocks this thread until one comes.
    func take() throws -> Page? {
        while true {
            let next: (page: Page?, producer: CheckedContinuation<Void, any Error>?, done: Bool, failure: (any Error)?) = state.withLock { s in
                if !s.pages.isEmpty {
                    let page = s.pages.removeFirst()
                    let producer = s.producer
                    s.producer = nil
                    return (page, producer, false, nil)
                }
                return (nil, nil, s.finished, s.failure)
            }
            if let page = next.page {
                next.producer?.resume()
                return page
            }
            if next.done {
                if let failure = next.failure { throw failure }
                return nil
            }
            available.wait()
        }
    }

    /// The consumer stops: the producer's waiting or next `put` throws.
    func cancel() {
        let producer = state.withLock { s in
            s.cancelled = true
            let producer = s.producer
            s.producer = nil
            return producer
        }
        producer?.resume(throwing: CancellationError())
    }
}
