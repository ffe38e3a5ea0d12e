import FieldPlanStore
import Hummingbird

/// `GET /api/packets/{date}/{agent}`: the agent's day packet, the lines of
/// `fieldplan sync export` (header, route, visits, debtors masked as on the sheet). An agent
/// may read only its own; a supervisor anyone's.
struct PacketsController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/packets/{date}/{agent}") { request, context in
            let user = try context.requireUser()
            let dateText = try context.parameters.require("date")
            let agent = try context.parameters.require("agent")
            if user.role == .agent && user.agentID != agent { throw APIError.forbidden }
            guard let date = CivilDateParameter.parse(dateText) else {
                throw APIError.badRequest("date: expected YYYY-MM-DD, got \(QueryParameters.quoted(dateText))", field: "date")
            }
            let lines = try await store.run { store -> [String] in
                do {
                    return try store.syncPacket(date: date, agent: agent)
                } catch let error as FieldPlanStore.SyncError {
                    throw APIError.notFound(error.message)
                }
            }
            return APIResponse.ndjson(lines)
        }
        return routes
    }
}
