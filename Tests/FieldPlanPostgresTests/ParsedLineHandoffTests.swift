@testable import FieldPlanPostgres
import FieldPlanInterchange
import Foundation
import Testing

/// The import's two threads (`ParsedLineHandoff`): what the parsing side sends arrives in its
/// order, its failure after what it sent before, and a staging side that stops early never
/// leaves the parsing side waiting.
@Suite("Parsed lines handed between threads")
struct ParsedLineHandoffTests {
    struct Boom: Error {}

    /// Sends `count` warnings numbered in order, in batches of seeded sizes; then `failure`.
    static func produce(_ handoff: ParsedLineHandoff, count: Int, seed: UInt64, failure: (any Error)?) -> Thread {
        Thread {
            var state = seed
            var n = 0
            while n < count {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let size = Int(state >> 59) + 1
                let batch = (n..<min(count, n + size)).map { ParsedLineHandoff.Event.warning(String($0)) }
                n += batch.count
                guard handoff.put(batch) else { break }
            }
            handoff.finish(failure)
        }
    }

    static func numbers(_ batch: [ParsedLineHandoff.Event]) -> [Int] {
        batch.compactMap { if case .warning(let text) = $0 { Int(text) } else { nil } }
    }

    @Test("everything arrives, in order, then the failure", arguments: [1, 2, 3] as [UInt64])
    func order(_ seed: UInt64) throws {
        let handoff = ParsedLineHandoff(capacity: 2)
        Self.produce(handoff, count: 5_000, seed: seed, failure: seed == 2 ? Boom() : nil).start()
        var received: [Int] = []
        do {
            while let batch = try handoff.take() { received += Self.numbers(batch) }
            #expect(seed != 2, "the failure was not thrown")
        } catch is Boom {
            #expect(seed == 2)
        }
        #expect(received == Array(0..<5_000))
    }

    @Test("a staging side that stops early lets the parsing side end")
    func cancel() throws {
        let handoff = ParsedLineHandoff(capacity: 1)
        Self.produce(handoff, count: 100_000, seed: 9, failure: nil).start()
        let first = try handoff.take()
        #expect(Self.numbers(first ?? []).first == 0)
        handoff.cancel()
        handoff.drain()  // returns only once the parsing side has finished
        #expect(try handoff.take() == nil)
    }
}
