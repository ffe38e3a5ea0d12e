import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// SIGTERM while a phone's sync is being posted to the real `fieldplan serve` (issue 13):
/// the server finishes the request in flight and exits 0; the phone's retry of the same body
/// on the restarted server stores every outcome exactly once, the ones that had committed
/// reported as duplicates.
struct ServeShutdownSyncCLITests {
    static let lines = 4000

    /// `lines` NOT_HOME outcomes of AG01 with distinct ids over the sample accounts.
    static func body() throws -> String {
        let accounts = try String(contentsOfFile: CLIHarness.repository + "/data/accounts.ndjson", encoding: .utf8)
            .split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: #""id":""#) else { return nil }
                return String(line[range.upperBound...].prefix { $0 != "\"" })
            }
        return (0..<lines).map { i in
            let minute = i % 600
            return #"{"kind":"outcome","id":"term-\#(i)","account_id":"\#(accounts[i % accounts.count])","agent_id":"AG01","#
                + #""visited_at":"2026-11-2\#(i % 8 + 1)T\#(String(format: "%02d:%02d", 8 + minute / 60, minute % 60)):00+03:00","code":"NOT_HOME"}"#
        }.joined(separator: "\n") + "\n"
    }

    static func request(_ token: String, _ body: String) -> String {
        "POST /api/sync?now=2026-12-01T12:00:00%2B03:00 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/x-ndjson\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
    }

    /// The outcomes the store holds, by id (the export the commands make).
    static func storedOutcomes(_ cli: CLIHarness) throws -> [String] {
        let export = try cli.run(["export", "--kind", "outcome"])
        #expect(export.status == 0, "\(export.stderr)")
        return export.stdout.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: #""id":""#) else { return nil }
            return String(line[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// Waits at most `seconds` for the process to end.
    static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        return !process.isRunning
    }

    @Test func sigtermDuringASyncPostAndTheRetryStoresEachOutcomeOnce() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        let imported = try cli.run(["import", CLIHarness.repository + "/data/agents.csv", CLIHarness.repository + "/data/accounts.ndjson"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let token = try cli.run(["users", "add", "wanjiru", "--role", "agent", "--agent", "AG01"]).stdout.trimmingCharacters(in: .newlines)
        let body = try Self.body()
        let bytes = Array(body.utf8)

        // First server: the body's first half, the signal, the rest.
        let (first, port) = try ServeCLITests.start(cli)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        let socket = try LoopbackSocket(port: port)
        socket.setReceiveTimeout(seconds: 60)
        try socket.send(Array(Self.request(token, body).utf8) + bytes[..<(bytes.count / 2)])
        usleep(1_000_000)   // the server has read the head: the request is in flight
        kill(first.processIdentifier, SIGTERM)
        usleep(200_000)
        let sentRest = (try? socket.send(Array(bytes[(bytes.count / 2)...]))) != nil
        let answer = socket.receiveAll()
        #expect(Self.waitForExit(first, seconds: 60), "the server did not stop after SIGTERM")
        #expect(first.terminationReason == .exit)
        #expect(first.terminationStatus == 0)

        // Answered, or cut off: then the sync committed whole or not at all.
        let afterStop = try Self.storedOutcomes(cli)
        if answer.hasPrefix("HTTP/1.1 200") {
            #expect(answer.contains(#""accepted":\#(Self.lines)"#), "\(answer.prefix(400))")
            #expect(afterStop.count == Self.lines)
        } else {
            #expect(answer.isEmpty, "a cut connection, not another answer: \(answer.prefix(400)) (rest sent: \(sentRest))")
            #expect(afterStop.count == 0 || afterStop.count == Self.lines, "partial sync: \(afterStop.count)")
        }
        let committed = afterStop.count

        // Second server: the phone sends the same body again.
        let (second, port2) = try ServeCLITests.start(cli)
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        let retry = try LoopbackSocket(port: port2)
        retry.setReceiveTimeout(seconds: 60)
        try retry.send(Array((Self.request(token, body) + body).utf8))
        let retried = retry.receiveAll()
        #expect(retried.hasPrefix("HTTP/1.1 200"), "\(retried.prefix(400))")
        #expect(retried.contains(#""accepted":\#(Self.lines - committed)"#), "\(retried.suffix(400))")
        #expect(retried.contains(#""duplicates":\#(committed)"#), "\(retried.suffix(400))")
        kill(second.processIdentifier, SIGTERM)
        #expect(Self.waitForExit(second, seconds: 30))
        #expect(second.terminationStatus == 0)

        let stored = try Self.storedOutcomes(cli)
        #expect(stored.count == Self.lines, "every outcome stored")
        #expect(Set(stored).count == Self.lines, "each exactly once")
    }
}

extension LoopbackSocket {
    /// Bounds every read, so a server that never answers fails the test instead of hanging it.
    func setReceiveTimeout(seconds: Int) {
        var value = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }
}
