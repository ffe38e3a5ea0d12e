/// Where the OSRM server is and how patiently it is asked (SPEC §11, settings `osrm_url`,
/// `osrm_max_table_size`, `osrm_timeout_s`).
public struct OSRMConfiguration: Hashable, Sendable {
    /// The server's base URL, `http(s)://host[:port][/prefix]`, without a trailing slash.
    public var baseURL: String
    /// The profile segment of the request path. osrm-routed serves the one profile its graph
    /// was built with, whatever the segment says; a proxy in front of several may route on it.
    public var profile: String
    /// The largest number of sources and of destinations in one `/table` request: the
    /// server's `--max-table-size` (100 unless it was started with another).
    public var maxTableSize: Int
    /// Seconds one request may take before it counts as failed (and is retried).
    public var timeoutSeconds: Double
    /// Extra attempts after a connection error, a timeout or a 5xx answer.
    public var retries: Int
    /// The wait before the first retry; doubled before each next one.
    public var backoffSeconds: Double

    public init(baseURL: String, profile: String = "driving", maxTableSize: Int = 100, timeoutSeconds: Double = 30,
                retries: Int = 3, backoffSeconds: Double = 0.2) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        self.baseURL = url
        self.profile = profile
        self.maxTableSize = max(1, maxTableSize)
        self.timeoutSeconds = timeoutSeconds
        self.retries = max(0, retries)
        self.backoffSeconds = backoffSeconds
    }
}
