import FieldPlanCore

/// The CSV columns each kind of record knows (the JSON fields, nested ones flattened with
/// `_`), and the check of a file's header against them (SPEC §3): a misspelt column would
/// otherwise be ignored and the field it meant kept or cleared without a word, so an unknown
/// column stops the file, with the closest known column suggested.
public enum CSVColumns {
    public static let known: [RecordKind: [String]] = [
        .account: ["id", "client", "debtor_name", "balance", "currency", "phone", "email", "national_id", "address", "lat", "lon",
                   "days_past_due", "status", "visit_window_from", "visit_window_to", "service_minutes", "notes",
                   "no_visit_before", "max_visits_per_month", "zone_id"],
        .agent: ["id", "name", "base_lat", "base_lon", "shift_start", "shift_end", "phone", "days", "break_from", "break_to",
                 "break_minutes", "max_visits", "active"],
        .appointment: ["id", "account_id", "date", "from", "to", "agent_id"],
        .outcome: ["id", "account_id", "agent_id", "visited_at", "code", "contact", "promise_amount", "promise_date",
                   "collected_amount", "collected_receipt", "location_lat", "location_lon", "location_accuracy_m", "notes",
                   "next_visit", "next_visit_date", "next_visit_from", "next_visit_to"],
        .payment: ["id", "account_id", "amount", "paid_at", "reference", "channel"],
        .zone: ["id", "name", "agent_id"],
    ]

    public static let required: [RecordKind: [String]] = [
        .account: ["id", "client", "debtor_name", "balance"],
        .agent: ["id", "name", "base_lat", "base_lon", "shift_start", "shift_end"],
        .appointment: ["id", "account_id", "date", "from", "to"],
        .outcome: ["id", "account_id", "agent_id", "visited_at", "code"],
        .payment: ["id", "account_id", "amount", "paid_at"],
        .zone: ["id"],
    ]

    /// What is wrong with a header.
    public struct Problems: Sendable, Equatable {
        /// Unknown columns in header order, each with the known column it is closest to.
        public var unknown: [(column: String, suggestion: String?)] = []
        /// Required columns the header lacks, in the kind's field order.
        public var missing: [String] = []

        public static func == (a: Problems, b: Problems) -> Bool {
            a.missing == b.missing && a.unknown.map(\.column) == b.unknown.map(\.column)
                && a.unknown.map(\.suggestion) == b.unknown.map(\.suggestion)
        }

        /// `"phone_no" (did you mean "phone"?), "colour"`.
        public var unknownText: String {
            unknown.map { u in
                let name = u.column.isEmpty ? "(a column with no name)" : JSONWriter.quoted(u.column)
                return name + (u.suggestion.map { " (did you mean \(JSONWriter.quoted($0))?)" } ?? "")
            }.joined(separator: ", ")
        }
    }

    /// Checks `header` (lower-cased, trimmed) for rows of `kind`; nil `kind` means the file
    /// has a `kind` column, so any kind's columns are known and only `id` is required.
    /// - Complexity: O(columns × known columns × name length²), once per file.
    public static func check(_ header: [String], kind: RecordKind?) -> Problems {
        let names: [String]
        let needed: [String]
        if let kind {
            names = known[kind] ?? []
            needed = required[kind] ?? []
        } else {
            var all: [String] = []
            for k in RecordKind.importable { for c in known[k] ?? [] where !all.contains(c) { all.append(c) } }
            names = all
            needed = ["id"]
        }
        var problems = Problems()
        for column in header where column != "kind" && !names.contains(column) {
            problems.unknown.append((column, suggestion(for: column, among: names)))
        }
        problems.missing = needed.filter { !header.contains($0) }
        return problems
    }

    /// The known column a misspelt one most likely meant: within two edits (`adress`,
    /// `debtor-name`), or one that it extends or shortens at an underscore (`phone_no`,
    /// `mobile_phone`, `window_from`); nil when none is that close.
    static func suggestion(for column: String, among names: [String]) -> String? {
        guard !column.isEmpty else { return nil }
        var best: (name: String, distance: Int)?
        for name in names {
            let d = editDistance(column, name)
            let close = d <= 2 || column.hasPrefix(name + "_") || column.hasSuffix("_" + name)
                || name.hasPrefix(column + "_") || name.hasSuffix("_" + column)
            if close, best == nil || d < best!.distance { best = (name, d) }
        }
        return best?.name
    }

    /// Levenshtein distance over Unicode scalars.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if x.isEmpty { return y.count }
        var previous = Array(0...y.count)
        var current = previous
        for i in 1...x.count {
            current[0] = i
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
