import FieldPlanApp
import FieldPlanStore
import NIOPosix
import Synchronization

/// The store for async handlers: every call runs on the store's own thread pool, never on
/// an event loop, so a long read or a queued write holds one pool thread and no connection.
/// SQLite in WAL mode (a GRDB `DatabasePool`) lets the reads run side by side while one
/// write goes on. The pool's threads are plain threads, not the Swift concurrency pool's, so
/// the PostgreSQL store may block them while its own tasks talk to the server.
///
/// The pool has `threads` threads rather than NIO's shared pool of one per core: a write
/// waiting for SQLite's lock (a second import behind a first) sleeps on its thread, and with
/// two cores two such waits would leave no thread for the reads.
///
/// A read has a time cap: past it the request gets `503` with `Retry-After` rather than a
/// hang (SQLite cannot be interrupted from here, so the read finishes on its pool thread and
/// its answer is dropped).
///
/// A call made while serving a request that may write (`POST`, `PUT`, `PATCH`, `DELETE`, as
/// `WriteRequestMiddleware` marks it) goes through the `WriteQueue` instead: it waits its turn
/// behind the other writes, is answered `503` and never started when the turn does not come
/// within the queue's time, and once started is answered with its own result, however long
/// it takes. Reads never wait for writes (WAL).
struct BlockingStore: Sendable {
    let store: any AgencyStore
    /// The cap of a read.
    let seconds: Double
    /// The cap of a long read: an export, a report.
    let longSeconds: Double
    /// The queue every write of this server waits in.
    let writes: WriteQueue
    /// The syncs waiting in that queue, stored together when one's turn comes.
    let syncs: SyncCombiner

    init(store: any AgencyStore, seconds: Double, longSeconds: Double, writes: WriteQueue = WriteQueue(waitSeconds: 15),
         syncs: SyncCombiner = SyncCombiner()) {
        self.store = store
        self.seconds = seconds
        self.longSeconds = longSeconds
        self.writes = writes
        self.syncs = syncs
    }

    /// Set for the handling of a request whose method may write.
    @TaskLocal static var inWriteRequest = false

    var app: FieldPlanApp { FieldPlanApp(store: store) }

    static let threads = 16

    /// Started once and never stopped, as NIO's own singletons are: the process serves until it exits.
    static let pool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        return pool
    }()

    /// `body` on the pool: as a write when called for a writing request (or with `write: true`), else as a read.
    func run<T: Sendable>(long: Bool = false, write: Bool? = nil, _ body: @escaping @Sendable (any AgencyStore) throws -> T) async throws -> T {
        let store = self.store
        if write ?? Self.inWriteRequest {
            return try await writes.run { try await Self.pool.runIfActive { try body(store) } }
        }
        let limit = long ? longSeconds : seconds
        // The call goes straight to a pool thread, which resumes the request itself: no task
        // is made for it. The cap is an event-loop timer, cancelled when the answer comes, so a
        // read costs two thread hops and a timer, not two tasks and a 30-second sleep.
        return try await withCheckedThrowingContinuation { continuation in
            let gate = Gate<T>(continuation)
            let timer = Self.timers.next().scheduleTask(in: .nanoseconds(Int64(limit * 1e9))) {
                gate.finish(.failure(APIError(.serviceUnavailable, "the store did not answer within \(Self.text(limit)) s; try again",
                                              headers: [.retryAfter: "5"])))
            }
            Self.pool.submit { state in
                guard case .active = state else {
                    timer.cancel()
                    gate.finish(.failure(CancellationError()))
                    return
                }
                let result = Result { try body(store) }
                timer.cancel()
                gate.finish(result)
            }
        }
    }

    /// The event loops that time the reads (NIO's shared group, which also serves the connections).
    static var timers: MultiThreadedEventLoopGroup { MultiThreadedEventLoopGroup.singleton }

    static func text(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Resumes the waiting request once: with the answer or with the time-out, whichever
    /// comes first.
    private final class Gate<T: Sendable>: Sendable {
        private let state: Mutex<CheckedContinuation<T, any Error>?>

        init(_ continuation: CheckedContinuation<T, any Error>) { state = Mutex(continuation) }

        func finish(_ result: Result<T, any Error>) {
            let continuation = state.withLock { c in defer { c = nil }; return c }
            continuation?.resume(with: result)
        }
    }
}
