import Hummingbird

/// Marks the handling of a request whose method may write (`POST`, `PUT`, `PATCH`, `DELETE`),
/// so that its store calls wait in the `WriteQueue`. By method rather than route by route, so
/// a route added later queues its writes without having to remember to. Sits inside
/// `AuthMiddleware`: the token's lookup is a read and never queues.
struct WriteRequestMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        switch request.method {
        case .get, .head, .options:
            return try await next(request, context)
        default:
            return try await BlockingStore.$inWriteRequest.withValue(true) { try await next(request, context) }
        }
    }
}
