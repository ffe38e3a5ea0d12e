/// Reads CSV (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) whose
/// first row names the columns as the JSON fields do, nested ones flattened with `_`
/// (`visit_window_from`, `base_lat`, `shift_start`, `break_minutes`). Each row becomes the
/// JSON object the NDJSON reader would have produced, so both share one validator.
public struct CSVReader {
    /// Columns that hold numbers: a cell that is a valid JSON number becomes one; anything
    /// else stays a string so the validator can say what was wrong with it.
    static let numericColumns: Set<String> = [
        "balance", "lat", "lon", "days_past_due", "service_minutes", "max_visits", "max_visits_per_month",
        "amount", "accuracy_m", "minutes",
    ]

    /// Nested objects and their flattened column prefixes.
    static let nestedPrefixes = ["visit_window", "base", "shift", "break", "promise", "collected", "location", "next_visit"]

    public let header: [String]
    public let kind: String?

    /// - Parameter defaultKind: the record kind when the file has no `kind` column.
    public init(headerFields: [String], defaultKind: String?) {
        self.header = headerFields.map { $0.trimmingSpacesAndBOM.lowercased() }
        self.kind = header.contains("kind") ? nil : defaultKind
    }

    /// Splits one CSV record (already joined across quoted line breaks) into cells.
    /// Returns nil when a quote is left open (the caller then joins the next line).
    public static func split(_ line: String) -> [String]? {
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var iterator = line.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = iterator.next()
        while let c = pending {
            pending = iterator.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { cell.unicodeScalars.append("\""); pending = iterator.next() } else { inQuotes = false }
                } else {
                    cell.unicodeScalars.append(c)
                }
            } else if c == "\"" && cell.isEmpty {
                inQuotes = true
            } else if c == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.unicodeScalars.append(c)
            }
        }
        if inQuotes { return nil }
        cells.append(cell)
        return cells
    }

    /// The JSON object for one row (SPEC §3): an empty cell is an explicit `null`, which
    /// clears the field; a column the header does not have (or a cell missing from the end
    /// of a short row) is absent, which keeps it. A nested object whose cells are all empty
    /// is `null` as a whole (`visit_window_from` and `visit_window_to` empty: no window).
    public func object(cells: [String]) -> JSONObject {
        var top: [(key: String, value: JSONValue)] = []
        var nested: [String: [(key: String, value: JSONValue)]] = [:]
        var nestedOrder: [String] = []
        if let kind { top.append(("kind", .string(kind))) }
        for (i, column) in header.enumerated() where i < cells.count {
            let cell = cells[i].trimmingSpacesAndBOM
            var key = column
            var parent: String?
            for prefix in Self.nestedPrefixes where column.hasPrefix(prefix + "_") && column.count > prefix.count + 1 {
                parent = prefix
                key = String(column.dropFirst(prefix.count + 1))
                break
            }
            let value = cell.isEmpty ? JSONValue.null : Self.value(key: key, cell: cell)
            if let parent {
                if nested[parent] == nil { nestedOrder.append(parent); nested[parent] = [] }
                nested[parent]!.append((key, value))
            } else {
                top.append((key, value))
            }
        }
        for parent in nestedOrder {
            let members = nested[parent]!
            if members.allSatisfy({ if case .null = $0.value { true } else { false } }) {
                top.append((parent, .null))
            } else {
                top.append((parent, .object(JSONObject(members: members))))
            }
        }
        return JSONObject(members: top)
    }

    static func value(key: String, cell: String) -> JSONValue {
        if numericColumns.contains(key), case .number? = try? JSONParser.parse(cell) { return try! JSONParser.parse(cell) }
        if key == "active" {
            switch cell.lowercased() {
            case "true", "yes", "1", "y": return .bool(true)
            case "false", "no", "0", "n": return .bool(false)
            default: return .string(cell)
            }
        }
        return .string(cell)
    }
}

extension String {
    var trimmingSpacesAndBOM: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{FEFF}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
