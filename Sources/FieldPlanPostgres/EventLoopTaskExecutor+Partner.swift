import PostgresNIO

extension EventLoopTaskExecutor {
    /// Another loop of NIO's shared group than `shared`'s (the same one on a one-core
    /// machine), for the work a call runs beside its own: a report's partner decodes its
    /// rows on this thread while the report's facts are decoded on `shared`'s.
    static let partner: EventLoopTaskExecutor = {
        var loops = MultiThreadedEventLoopGroup.singleton.makeIterator()
        var first: (any EventLoop)? = nil
        while let loop = loops.next() {
            if loop !== shared.loop { return EventLoopTaskExecutor(loop) }
            first = first ?? loop
        }
        return EventLoopTaskExecutor(first ?? shared.loop)
    }()
}
