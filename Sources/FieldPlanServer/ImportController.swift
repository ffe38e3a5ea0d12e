import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Hummingbird

/// `POST /api/import` (supervisor): an NDJSON (`application/x-ndjson`) or CSV (`text/csv`)
/// body, streamed to a temporary file and imported as `fieldplan import` imports a file:
/// the same validation, the same summary (`--format json`), one transaction. Query:
/// `dry_run=true`, `csv_kind=…` for CSV without a kind column, `ignore_unknown_columns=true`
/// as the command's `--ignore-unknown-columns`.
struct ImportController {
    let store: BlockingStore
    let limits: ServerLimits
    /// The name messages give the body: `import:17: balance: …`.
    static let sourceName = "import"

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("/import", use: importBody)
        return routes
    }

    @Sendable func importBody(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let query = QueryParameters(request)
        let dryRun = try query.bool("dry_run")
        let ignoreUnknownColumns = try query.bool("ignore_unknown_columns")
        let csvKind = query.string("csv_kind")
        if let csvKind, !["account", "agent", "appointment", "payment", "outcome", "zone"].contains(csvKind) {
            throw APIError.badRequest("csv_kind: unknown kind \(QueryParameters.quoted(csvKind))", field: "csv_kind")
        }
        let format = try BodyFormat.of(request, allowed: [.ndjson, .csv])
        let spool = try await BodySpool.spool(request.body, contentLength: request.headers[.contentLength].flatMap { Int($0) },
                                              limit: limits.importBytes, ending: format.rawValue, maxLineBytes: limits.agentLineBytes)
        defer { spool.remove() }
        let input = ImportInput(path: spool.path, displayName: Self.sourceName, format: format == .csv ? .csv : .ndjson, csvKind: csvKind)
        let (summary, rejects) = try await store.run(long: true) { store -> (ImportSummary, [RejectedLine]) in
            let collector = RejectCollector()
            let summary = try store.importRecords([input], dryRun: dryRun, ignoreUnknownColumns: ignoreUnknownColumns, onReject: collector.add)
            return (summary, collector.lines)
        }
        return APIResponse.json(SummaryJSON.importSummary(summary, dryRun: dryRun, rejects: rejects))
    }
}
