import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Hummingbird

/// `GET /api/accounts` and `GET /api/accounts/{id}` (SPEC §8).
struct AccountsController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/accounts", use: list)
        routes.get("/accounts/{id}", use: show)
        return routes
    }

    /// A page of accounts in id order (supervisor): `{"accounts": [account lines without
    /// national_id], "next": "ID" | null}`; pass `next` as `after` for the following page.
    /// `q` is a search box: an id that starts with it, or a name or phone that holds it.
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let query = QueryParameters(request)
        var filter = FieldPlanStore.AccountFilter(unlocatedOnly: try query.bool("unlocated"), client: query.string("client"),
                                                  search: query.string("q"))
        if let status = query.string("status") {
            guard let s = AccountStatus(rawValue: status) else {
                throw APIError.badRequest("status: unknown status \(QueryParameters.quoted(status))", field: "status")
            }
            filter.status = s
        }
        let limit = try query.int("limit", in: 1...FieldPlanStore.maximumAccountPage) ?? 100
        let zone = query.string("zone"), after = query.string("after")
        let chosen = filter
        let app = store.app
        let page = try await store.run { _ in try app.accountPage(chosen, zone: zone, after: after, limit: limit) }
        return APIResponse.json(page.json)
    }

    /// One account with its history and audit. An agent sees only an account of its zone or
    /// on its plan today, masked as its sheet shows it; any other is `403` whether or not it
    /// exists, so an agent cannot probe for ids.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let id = try context.parameters.require("id")
        let found = try await store.run { store -> (detail: AccountDetail, stopToday: AccountDetail.PlannedVisitEntry?)? in
            guard let detail = try store.accountDetail(id: id) else { return nil }
            let today = try store.agencyToday().description
            return (detail, detail.plannedVisits.first { $0.date == today && $0.agentID == user.agentID })
        }
        switch user.role {
        case .supervisor:
            guard let found else { throw APIError.notFound("no account \(QueryParameters.quoted(id))") }
            return APIResponse.json(found.detail.json)
        case .agent:
            guard let found, let own = user.agentID, found.detail.agentID == own || found.stopToday != nil else {
                throw APIError.forbidden
            }
            return APIResponse.json(found.detail.json(forAgentStop: .some(found.stopToday?.reason)))
        }
    }
}
