import FieldPlanStore
import Hummingbird

/// Checks the bearer token of every `/api` request (SPEC §8) and puts its user in the
/// context. No header, a header that is not `Bearer fpt_…`, an unknown or a revoked token:
/// `401` with `WWW-Authenticate: Bearer`. What the user's role may do is each route's to
/// check (`403`). A shaped token costs one SHA-256 and one indexed read.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let store: BlockingStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized("no bearer token") }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized("the Authorization header is not Bearer TOKEN") }
        guard let token = AccessToken(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw APIError.unauthorized("malformed token")
        }
        let hash = token.hash
        guard let found = try await store.run({ try $0.user(tokenHash: hash) }),
              AccessToken.constantTimeEqual(found.tokenHash, hash) else {
            throw APIError.unauthorized("unknown token")
        }
        guard !found.user.isRevoked else { throw APIError.unauthorized("revoked token") }
        var context = context
        context.user = found.user
        context.identity.userName = found.user.name
        return try await next(request, context)
    }
}
