import FieldPlanOSRM
import Foundation

/// A real server behind a failing front: the first `failures` requests get `status` (a 5xx
/// with OSRM-like JSON), later ones the real answer. Counts every request.
final class FlakyTransport: OSRMTransport, @unchecked Sendable {
    let failures: Int
    let status: Int
    private let real = URLSessionTransport()
    private let lock = NSLock()
    private var count = 0

    init(failures: Int, status: Int) {
        self.failures = failures
        self.status = status
    }

    var calls: Int { lock.lock(); defer { lock.unlock() }; return count }

    func get(_ url: URL, timeoutSeconds: Double) throws -> (status: Int, body: Data) {
        lock.lock(); count += 1; let n = count; lock.unlock()
        if n <= failures { return (status, Data(#"{"code":"InternalError","message":"busy"}"#.utf8)) }
        return try real.get(url, timeoutSeconds: timeoutSeconds)
    }
}

/// Canned answers, no server: each request gets the next one (the last repeats).
final class CannedTransport: OSRMTransport, @unchecked Sendable {
    private let answers: [(Int, String)]
    private let lock = NSLock()
    private(set) var urls: [URL] = []

    init(_ answers: [(Int, String)]) { self.answers = answers }

    var calls: Int { lock.lock(); defer { lock.unlock() }; return urls.count }

    func get(_ url: URL, timeoutSeconds: Double) throws -> (status: Int, body: Data) {
        lock.lock(); urls.append(url); let n = urls.count; lock.unlock()
        let (status, body) = answers[min(n, answers.count) - 1]
        return (status, Data(body.utf8))
    }
}
