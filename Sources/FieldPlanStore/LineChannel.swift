import Foundation

/// A bounded hand-over of batches of parsed lines from the reading thread to the writing
/// thread, so that parsing and validation (one core) overlap with SQLite's work (the other
/// core). Bounded, so a fast reader never holds more than a few batches in memory.
final class LineChannel<Batch: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [Batch] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var capacity: Int

    init(capacity: Int = 8) { self.capacity = capacity }

    /// Hands over a batch, waiting while the channel is full. False once the reader
    /// should stop because the writer gave up.
    func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    /// The reader is done, normally or with an error.
    func finish(_ error: (any Error)?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch; nil at the end. Rethrows the reader's failure.
    func take() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The writer gave up: wake the reader so it stops.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Runs `produce` to its end on the calling thread, every batch kept until taken: for a
    /// small input (a device's sync of a few lines), where starting a thread costs more than
    /// the parsing it would overlap. Returns a semaphore already signalled.
    func produceInline(_ produce: (_ put: (Batch) throws -> Void) throws -> Void) -> DispatchSemaphore {
        capacity = .max
        do {
            try produce { batch in _ = self.put(batch) }
            finish(nil)
        } catch {
            finish(error)
        }
        let done = DispatchSemaphore(value: 0)
        done.signal()
        return done
    }

    /// Runs `produce` on its own thread; it hands each batch to `put`. Returns a semaphore
    /// that is signalled when the thread has ended.
    func startProducer(_ produce: @escaping @Sendable (_ put: (Batch) throws -> Void) throws -> Void) -> DispatchSemaphore {
        let done = DispatchSemaphore(value: 0)
        let thread = Thread { [self] in
            do {
                try produce { batch in
                    if !self.put(batch) { throw CancellationError() }
                }
                self.finish(nil)
            } catch is CancellationError {
                self.finish(nil)
            } catch {
                self.finish(error)
            }
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        return done
    }
}
