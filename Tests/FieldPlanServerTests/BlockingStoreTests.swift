@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import Testing

/// Store calls run off the event loops with a time cap: past it the request is answered 503
/// with Retry-After at once, instead of hanging.
struct BlockingStoreTests {
    @Test func aSlowCallIsA503WithRetryAfter() async throws {
        let store = BlockingStore(store: try FieldPlanStore(), seconds: 0.05, longSeconds: 5)
        let start = ContinuousClock.now
        do {
            _ = try await store.run { _ in Thread.sleep(forTimeInterval: 1); return 1 }
            Issue.record("the slow call was not cut off")
        } catch let error as APIError {
            #expect(error.status == .serviceUnavailable)
            #expect(error.headers[.retryAfter] == "5")
        }
        #expect(ContinuousClock.now - start < .milliseconds(900))
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
