@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import Synchronization
import Testing

/// Store calls run off the event loops with a time cap: past it the request is answered 503
/// with Retry-After at once, instead of hanging.
struct BlockingStoreTests {
    /// The call is held until the test has its answer, so the answer can only be the time-out.
    @Test func aSlowCallIsA503WithRetryAfter() async throws {
        let store = BlockingStore(store: try FieldPlanStore(), seconds: 0.05, longSeconds: 5)
        let release = DispatchSemaphore(value: 0)
        defer { release.signal() }
        do {
            _ = try await store.run { _ in release.wait(); return 1 }
            Issue.record("the slow call was not cut off")
        } catch let error as APIError {
            #expect(error.status == .serviceUnavailable)
            #expect(error.headers[.retryAfter] == "5")
        }
    }

    /// A write holding SQLite's lock (an import under way) does not hold up the reads, nor
    /// the pool: reads answer while it and a second, queued write wait.
    @Test func readsAnswerWhileWritesHoldAndQueue() async throws {
        let f = try ServerFixture()
        let sqlite = try FieldPlanStore(existingAt: f.path)
        // Long caps: on a loaded machine the eight reads may wait for the store's threads.
        let store = BlockingStore(store: sqlite, seconds: 120, longSeconds: 120)
        let release = DispatchSemaphore(value: 0)
        let started = Mutex(false)
        let first = Task {
            try await store.run { _ in
                try sqlite.writer.write { db in
                    try db.execute(sql: "UPDATE setting SET value = value WHERE 0")
                    started.withLock { $0 = true }
                    release.wait()
                }
            }
        }
        while !started.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(5)) }
        let second = Task { try await store.run { try $0.setSetting("min_gap_days", to: "6") } }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 { group.addTask { try await store.run { try $0.agents().count } } }
            return try await group.reduce(0, +)
        }
        #expect(counts == 16)
        release.signal()
        try await first.value
        #expect(try await second.value == "6")
    }

    @Test func aLongCallHasTheLongCapAndErrorsPassThrough() async throws {
        let store = BlockingStore(store: try FieldPlanStore(), seconds: 0.01, longSeconds: 5)
        let value = try await store.run(long: true) { _ in Thread.sleep(forTimeInterval: 0.1); return 7 }
        #expect(value == 7)
        await #expect(throws: APIError.self) { try await store.run { _ in throw APIError.badRequest("no") } }
    }

    /// Many reads at once on a file store (a pool in WAL mode) all answer.
    @Test func readsRunSideBySide() async throws {
        let f = try ServerFixture()
        let store = BlockingStore(store: try FieldPlanStore(existingAt: f.path), seconds: 5, longSeconds: 5)
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<32 { group.addTask { try await store.run { try $0.agents().count } } }
            return try await group.reduce(0, +)
        }
        #expect(counts == 64)
    }
}
