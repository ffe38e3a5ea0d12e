@testable import FieldPlanPostgres
import FieldPlanStore
import PostgresNIO
import Testing

/// Statements prepared once per connection (`PreparedRun`): each answer is its own
/// statement's, on the first run on a connection (prepared then) and on every run after.
@Suite("Prepared statements")
struct PreparedRunTests {
    enum Sorted: PreparedSQL {
        static let sql = "SELECT n FROM unnest($1::int8[]) AS u(n) ORDER BY n"
    }

    enum Doubled: PreparedSQL {
        static let sql = "SELECT n * 2 FROM unnest($1::int8[]) WITH ORDINALITY AS u(n, i) ORDER BY i"
    }

    enum Counted: PreparedSQL {
        static let sql = "SELECT count(*) FROM unnest($1::int8[])"
    }

    enum Words: PreparedSQL {
        static let sql = "SELECT w || '!' FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i) ORDER BY i"
    }

    static func name<Text: PreparedSQL>(_ text: Text.Type) -> String { Prepared<Text>.name }

    @Test("each statement has a name of its own")
    func names() {
        let names = HistorySQL.all.map { Self.name($0) } + [Self.name(SmallSyncSQL.Lock.self), Self.name(SmallSyncSQL.LockNoWait.self)]
        #expect(Set(names).count == names.count, "\(names)")
    }

    @Test("answers are their statements', run after run, on one connection", arguments: StoreEngine.postgresOnly)
    func answers(_ engine: StoreEngine) async throws {
        try await withFreshStore(engine) { store in
            let store = store as! PostgresAgencyStore
            let logger = store.logger
            try store.read { connection in
                var state: UInt64 = 7
                for round in 1...40 {
                    let numbers: [Int64] = (0..<(round % 6)).map { _ in
                        state = state &* 6364136223846793005 &+ 1442695040888963407
                        return Int64(state >> 40) - 5000
                    }
                    var binds = PostgresBindings()
                    binds.append(numbers)
                    let answers = try await PreparedRun.rows([Sorted.self, Doubled.self, Counted.self, Sorted.self], binds,
                                                             on: connection, logger: logger)
                    #expect(answers.count == 4)
                    #expect(try answers[0].map { try $0.decode(Int64.self) } == numbers.sorted(), "round \(round)")
                    #expect(try answers[1].map { try $0.decode(Int64.self) } == numbers.map { $0 * 2 }, "round \(round)")
                    #expect(try answers[2].map { try $0.decode(Int64.self) } == [Int64(numbers.count)], "round \(round)")
                    #expect(try answers[3].map { try $0.decode(Int64.self) } == numbers.sorted(), "round \(round)")
                    var words = PostgresBindings()
                    words.append((0..<(round % 3)).map { "w\(round)-\($0)" })
                    let said = try await PreparedRun.rows(Words.self, words, on: connection, logger: logger)
                    #expect(try said.map { try $0.decode(String.self) } == (0..<(round % 3)).map { "w\(round)-\($0)!" })
                }
            }
        }
    }
}
