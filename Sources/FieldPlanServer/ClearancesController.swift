import FieldPlanApp
import FieldPlanInterchange
import Hummingbird

/// `GET /api/clearances[?state=pending|confirmed]` (supervisor): the lines of
/// `fieldplan clearances --format json`.
struct ClearancesController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/clearances") { request, context in
            try context.requireSupervisor()
            let query = QueryParameters(request)
            let state = query.string("state")
            if let state, state != "pending" && state != "confirmed" {
                throw APIError.badRequest("state: expected pending or confirmed", field: "state")
            }
            let (list, clock) = try await store.run { (try $0.clearances(state: state), try $0.clock()) }
            return APIResponse.ndjson(list.map { $0.json(clock) })
        }
        return routes
    }
}
