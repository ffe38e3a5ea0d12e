import FieldPlanApp
import Hummingbird

/// `GET /api/packets/{date}/{agent}`: the agent's day packet, the lines of
/// `fieldplan sync export` (header, route, visits, debtors masked as on the sheet), through
/// the one use case (`FieldPlanApp.packet`). An agent may read only its own; a supervisor
/// anyone's.
struct PacketsController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/packets/{date}/{agent}") { request, context in
            let user = try context.requireUser()
            let agent = try context.parameters.require("agent")
            if user.role == .agent && user.agentID != agent { throw APIError.forbidden }
            let date = try PlansController.date(context)
            let app = store.app
            let lines = try await store.run { _ in
                try PlansController.mapped { try app.packet(date: date, agent: agent) }
            }
            return APIResponse.ndjson(lines)
        }
        return routes
    }
}
