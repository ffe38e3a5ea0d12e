import Hummingbird

/// `GET /api/openapi.json`: the OpenAPI 3.1 document of every route (`OpenAPIDocument`).
/// Any user with a valid token may read it; it holds no data.
struct OpenAPIController {
    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/openapi.json") { _, context in
            _ = try context.requireUser()
            return APIResponse.json(OpenAPIDocument.json)
        }
        return routes
    }
}
