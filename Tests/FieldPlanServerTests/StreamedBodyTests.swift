import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
@testable import FieldPlanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The routes that list the store (the export, the plan calendar, the audit trail) write
/// their body as they read it, never holding it whole: the answer is chunked, with no
/// length known when its head is sent, and a client that stops reading holds the reading
/// to a few chunks (`LinePump`). `ServeStreamingCLITests` checks the real server's memory
/// while it exports tens of MiB.
struct StreamedBodyTests {
    typealias F = ServerFixture

    @Test(arguments: ["/api/export?kind=zone,agent,account", "/api/plans?from=2026-12-01&to=2026-12-31", "/api/audit"])
    func aListingIsChunkedAsItIsRead(_ uri: String) async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        // A client file that changes A1's balance: an audit entry.
        let update = f.folder + "/update.ndjson"
        _ = FileManager.default.createFile(atPath: update, contents: Data((ServerFixture.base[4].replacingOccurrences(of: #""balance":1000"#, with: #""balance":900"#) + "\n").utf8))
        _ = try f.store.importRecords([ImportInput(path: update, displayName: "update.ndjson")])
        let app = FieldPlanApp(store: f.store)
        var expected: [String] = []
        switch uri.split(separator: "?")[0] {
        case "/api/export": try app.export(ExportRequest(kinds: [.zone, .agent, .account])) { expected.append($0) }
        case "/api/plans": try app.planDayLines(from: CivilDate("2026-12-01")!, to: CivilDate("2026-12-31")!).write { expected.append($0) }
        default: try app.auditLines().write { expected.append($0) }
        }
        #expect(!expected.isEmpty)
        let lines = expected
        try await f.app().test(.live) { client in
            let port = try #require(client.port)
            let request = "GET \(uri) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(f.supervisor)\r\nConnection: close\r\n\r\n"
            let answer = await RawConnection.offPool { try? RawConnection.exchange(port: port, request) }
            let (head, body) = try #require(answer)
            #expect(head.hasPrefix("http/1.1 200"), "\(head)")
            #expect(head.contains("transfer-encoding: chunked"), "\(head)")
            #expect(!head.contains("content-length:"), "a length in the head means the body was made whole first: \(head)")
            let text = String(decoding: try Self.dechunked(body), as: UTF8.self)
            #expect(text.split(separator: "\n").map(String.init) == lines)
        }
    }

    /// A client that reads the first bytes and then stops: the producer waits once a few
    /// chunks and the sockets' buffers are full, far short of the body, and goes on to the end
    /// when the client reads again. A body made whole before it is sent would have been
    /// produced entirely before the first byte arrived.
    @Test func aClientThatStopsReadingStopsTheProducer() async throws {
        let produced = Counter()
        let line = String(repeating: "x", count: 1023)
        let lines = 64 * 1024            // 64 MiB
        let router = Router()
        router.get("/lines") { _, _ in
            Response(status: .ok, body: LinePump.body { emit in
                for _ in 0..<lines {
                    try emit(line)
                    produced.add()
                }
            })
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let connection = try RawConnection(port: port, receiveBuffer: 16 << 10)
            try connection.send("GET /lines HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            let first = await RawConnection.offPool { connection.receive() }
            #expect(String(decoding: first, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
            // Wait (bounded) until the producer stands still with the client not reading.
            var last = -1, now = produced.value, polls = 0
            while now != last || now == 0, polls < 100 {
                try await Task.sleep(for: .milliseconds(100))
                last = now
                now = produced.value
                polls += 1
            }
            #expect(now < lines / 4, "\(now) of \(lines) lines made while the client read one chunk")
            let rest = await RawConnection.offPool { connection.receiveAll() }
            #expect(produced.value == lines)
            let body = try Self.dechunked(first + rest, skippingHead: true)
            #expect(body.count == lines * 1024)
        }
    }

    /// The payload of a chunked body (optionally after the answer's head).
    static func dechunked(_ raw: [UInt8], skippingHead: Bool = false) throws -> [UInt8] {
        var i = 0
        func crlf(from start: Int) throws -> Int {
            var j = start
            while j + 1 < raw.count, !(raw[j] == 13 && raw[j + 1] == 10) { j += 1 }
            guard j + 1 < raw.count else { throw ChunkError() }
            return j
        }
        if skippingHead {
            while i + 3 < raw.count, !raw[i...(i + 3)].elementsEqual([13, 10, 13, 10]) { i += 1 }
            i += 4
        }
        var out = [UInt8]()
        while true {
            let end = try crlf(from: i)
            guard let size = Int(String(decoding: raw[i..<end], as: UTF8.self).split(separator: ";")[0], radix: 16) else { throw ChunkError() }
            i = end + 2
            if size == 0 { return out }
            guard i + size <= raw.count else { throw ChunkError() }
            out += raw[i..<(i + size)]
            i += size + 2
        }
    }

    struct ChunkError: Error {}

    /// Lines made so far, shared by the producer and the test.
    final class Counter: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }
}
