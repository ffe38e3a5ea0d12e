import FieldPlanApp
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
                try store.audit(account: account) { lines.append($0.json(clock)) }
                return lines
            }
            return APIResponse.ndjson(lines)
        }
        return routes
    }
}
