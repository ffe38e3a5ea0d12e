import FieldPlanApp
import FieldPlanInterchange
import Hummingbird

/// `GET /api/clearances[?state=pending|confirmed]` (supervisor): the lines of
/// `fieldplan clearances --format json`; `POST /api/clearances/{account_id}/confirm`
/// (supervisor): `clearances confirm ID --by` the user's name.
struct ClearancesController {
    let store: BlockingStore
    let limits: ServerLimits

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
        routes.post("/clearances/{account_id}/confirm", use: confirm)
        return routes
    }

    /// No body (an empty JSON object is taken too): the confirmation is the user's, by name.
    /// Answers the clearance as it now is; an account without a pending clearance is `404`.
    @Sendable func confirm(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireUser()
        try context.requireSupervisor()
        let account = try context.parameters.require("account_id")
        _ = try await JSONBody.read(request, limit: limits.jsonBytes, fields: [], optional: true)
        let app = store.app
        let json = try await store.run { store in
            try PlansController.mapped {
                let cleared = try app.confirmClearance(account: account, by: user.name)
                return cleared.json(try store.clock())
            }
        }
        return APIResponse.json(json)
    }
}
