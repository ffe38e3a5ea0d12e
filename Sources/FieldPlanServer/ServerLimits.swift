/// How much one request may send and how long it may take (issue 13, Limits). A body over
/// its route's limit is `413`; a request over its time is `503` with `Retry-After`.
public struct ServerLimits: Sendable {
    /// `POST /api/import`: a whole portfolio, spooled to a temporary file as it arrives.
    public var importBytes: Int = 1 << 30
    /// `POST /api/sync`: a device's outcomes and payments, or a bank's payment file.
    public var syncBytes: Int = 64 << 20
    /// A JSON body such as `PUT /api/settings/{key}`, read whole.
    public var jsonBytes: Int = 64 << 10
    /// The longest line an agent's sync body may hold (it is parsed before the import to
    /// check the `agent_id`); longer lines are rejected.
    public var agentLineBytes: Int = 1 << 20
    /// A read's store call (`503` past it).
    public var requestSeconds: Double = 30
    /// A long read's store call: an export's plan lines, a report.
    public var longRequestSeconds: Double = 600
    /// How long a write (an import, a sync, a plan run, a settings change: every `POST`,
    /// `PUT`, `PATCH` or `DELETE`) may wait for the writes before it. Past it the write is
    /// answered `503` with `Retry-After` and never runs. 15 s: longer than a day's sync of
    /// the whole agency takes, shorter than a phone's patience; a plan run searches for up
    /// to 30 s, so a write posted early in it may be refused and retried.
    public var writeQueueSeconds: Double = 15
    /// A connection with no request in flight for this long is closed.
    public var idleSeconds: Int64 = 60

    public init() {}
}
