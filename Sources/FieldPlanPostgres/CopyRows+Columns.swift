import PostgresNIO

extension CopyRows {
    /// The rows read back column by column (`\N` as nil, COPY's escapes undone), so a small
    /// write can bind them as arrays (`unnest($1::text[], …)`) instead of COPY into a
    /// temporary table: each value reaches the server as the same text COPY would have sent,
    /// and is parsed by the same input function (`::bigint`, `::float8`, `::bytea`), so the
    /// stored values are the same. `count` is the number of fields a row has.
    /// - Complexity: O(bytes).
    func columns(_ count: Int) -> [[String?]] {
        var columns = Array(repeating: [String?](), count: count)
        var field: [UInt8] = []
        var column = 0
        var escaped = false
        var isNull = false
        func finish() {
            if column < count { columns[column].append(isNull ? nil : String(decoding: field, as: UTF8.self)) }
            column += 1
            field.removeAll(keepingCapacity: true)
            isNull = false
        }
        for chunk in all {
            chunk.withUnsafeReadableBytes { bytes in
                for byte in bytes {
                    if escaped {
                        escaped = false
                        switch byte {
                        case UInt8(ascii: "N"): isNull = true
                        case UInt8(ascii: "t"): field.append(UInt8(ascii: "\t"))
                        case UInt8(ascii: "n"): field.append(UInt8(ascii: "\n"))
                        case UInt8(ascii: "r"): field.append(UInt8(ascii: "\r"))
                        default: field.append(byte)
                        }
                        continue
                    }
                    switch byte {
                    case UInt8(ascii: "\\"): escaped = true
                    case UInt8(ascii: "\t"): finish()
                    case UInt8(ascii: "\n"): finish(); column = 0
                    default: field.append(byte)
                    }
                }
            }
        }
        return columns
    }

    /// A PostgreSQL array literal of `values` (`{"a",NULL,"b"}`), bound as one text
    /// parameter and cast (`$1::text[]`): nullable arrays without a binary array encoder.
    static func arrayLiteral(_ values: [String?]) -> String {
        var out = "{"
        out.reserveCapacity(values.count * 12 + 2)
        for (index, value) in values.enumerated() {
            if index > 0 { out.append(",") }
            guard let value else { out.append("NULL"); continue }
            out.append("\"")
            for character in value.unicodeScalars {
                if character == "\"" || character == "\\" { out.append("\\") }
                out.unicodeScalars.append(character)
            }
            out.append("\"")
        }
        out.append("}")
        return out
    }

    /// The rows as bindings, one text-array literal per column, for `unnest($1::text[], …)`.
    func bindings(_ count: Int) -> PostgresBindings {
        var binds = PostgresBindings()
        for column in columns(count) { binds.append(Self.arrayLiteral(column)) }
        return binds
    }
}
