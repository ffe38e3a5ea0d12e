import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `OSRMTransport` on Foundation's `URLSession` (libcurl on Linux): no new package, and the
/// planner asks its matrix once, synchronously, before the search, so an event-loop client
/// (async-http-client) would buy nothing but build time. A request blocks its caller's
/// thread until the answer or the timeout.
public final class URLSessionTransport: OSRMTransport, @unchecked Sendable {
    private let session: URLSession

    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        session = URLSession(configuration: configuration)
    }

    deinit { session.finishTasksAndInvalidate() }

    public func get(_ url: URL, timeoutSeconds: Double) throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeoutSeconds)
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { data, response, error in
            outcome.set(data: data, response: response, error: error)
            done.signal()
        }.resume()
        // URLSession enforces the timeout itself; the extra seconds only guard against a task
        // that never calls back.
        if done.wait(timeout: .now() + timeoutSeconds + 5) == .timedOut {
            throw OSRMTransportFailure(reason: "timed out after \(Self.seconds(timeoutSeconds)) s")
        }
        let (data, response, error) = outcome.get()
        if let error { throw OSRMTransportFailure(reason: Self.phrase(error, timeoutSeconds: timeoutSeconds)) }
        guard let http = response as? HTTPURLResponse else { throw OSRMTransportFailure(reason: "no HTTP answer") }
        return (http.statusCode, data ?? Data())
    }

    /// A short phrase for the failures a user can act on.
    static func phrase(_ error: Error, timeoutSeconds: Double) -> String {
        guard let e = error as? URLError else { return "\(error.localizedDescription)" }
        switch e.code {
        case .timedOut: return "timed out after \(seconds(timeoutSeconds)) s"
        case .cannotConnectToHost: return "connection refused (is the server running?)"
        case .cannotFindHost, .dnsLookupFailed: return "unknown host"
        case .networkConnectionLost: return "the connection was cut"
        case .notConnectedToInternet: return "no network"
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot: return "TLS failed"
        case .badServerResponse: return "a malformed HTTP answer"
        default: return "\(e.localizedDescription)"
        }
    }

    static func seconds(_ s: Double) -> String { s == s.rounded() ? String(Int(s)) : String(s) }

    /// The callback's results, handed from URLSession's queue to the waiting caller.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var data: Data?
        private var response: URLResponse?
        private var error: Error?

        func set(data: Data?, response: URLResponse?, error: Error?) {
            lock.lock(); defer { lock.unlock() }
            self.data = data; self.response = response; self.error = error
        }

        func get() -> (Data?, URLResponse?, Error?) {
            lock.lock(); defer { lock.unlock() }
            return (data, response, error)
        }
    }
}
