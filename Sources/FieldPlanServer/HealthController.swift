import Hummingbird

/// `GET /healthz`, without a token: the process answers and the store can be read.
struct HealthController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/healthz") { _, _ in
            _ = try await store.run { try $0.appliedMigrations().count }
            return APIResponse.json("{\"status\":\"ok\"}")
        }
        return routes
    }
}
