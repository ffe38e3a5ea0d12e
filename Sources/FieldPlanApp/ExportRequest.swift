import FieldPlanCore

/// What `export` and `GET /api/export` ask for.
public struct ExportRequest: Sendable, Hashable {
    /// The kinds, in any order (default: every importable kind). `visit` and `route` need `date`.
    public var kinds: [RecordKind]
    /// Only records changed at or after this moment (epoch seconds).
    public var since: Int64?
    /// The planned day whose latest plan `visit` and `route` lines come from.
    public var date: CivilDate?

    public init(kinds: [RecordKind] = RecordKind.importable, since: Int64? = nil, date: CivilDate? = nil) {
        self.kinds = kinds
        self.since = since
        self.date = date
    }
}
