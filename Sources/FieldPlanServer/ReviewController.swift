import FieldPlanApp
import FieldPlanInterchange
import Hummingbird

/// `GET /api/review[?all=true]` (supervisor): the lines of `fieldplan review --format json`,
/// flagged outcomes and sync conflicts, open ones unless `all`; `POST /api/review/{id}/resolve`
/// (supervisor): closes one, as `fieldplan review resolve ID --note TEXT`.
struct ReviewController {
    let store: BlockingStore
    let limits: ServerLimits

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/review") { request, context in
            try context.requireSupervisor()
            let all = try QueryParameters(request).bool("all")
            let (items, clock) = try await store.run { (try $0.reviewItems(includeResolved: all), try $0.clock()) }
            return APIResponse.ndjson(items.map { $0.json(clock) })
        }
        routes.post("/review/{id}/resolve", use: resolve)
        return routes
    }

    /// Body `{"note": "…"}` (optional, or no body); answers the item as it now is, resolved.
    /// An id that is not an open item is `404`.
    @Sendable func resolve(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: ["note"], optional: true)
        let note = try body.string("note", nullable: true)?.trimmingSpaces
        let app = store.app
        let json = try await store.run { store in
            try PlansController.mapped {
                let item = try app.resolveReview(id, note: note?.isEmpty == true ? nil : note)
                return item.json(try store.clock())
            }
        }
        return APIResponse.json(json)
    }
}
