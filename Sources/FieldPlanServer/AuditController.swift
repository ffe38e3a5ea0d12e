import FieldPlanInterchange
import Hummingbird

/// `GET /api/audit[?account=ID]` (supervisor): the lines of `fieldplan audit --format json`.
struct AuditController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/audit") { request, context in
            try context.requireSupervisor()
            let account = QueryParameters(request).string("account")
            let lines = try await store.run { store -> [String] in
                let clock = try store.clock()
                var lines: [String] = []
                try store.audit(account: account) { e in
                    var w = JSONWriter()
                    w.string("kind", "audit")
                    w.string("at", clock.instant(e.at).text)
                    w.string("account_id", e.accountID)
                    w.string("field", e.field)
                    w.string("old", e.old)
                    w.string("new", e.new)
                    w.string("actor", e.actor)
                    w.string("fact_kind", e.factKind)
                    w.string("fact_id", e.factID)
                    w.string("source", e.source)
                    w.int("line", e.line)
                    lines.append(w.finish())
                }
                return lines
            }
            return APIResponse.ndjson(lines)
        }
        return routes
    }
}
