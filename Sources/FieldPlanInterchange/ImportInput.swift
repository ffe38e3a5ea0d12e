/// One file to import and how to read it.
public struct ImportInput: Sendable {
    public enum Format: String, Sendable { case ndjson, csv }

    public var path: String
    /// The name used in messages (`accounts.ndjson:17: …`).
    public var displayName: String
    public var format: Format
    /// For CSV without a `kind` column: the kind of every row.
    public var csvKind: String?

    public init(path: String, displayName: String? = nil, format: Format? = nil, csvKind: String? = nil) {
        self.path = path
        let name = displayName ?? (path == "-" ? "stdin" : path)
        self.displayName = name
        let lower = path.lowercased()
        self.format = format ?? (lower.hasSuffix(".csv") ? .csv : .ndjson)
        if let csvKind {
            self.csvKind = csvKind
        } else {
            let file = lower.split(separator: "/").last.map(String.init) ?? lower
            self.csvKind = ["agent", "account", "appointment", "payment", "outcome", "zone"].first { file.contains($0) }
        }
    }
}
