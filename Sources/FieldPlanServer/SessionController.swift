import FieldPlanInterchange
import Hummingbird

/// `GET /api/me` (any user): who the token belongs to, `{name, role, agent_id}`, so the web
/// app can tell a supervisor from an agent and find an agent's own packet without asking
/// the person to type their agent id. It shows nothing the holder of the token does not
/// already know, and never the token or its hash.
struct SessionController {
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/me") { _, context in
            let user = try context.requireUser()
            var w = JSONWriter()
            w.string("name", user.name)
            w.string("role", user.role.rawValue)
            w.raw("agent_id", user.agentID.map(JSONWriter.quoted) ?? "null")
            return APIResponse.json(w.finish())
        }
        return routes
    }
}
