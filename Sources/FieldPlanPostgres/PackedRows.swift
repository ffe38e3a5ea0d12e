import Logging
import PostgresNIO

/// A large read sent by the server as one text value packing all its rows, read here by one
/// pass over its bytes: a report reads a few hundred thousand rows, and decoding them one
/// row and one cell at a time through postgres-nio (an async step a row, a generic decode a
/// cell) cost the client several times the server's work. postgres-nio 1.33 has no
/// `COPY … TO STDOUT`; this is its effect with a plain query (`string_agg`, which costs the
/// server less than sending the rows one by one).
///
/// A text field is `<bytes>:<text>` (its length in bytes, so nothing in it needs escaping);
/// any other field (numbers, booleans) is its text form and `;`; null is `-` for a text
/// field and `~;` for another. Rows follow each other with nothing between them. One value
/// holds at most PostgreSQL's 1 GiB, some twenty million rows of a report's size: far more
/// than any month of an agency.
enum PackedRows {
    /// A field of a packed row: an SQL expression and how it is packed.
    enum Field {
        /// A text column or another cheap text expression (it is computed twice).
        case text(String)
        /// A number or boolean, or a text expression that reads as one (computed once).
        case value(String)

        var sql: String {
            switch self {
            case .text(let e): "COALESCE(octet_length(\(e))::text || ':' || (\(e)), '-')"
            case .value(let e): "COALESCE((\(e))::text, '~') || ';'"
            }
        }
    }

    /// The query that sends the rows of `from` (its `FROM … WHERE …`, after an optional
    /// `with` clause) packed, each row being `fields`, in the order of `orderBy` (SQL;
    /// empty: any order).
    static func query(_ fields: [Field], from: String, with: String = "", orderBy: String = "") -> String {
        let packed = fields.map(\.sql).joined(separator: " || ")
        return "\(with)\nSELECT string_agg(\(packed), ''\(orderBy.isEmpty ? "" : " ORDER BY \(orderBy)")) \(from)"
    }

    /// Calls `row` once a row of `query`'s packed answer, in order, with the row's fields
    /// to read in the order they were packed.
    static func forEach(_ query: String, on connection: PostgresConnection, logger: Logger,
                        _ row: (inout PackedFields) throws -> Void) async throws {
        for try await value in try await connection.query(PostgresQuery(unsafeSQL: query), logger: logger) {
            guard var text = try value.decode(String?.self) else { continue }
            try text.withUTF8 { bytes in
                var fields = PackedFields(bytes)
                while !fields.atEnd { try row(&fields) }
            }
        }
    }
}
