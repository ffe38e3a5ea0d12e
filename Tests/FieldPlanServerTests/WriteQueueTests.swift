@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// Writes wait in one queue, first come first served; a write whose turn does not come in time
/// is answered 503 with Retry-After and never runs; reads never wait behind writes.
struct WriteQueueTests {
    typealias F = ServerFixture

    /// The server of `f` with its own write queue, which the test holds as a running write would.
    static func app(_ f: ServerFixture, writes: WriteQueue) throws -> some ApplicationProtocol {
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let router = buildRouter(store: try FieldPlanStore(existingAt: f.path), limits: ServerLimits(), logger: logger, writes: writes)
        return Application(router: router, logger: logger)
    }

    static func outcomes(_ f: ServerFixture) throws -> Int {
        try f.store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM outcome") ?? -1 }
    }

    @Test func aWriteThatWaitedTooLongIs503AndNeverRuns() async throws {
        let f = try ServerFixture()
        let writes = WriteQueue(waitSeconds: 0.3)
        try await Self.app(f, writes: writes).test(.router) { client in
            try await writes.acquire()   // a write under way
            var headers = F.bearer(f.agentG1)
            headers[.contentType] = "application/x-ndjson"
            let sync = try await client.execute(uri: "/api/sync?now=2026-12-10T12:00", method: .post, headers: headers,
                                                body: ByteBuffer(string: TokenMatrixTests.outcomeOfG1 + "\n"))
            #expect(sync.status == .serviceUnavailable)
            #expect(sync.headers[.retryAfter] == "5")
            #expect(sync.text.contains("nothing was written"), "\(sync.text)")
            let put = try await client.execute(uri: "/api/settings/min_gap_days", method: .put, headers: F.bearer(f.supervisor),
                                               body: ByteBuffer(string: #"{"value": 6}"#))
            #expect(put.status == .serviceUnavailable)
            #expect(put.headers[.retryAfter] == "5")
            // The held write ends; the refused ones must not run now either.
            writes.release()
            try await Task.sleep(for: .milliseconds(200))
            #expect(try Self.outcomes(f) == 0)
            #expect(try f.store.settings().value(of: "min_gap_days") != "6")
            #expect(writes.counts.refused == 2)

            // The retry, with the queue free, runs once.
            let retry = try await client.execute(uri: "/api/sync?now=2026-12-10T12:00", method: .post, headers: headers,
                                                 body: ByteBuffer(string: TokenMatrixTests.outcomeOfG1 + "\n"))
            #expect(retry.status == .ok)
            #expect(retry.object["accepted"] as? Int == 1)
            #expect(try Self.outcomes(f) == 1)
        }
    }

    /// Syncs that queue while a write runs are stored together when the first one's turn
    /// comes (issue 13), each answered with its own summary and rejects, each outcome once.
    @Test func syncsThatWaitTogetherAreStoredAsOneGroup() async throws {
        let f = try ServerFixture()
        let writes = WriteQueue(waitSeconds: 300)
        let syncs = SyncCombiner()
        let logger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        let router = buildRouter(store: try FieldPlanStore(existingAt: f.path), limits: ServerLimits(), logger: logger, writes: writes, syncs: syncs)
        try await Application(router: router, logger: logger).test(.router) { client in
            try await writes.acquire()   // a write under way
            func outcome(_ id: String, _ account: String, _ agent: String) -> String {
                #"{"kind":"outcome","id":"\#(id)","account_id":"\#(account)","agent_id":"\#(agent)","visited_at":"2026-12-09T1\#(id.count % 10):00:00+03:00","code":"NOT_HOME"}"#
            }
            // Five devices: the third sends a line without an account, the fifth repeats the first's outcome.
            let bodies = [
                (f.agentG1, outcome("g1-a", "A1", "G1") + "\n" + outcome("g1-b", "A1", "G1")),
                (f.agentG2, outcome("g2-a", "A2", "G2")),
                (f.agentG1, outcome("g1-c", "NOPE", "G1") + "\n" + outcome("g1-d", "A1", "G1")),
                (f.supervisor, outcome("g2-b", "A2", "G2")),
                (f.agentG1, outcome("g1-a", "A1", "G1")),
            ]
            var answers: [Task<(status: HTTPResponse.Status, text: String), any Error>] = []
            for (i, (token, body)) in bodies.enumerated() {
                var headers = F.bearer(token)
                headers[.contentType] = "application/x-ndjson"
                answers.append(Task {
                    let r = try await client.execute(uri: "/api/sync?now=2026-12-10T12:00", method: .post, headers: headers, body: ByteBuffer(string: body + "\n"))
                    return (r.status, r.text)
                })
                while syncs.waitingCount < i + 1 { try await Task.sleep(for: .milliseconds(2)) }
            }
            #expect(try Self.outcomes(f) == 0)
            writes.release()
            var results: [(status: HTTPResponse.Status, object: [String: Any])] = []
            for answer in answers {
                let (status, text) = try await answer.value
                results.append((status, (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]))
            }
            #expect(results.allSatisfy { $0.status == .ok })
            #expect(results.map { $0.object["accepted"] as? Int } == [2, 1, 1, 1, 0])
            #expect(results.map { $0.object["duplicates"] as? Int } == [0, 0, 0, 0, 1])
            #expect(results.map { $0.object["rejected"] as? Int } == [0, 0, 1, 0, 0])
            let rejects = results[2].object["rejects"] as? [[String: Any]]
            #expect(rejects?.count == 1 && rejects?.first?["line"] as? Int == 1 && rejects?.first?["field"] as? String == "account_id")
            #expect(results.enumerated().allSatisfy { i, r in i == 2 || (r.object["rejects"] as? [Any])?.isEmpty ?? true })
            #expect(syncs.counts.groups == 1 && syncs.counts.members == 5)
            #expect(try Self.outcomes(f) == 5)
        }
    }

    @Test func readsAnswerAtOnceWhileAWriteIsHeld() async throws {
        let f = try ServerFixture()
        // A long queue limit: the twenty reads may take a while on a loaded machine, and the
        // waiting write must still be waiting (not refused) when they are done.
        let writes = WriteQueue(waitSeconds: 300)
        try await Self.app(f, writes: writes).test(.router) { client in
            try await writes.acquire()
            // A write waiting behind the held one.
            let waiting = Task {
                try await client.execute(uri: "/api/settings/min_gap_days", method: .put, headers: F.bearer(f.supervisor),
                                         body: ByteBuffer(string: #"{"value": 6}"#))
            }
            for _ in 0..<10 {
                let accounts = try await client.execute(uri: "/api/accounts", method: .get, headers: F.bearer(f.supervisor))
                #expect(accounts.status == .ok)
                let settings = try await client.execute(uri: "/api/settings", method: .get, headers: F.bearer(f.supervisor))
                #expect(settings.status == .ok)
            }
            // The write stays held until every read has answered: a read that queued behind it
            // would have waited for the queue's 300 s and been refused with 503, not answered 200. No
            // wall-clock bound here: the whole suite shares the store's thread pool.
            #expect(try f.store.settings().value(of: "min_gap_days") != "6", "the queued write has not run yet")
            writes.release()
            let answer = try await waiting.value
            #expect(answer.status == .ok)
            #expect(try f.store.settings().value(of: "min_gap_days") == "6")
        }
    }

    /// Turns are given in the order asked; a write that started is never cut off by a read's
    /// time cap.
    @Test func turnsAreFirstComeFirstServedAndAStartedWriteFinishes() async throws {
        // A long wait: the order is the point, and the whole suite shares the machine.
        let queue = WriteQueue(waitSeconds: 120)
        let order = LogCapture()
        try await queue.acquire()
        var tasks: [Task<Void, any Error>] = []
        for i in 0..<5 {
            tasks.append(Task { try await queue.run { order.append("\(i)") } })
            // Each is waiting before the next asks.
            while queue.waitingCount < i + 1 { try await Task.sleep(for: .milliseconds(2)) }
        }
        queue.release()
        for task in tasks { try await task.value }
        #expect(order.all == ["0", "1", "2", "3", "4"])
        #expect(queue.counts.started == 6)

        let store = BlockingStore(store: try FieldPlanStore(), seconds: 0.01, longSeconds: 0.01, writes: queue)
        let value = try await store.run(write: true) { _ in Thread.sleep(forTimeInterval: 0.2); return 7 }
        #expect(value == 7)
        let marked = try await BlockingStore.$inWriteRequest.withValue(true) {
            try await store.run { _ in Thread.sleep(forTimeInterval: 0.2); return 8 }
        }
        #expect(marked == 8)
        await #expect(throws: APIError.self) { try await store.run { _ in Thread.sleep(forTimeInterval: 0.2); return 9 } }
    }

    /// A waiter whose time ran out is refused (by its deadline task, or when the turn comes
    /// first) and never runs.
    @Test func aLateTurnIsRefused() async throws {
        let queue = WriteQueue(waitSeconds: 0.05)
        try await queue.acquire()
        let ran = LogCapture()
        let waiter = Task { try await queue.run { ran.append("ran") } }
        while queue.waitingCount < 1 { try await Task.sleep(for: .milliseconds(2)) }
        try await Task.sleep(for: .milliseconds(300))
        queue.release()
        await #expect(throws: APIError.self) { try await waiter.value }
        #expect(ran.all.isEmpty)
        // The queue is free again.
        try await queue.run { ran.append("ran") }
        #expect(ran.all == ["ran"])
    }
}
