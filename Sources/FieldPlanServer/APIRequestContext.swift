import FieldPlanStore
import Hummingbird
import Logging

/// The context every request carries: Hummingbird's own, and the user its token names once
/// `AuthMiddleware` has checked it.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var user: StoredUser?
    /// The store's change counter as `AuthMiddleware` read it before looking at the store for
    /// this request (nil without a counter): the answer caches' key (`PlanReadCache`).
    var changeVersion: Int?
    /// One per request, shared by its context's copies (see `RequestIdentity`).
    let identity = RequestIdentity()

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies are read by the routes themselves, each with its own limit (`ServerLimits`).
    public var maxUploadSize: Int { 64 << 10 }

    /// The user; `AuthMiddleware` has run on every `/api` route.
    func requireUser() throws -> StoredUser {
        guard let user else { throw APIError.unauthorized("no bearer token") }
        return user
    }

    /// A supervisor, else `403`.
    func requireSupervisor() throws {
        guard try requireUser().role == .supervisor else { throw APIError.forbidden }
    }
}
