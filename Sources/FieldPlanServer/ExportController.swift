import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Hummingbird

/// `GET /api/export?kind=&date=&since=` (supervisor): the store as NDJSON that
/// `POST /api/import` takes back, streamed from the store's cursors as the command writes
/// it (`application/x-ndjson`). `kind` is a comma-separated list (default: every importable
/// kind); `visit` and `route` need `date` and give that day's latest plan; `since` keeps
/// only records changed at or after an ISO 8601 instant. Zone lines are the stored zones
/// without the figures `fieldplan export` computes (centroid, accounts, workload).
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
        let planKinds = Set(kinds.filter { $0 == .visit || $0 == .route }.map(\.rawValue))
        kinds.removeAll { $0 == .visit || $0 == .route }
        var planLines: [String] = []
        if !planKinds.isEmpty {
            guard let day = try query.date("date") else { throw APIError.badRequest("kind visit,route needs date=YYYY-MM-DD", field: "date") }
            guard let plan = try await store.run({ try $0.planLines(date: day, kinds: planKinds) }) else {
                throw APIError.notFound("no plan for \(day)")
            }
            planLines = plan.lines
        }
        let store = self.store.store
        let exportKinds = kinds, dayLines = planLines
        let body = LinePump.body { emit in
            try store.export(kinds: exportKinds, since: since, emit)
            for line in dayLines { try emit(line) }
        }
        return Response(status: .ok, headers: [.contentType: "application/x-ndjson; charset=utf-8"], body: body)
    }
}
