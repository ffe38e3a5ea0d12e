import Foundation

/// One HTTP GET, as the OSRM client needs it. A protocol so that tests can put a failing
/// server in front of a real one (a 503, then the real answer) without a second process.
public protocol OSRMTransport: Sendable {
    /// The status and body of `url`'s answer.
    /// - Throws: `OSRMTransportFailure` when no answer came (refused, timed out, cut off).
    func get(_ url: URL, timeoutSeconds: Double) throws -> (status: Int, body: Data)
}

/// No HTTP answer at all; `reason` is a short phrase (`connection refused`, `timed out after 30 s`).
public struct OSRMTransportFailure: Error, Sendable, Hashable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
