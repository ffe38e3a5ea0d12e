import FieldPlanApp
import FieldPlanCore
import Hummingbird

/// `POST /api/plans/week` (supervisor): plans consecutive days in one optimisation, as
/// `fieldplan plan --from D --days N --format json`, and stores each day as its next version.
/// The body `{"from": "YYYY-MM-DD", "days": N, "seconds": S, "agents": [ids]}` needs `from`
/// and `days`; the search is capped at `FieldPlanApp.servicePlanSecondsCap` for the whole
/// horizon (the default 10 s a day is cut to it, more is `400`), and runs on the store's pool
/// with the long time cap, so it holds no event loop. Registered before `/plans/{date}`; the
/// router prefers the fixed segment to the parameter either way.
struct WeekPlansController {
    let store: BlockingStore
    let limits: ServerLimits

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("/plans/week", use: run)
        return routes
    }

    @Sendable func run(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: ["from", "days", "seconds", "agents"])
        let chosen = try Self.request(body)
        let app = store.app
        let json = try await store.run(long: true) { _ in
            try PlansController.mapped { try app.planDays(chosen).json }
        }
        return APIResponse.json(json)
    }

    /// The body as the use case's request, each member checked (`400` naming it).
    static func request(_ body: JSONBody) throws -> PlanDaysRequest {
        let text = try body.requireString("from")
        guard let from = CivilDateParameter.parse(text) else {
            throw APIError.badRequest("from: expected YYYY-MM-DD, got \(QueryParameters.quoted(text))", field: "from")
        }
        guard let days = try body.int("days", in: 1...PlanDaysRequest.maxDays) else { throw APIError.badRequest("days: required", field: "days") }
        var request = PlanDaysRequest(from: from, days: days, seconds: try body.double("seconds"))
        if let agents = body.object["agents"] { request.onlyAgents = try PlansController.ids(agents, field: "agents") }
        request.maxSeconds = FieldPlanApp.servicePlanSecondsCap
        return request
    }
}
