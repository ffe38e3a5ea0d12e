import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import Hummingbird

/// `GET /api/export?kind=&date=&since=` (supervisor): the store as NDJSON that
/// `POST /api/import` takes back, streamed from the store's cursors as the command writes
/// it (`application/x-ndjson`). `kind` is a comma-separated list (default: every importable
/// kind); `visit` and `route` need `date` and give that day's latest plan; `since` keeps
/// only records changed at or after an ISO 8601 instant. The lines are those of
/// `fieldplan export` (`FieldPlanApp.exportStream`), zones with their figures, written through
/// a `LinePump` as the store's cursors read them.
struct ExportController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/export", use: export)
        return routes
    }

    @Sendable func export(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let query = QueryParameters(request)
        var kinds = RecordKind.importable
        if let text = query.string("kind") {
            kinds = []
            for name in text.split(separator: ",") {
                guard let k = RecordKind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw APIError.badRequest("kind: unknown kind \(QueryParameters.quoted(String(name))); expected \(RecordKind.allCases.map(\.rawValue).joined(separator: ", "))", field: "kind")
                }
                kinds.append(k)
            }
        }
        let since = try query.instant("since")?.epochSeconds
        var day: CivilDate?
        if kinds.contains(.visit) || kinds.contains(.route) {
            guard let date = try query.date("date") else { throw APIError.badRequest("kind visit,route needs date=YYYY-MM-DD", field: "date") }
            day = date
        }
        // The use case checks the request and reads the day's plan now, so a refusal is a
        // status; the records are read as the body is written.
        let app = store.app, exportRequest = ExportRequest(kinds: kinds, since: since, date: day)
        let lines = try await store.run(long: true) { _ in try PlansController.mapped { try app.exportStream(exportRequest) } }
        return APIResponse.ndjson(streaming: lines)
    }
}
