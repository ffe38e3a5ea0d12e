import FieldPlanStore
import Hummingbird

/// Checks the bearer token of every `/api` request (SPEC §8) and puts its user in the
/// context. No header, a header that is not `Bearer fpt_…`, an unknown or a revoked token:
/// `401` with `WWW-Authenticate: Bearer`. What the user's role may do is each route's to
/// check (`403`). A shaped token costs one SHA-256 and, unless `cache` knows it and nothing
/// has been committed to the store since (`TokenCache`, `StoreChanges`), one indexed read on the
/// store's pool; a revocation is a commit, so it takes effect at the next request.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let store: BlockingStore
    /// The store's change counter; nil (a store in memory, or a file it could not open a
    /// connection to) looks every token up.
    var changes: StoreChanges? = nil
    var cache = TokenCache()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized("no bearer token") }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized("the Authorization header is not Bearer TOKEN") }
        guard let token = AccessToken(parts[1].trimmingCharacters(in: .whitespaces)) else {
            throw APIError.unauthorized("malformed token")
        }
        let hash = token.hash
        // Read before the lookup: a commit after this read (a revocation) changes the counter,
        // so what the lookup finds is never kept past it.
        let version = try? changes?.version()
        let user: StoredUser
        if let version, let known = cache.user(hash, at: version) {
            user = known
        } else {
            guard let found = try await store.run({ try $0.user(tokenHash: hash) }),
                  AccessToken.constantTimeEqual(found.tokenHash, hash) else {
                throw APIError.unauthorized("unknown token")
            }
            guard !found.user.isRevoked else { throw APIError.unauthorized("revoked token") }
            if let version { cache.keep(found.user, for: hash, at: version) }
            user = found.user
        }
        var context = context
        context.user = user
        context.changeVersion = version
        context.identity.userName = user.name
        return try await next(request, context)
    }
}
