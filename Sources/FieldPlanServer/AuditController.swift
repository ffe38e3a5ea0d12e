import FieldPlanApp
import FieldPlanInterchange
import Hummingbird

/// `GET /api/audit[?account=ID]` (supervisor): the lines of `fieldplan audit --format json`,
/// written as the store's cursor reads the trail, which grows with every change.
struct AuditController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/audit") { request, context in
            try context.requireSupervisor()
            let account = QueryParameters(request).string("account")
            let app = store.app
            let lines = try await store.run { _ in try app.auditLines(account: account) }
            return APIResponse.ndjson(streaming: lines)
        }
        return routes
    }
}
