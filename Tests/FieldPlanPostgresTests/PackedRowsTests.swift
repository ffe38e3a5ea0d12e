@testable import FieldPlanPostgres
import FieldPlanStore
import Testing

/// A report's packed reads (`PackedRows`, `PackedFields`): whatever a row holds, the server
/// packs it and the reader gives back the same values, row by row, in the order asked for.
@Suite("Packed rows")
struct PackedRowsTests {
    /// A row of the property test: a text, an integer, a fraction and a truth value, any of
    /// them null.
    struct Row: Equatable {
        var text: String?
        var number: Int64?
        var fraction: Double?
        var truth: Bool?
    }

    /// Seeded: texts with the packing's own marks (`:`, `;`, `-`, `~`, digits), tabs, new
    /// lines, quotes and letters beyond ASCII; integers at both ends of Int64.
    static func rows(seed: UInt64, count: Int) -> [Row] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        let pieces = ["a", "7", ":", ";", "-", "~", "12:", "\t", "\n", "'", "\"", "\\", "é", "Ω", "😀", " ", "-5;", ""]
        var rows: [Row] = []
        for _ in 0..<count {
            var text: String? = nil
            if next() % 5 != 0 { text = (0..<Int(next() % 6)).map { _ in pieces[Int(next() % UInt64(pieces.count))] }.joined() }
            let numbers: [Int64] = [0, -1, 1, Int64.max, Int64.min, Int64(bitPattern: next()), -Int64(next() % 1000)]
            let number: Int64? = next() % 6 == 0 ? nil : numbers[Int(next() % UInt64(numbers.count))]
            let fraction: Double? = next() % 6 == 0 ? nil : (Double(Int64(bitPattern: next()) % 2_000_000) / 1000) * (next() % 2 == 0 ? 1 : 1e-7)
            let truth: Bool? = next() % 4 == 0 ? nil : next() % 2 == 0
            rows.append(Row(text: text, number: number, fraction: fraction, truth: truth))
        }
        return rows
    }

    static func literal(_ text: String?) -> String {
        text.map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" } ?? "NULL"
    }

    @Test("values come back as they were, in order, nulls included", arguments: StoreEngine.postgresOnly)
    func roundTrip(_ engine: StoreEngine) async throws {
        for seed in [1, 2, 3] as [UInt64] {
            let rows = Self.rows(seed: seed, count: 400)
            let values = rows.enumerated().map { i, r in
                "(\(i), \(Self.literal(r.text))::text, (\(r.number.map(String.init) ?? "NULL"))::int8, "
                    + "(\(r.fraction.map { "\($0)" } ?? "NULL"))::float8, \(r.truth.map { $0 ? "true" : "false" } ?? "NULL")::bool)"
            }.joined(separator: ", ")
            let query = PackedRows.query([.text("v.t"), .value("v.i"), .value("v.d"), .value("v.b")],
                                         from: "FROM (VALUES \(values)) AS v(n, t, i, d, b)", orderBy: "v.n DESC")
            let read = try await withFreshStore(engine) { store in
                let store = store as! PostgresAgencyStore
                return try store.read { connection in
                    var read: [Row] = []
                    try await PackedRows.forEach(query, on: connection, logger: store.logger) { fields in
                        read.append(Row(text: try fields.text(), number: try fields.int64(), fraction: try fields.double(),
                                        truth: try fields.bool()))
                    }
                    return read
                }
            }
            #expect(read == rows.reversed(), "seed \(seed)")
        }
    }

    @Test("a packed value that does not read as packed is an error, not a guess")
    func malformedIsAnError() throws {
        for text in ["5:abc", "x:abc", "12"] {
            var bytes = Array(text.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                var fields = PackedFields(UnsafeBufferPointer(buffer))
                #expect(throws: PackedFields.Malformed.self) { _ = try fields.text() }
            }
        }
        var bytes = Array("12a;".utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var fields = PackedFields(UnsafeBufferPointer(buffer))
            #expect(throws: PackedFields.Malformed.self) { _ = try fields.int64() }
        }
    }
}
