import PostgresNIO

/// Runs the PostgreSQL store's tasks on a NIO event loop instead of the Swift concurrency
/// pool. The pool has one thread per core (two here), and other work of the process may keep
/// them busy; the store's tasks then waited their turn while a caller blocked on them (seen as
/// 15 s time-outs under a loaded test suite). With this executor as the tasks' preference they
/// never need a pool thread at all, so no load on the pool can starve a store call.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {  // `loop` is immutable and thread-safe
    let loop: any EventLoop

    init(_ loop: any EventLoop) { self.loop = loop }

    /// One event loop of NIO's shared group, for every PostgreSQL store of the process.
    static let shared = EventLoopTaskExecutor(MultiThreadedEventLoopGroup.singleton.next())

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
