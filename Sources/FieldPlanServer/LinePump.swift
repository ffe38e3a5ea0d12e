import Dispatch
import Foundation
import Hummingbird
import Synchronization

/// Streams lines that a blocking store call emits one by one (an export's cursor) to a
/// response body, with back-pressure: the producer, on a thread of its own (it may wait as
/// long as the client takes, so it holds no thread of the store's pool), waits while
/// `inFlight` chunks of about 64 KiB are queued, so memory stays at a few chunks whatever
/// the export's size and however slow the client. A client that goes away stops the export.
final class LinePump: Sendable {
    static let chunkBytes = 64 << 10
    static let inFlight = 4

    private let slots = DispatchSemaphore(value: LinePump.inFlight)
    private let stopped = Mutex(false)

    struct Stopped: Error {}

    /// The response body: runs `produce` on its own thread, handing it an `emit` for each line.
    static func body(_ produce: @escaping @Sendable (_ emit: (String) throws -> Void) throws -> Void) -> ResponseBody {
        ResponseBody { writer in
            let pump = LinePump()
            let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
            let producer = Task {
                do {
                    try await onOwnThread {
                        var chunk = ByteBuffer()
                        func flush() throws {
                            pump.slots.wait()
                            if pump.stopped.withLock({ $0 }) { throw Stopped() }
                            continuation.yield(chunk)
                            chunk = ByteBuffer()
                        }
                        try produce { line in
                            chunk.writeString(line)
                            chunk.writeString("\n")
                            if chunk.readableBytes >= chunkBytes { try flush() }
                        }
                        if chunk.readableBytes > 0 { try flush() }
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            do {
                for try await buffer in stream {
                    try await writer.write(buffer)
                    pump.slots.signal()
                }
            } catch {
                pump.stopped.withLock { $0 = true }
                for _ in 0..<inFlight { pump.slots.signal() }
                _ = await producer.result
                throw error
            }
            try await writer.finish(nil)
        }
    }

    private static func onOwnThread(_ work: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread.detachNewThread {
                do {
                    try work()
                    continuation.resume()
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
