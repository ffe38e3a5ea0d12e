import FieldPlanApp
import FieldPlanRendering
import Hummingbird

/// `GET /api/sheets/{date}/{agent}?format=html|text|csv`: the agent's route sheet as
/// `fieldplan sheet --date D --agent A` draws it, masked as it masks it. An agent may read
/// only its own; a supervisor anyone's.
struct SheetsController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/sheets/{date}/{agent}", use: show)
        return routes
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let agent = try context.parameters.require("agent")
        if user.role == .agent && user.agentID != agent { throw APIError.forbidden }
        let date = try PlansController.date(context)
        let format = try QueryParameters(request).choice("format", ["html", "text", "csv"], default: "html")
        let app = store.app
        let sheet = try await store.run { _ in
            try PlansController.mapped { try app.routeSheet(date: date, agent: agent) }
        }
        switch format {
        case "text": return APIResponse.body(RouteSheetRenderer.text(sheet), type: "text/plain; charset=utf-8")
        case "csv": return APIResponse.body(RouteSheetRenderer.csv(sheet), type: "text/csv; charset=utf-8")
        default: return APIResponse.body(RouteSheetRenderer.html(sheet), type: "text/html; charset=utf-8")
        }
    }
}
