@testable import FieldPlanServer
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdTesting
import Testing

/// A client that opens a connection and stalls, before or inside a request, is dropped after
/// the idle limit (`ServerLimits.idleSeconds`), so slow clients cannot pile up connections.
struct IdleTimeoutTests {
    typealias F = ServerFixture

    /// Seconds until the server closes a connection that sent `bytes` and then nothing,
    /// or nil when it was still open after `wait` seconds.
    /// Runs a blocking socket exchange on a Dispatch thread, never on one of the few threads
    /// Swift's concurrency shares with the in-process server under test.
    static func offPool(_ body: @escaping @Sendable () -> Double?) async -> Double? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: body()) }
        }
    }

    static func secondsUntilClosed(port: Int, sending bytes: String, wait: Int) -> Double? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var timeout = timeval(tv_sec: wait, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let start = Date()
        let sent = Array(bytes.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard sent == bytes.utf8.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return Date().timeIntervalSince(start) }      // closed by the server
            if n < 0 { return errno == EAGAIN || errno == EWOULDBLOCK ? nil : Date().timeIntervalSince(start) }
        }
    }

    @Test func aClientThatStallsIsDroppedAfterTheIdleLimit() async throws {
        let f = try ServerFixture()
        var limits = ServerLimits()
        limits.idleSeconds = 1
        try await f.app(limits: limits).test(.live) { client in
            let port = try #require(client.port)
            // Half a head, then nothing.
            let partial = await Self.offPool { Self.secondsUntilClosed(port: port, sending: "GET /api/accounts HTTP/1.1\r\nHost: 127.0.0.1\r\n", wait: 30) }
            // A whole head promising a body that never comes.
            let head = "POST /api/sync HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(f.agentG1)\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: 1000\r\n\r\n{\"kind\":"
            let body = await Self.offPool { Self.secondsUntilClosed(port: port, sending: head, wait: 30) }
            // Nothing at all.
            let silent = await Self.offPool { Self.secondsUntilClosed(port: port, sending: "", wait: 30) }
            for (what, seconds) in [("partial head", partial), ("stalled body", body), ("silent", silent)] {
                let s = try #require(seconds, "\(what): still open after 30 s")
                // Not before the idle limit; within the 30 s wait (a bound loose enough for a
                // loaded machine running the whole suite).
                #expect(s >= 0.8, "\(what): closed after \(s) s")
            }
            // The server still answers, and closes at once after the answer this asks for
            // (the test client's own connection has idled out by now).
            let answered = await Self.offPool { Self.secondsUntilClosed(port: port, sending: "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", wait: 30) }
            #expect(answered != nil, "the server answered /healthz and closed the connection")
            #expect(try Self.outcomes(f) == 0, "the stalled sync stored nothing")
        }
    }

    static func outcomes(_ f: ServerFixture) throws -> Int { try WriteQueueTests.outcomes(f) }
}
