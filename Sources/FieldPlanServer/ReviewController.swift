import FieldPlanInterchange
import Hummingbird

/// `GET /api/review[?all=true]` (supervisor): the lines of `fieldplan review --format json`,
/// flagged outcomes and sync conflicts, open ones unless `all`.
struct ReviewController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/review") { request, context in
            try context.requireSupervisor()
            let all = try QueryParameters(request).bool("all")
            let (items, clock) = try await store.run { (try $0.reviewItems(includeResolved: all), try $0.clock()) }
            return APIResponse.ndjson(items.map { i in
                var w = JSONWriter()
                w.string("kind", "review")
                w.string("id", i.id)
                w.string("type", i.kind)
                w.string("account_id", i.accountID)
                w.string("agent_id", i.agentID)
                w.string("at", i.at.map { AgencyTimeText.full($0, clock) })
                w.string("code", i.code)
                w.string("reason", i.reason)
                w.string("source", i.source)
                w.int("line", i.line)
                w.bool("resolved", i.resolved)
                return w.finish()
            })
        }
        return routes
    }
}
