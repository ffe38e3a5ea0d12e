import FieldPlanInterchange
import Foundation
import Synchronization

/// The lines of an import, parsed on a thread of their own and handed in batches, in input
/// order, to the thread that stages them (`PostgresAgencyStore.read`): decoding the JSON and
/// shaping the COPY rows were one thread's work, the import's slowest part, and now run on
/// two cores side by side. At most `capacity` batches wait in between, so memory stays flat
/// when the staging side is the slower one.
final class ParsedLineHandoff: Sendable {
    /// What the parsing thread reports, in the order it happened.
    enum Event: Sendable {
        case line(ParsedLine, input: Int)
        case warning(String)
        /// Input `input` is read to its end and held `lines` lines.
        case inputEnded(input: Int, lines: Int)
    }

    private struct State {
        var batches: [[Event]] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false
    }

    private let state = Mutex(State())
    /// One signal a batch put, and one for the end.
    private let waiting = DispatchSemaphore(value: 0)
    /// The room left for batches.
    private let room: DispatchSemaphore

    init(capacity: Int = 8) { room = DispatchSemaphore(value: capacity) }

    /// Parsing side: hands `batch` over, waiting while `capacity` batches wait already;
    /// false when the staging side has stopped (then nothing more should be parsed).
    func put(_ batch: [Event]) -> Bool {
        room.wait()
        let taken = state.withLock { s -> Bool in
            guard !s.cancelled else { return false }
            s.batches.append(batch)
            return true
        }
        if taken { waiting.signal() } else { room.signal() }
        return taken
    }

    /// Parsing side: no more batches; with `error`, the parse failed there.
    func finish(_ error: (any Error)?) {
        state.withLock { s in
            s.finished = true
            s.failure = error
        }
        waiting.signal()
    }

    /// Staging side: the next batch, nil at the end (and at every call after it), the parse's
    /// failure thrown after the batches before it.
    func take() throws -> [Event]? {
        waiting.wait()
        let next = state.withLock { s -> (batch: [Event]?, failure: (any Error)?) in
            if !s.batches.isEmpty { return (s.batches.removeFirst(), nil) }
            return (nil, s.failure)
        }
        if let batch = next.batch {
            room.signal()
            return batch
        }
        waiting.signal()  // the end stays the answer of every later take
        if let failure = next.failure { throw failure }
        return nil
    }

    /// Staging side: stops early; the parsing side's next `put` answers false. Then `drain`
    /// waits for it to finish.
    func cancel() {
        state.withLock { $0.cancelled = true }
        room.signal()
    }

    /// Staging side, after `cancel`: waits for the parsing side's end, dropping what it sent.
    func drain() {
        while (try? take()) != nil {}
    }
}
