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
            return APIResponse.ndjson(list.map { c in
                var w = JSONWriter()
                w.string("kind", "clearance")
                w.string("account_id", c.accountID)
                w.string("client", c.client)
                w.string("debtor_name", c.debtorName)
                w.string("cleared_at", AgencyTimeText.full(c.clearedAt, clock))
                w.string("by", c.factID)
                w.string("state", c.state)
                w.string("confirmed_by", c.confirmedBy)
                return w.finish()
            })
        }
        return routes
    }
}
