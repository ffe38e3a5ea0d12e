import FieldPlanApp
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
            return APIResponse.ndjson(items.map { $0.json(clock) })
        }
        return routes
    }
}
