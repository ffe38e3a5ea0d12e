import FieldPlanInterchange
import Hummingbird

/// `GET /api/agents` (supervisor): the agent lines of `fieldplan agents list --format json`.
struct AgentsController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/agents") { _, context in
            try context.requireSupervisor()
            let agents = try await store.run { try $0.agents() }
            return APIResponse.ndjson(agents.map(RecordEncoder.agent))
        }
        return routes
    }
}
