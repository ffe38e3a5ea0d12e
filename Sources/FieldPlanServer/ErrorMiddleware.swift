import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Hummingbird
import Logging

/// Turns every error a route throws into the JSON error of SPEC §8. Hummingbird's own
/// errors (404, 405, 413 from a body over its limit) keep their status; the store's and
/// the interchange's refusals are `400` naming the field and line; anything unexpected is
/// a `500` whose body says only that, while the log keeps the cause.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            return try Self.apiError(error, logger: context.logger).response(from: request, context: context)
        }
    }

    static func apiError(_ error: any Error, logger: Logger) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as HTTPError:
            return APIError(error.status, error.body ?? error.status.reasonPhrase.lowercased(), headers: error.headers)
        case let error as any HTTPResponseError:
            return APIError(error.status, error.status.reasonPhrase.lowercased())
        case let error as LineError:
            return APIError(.badRequest, error.description, line: error.line, field: error.error.field.isEmpty ? nil : error.error.field)
        case let error as FieldError:
            return APIError(.badRequest, error.description, field: error.field.isEmpty ? nil : error.field)
        case let error as UserStoreError:
            return APIError(.badRequest, error.description)
        case let error as ZoneStoreError:
            return APIError(.badRequest, error.description)
        case let error as SettingsError:
            return APIError(.badRequest, "settings: \(error)", field: error.key)
        case let error as StoreEngineError:
            return APIError(.unprocessableContent, error.description)
        case let error as ImportError:
            return APIError(.badRequest, error.message)
        case is CancellationError:
            return APIError(.serviceUnavailable, "the request was cancelled", headers: [.retryAfter: "5"])
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(describing: type(of: error)))"])
            return APIError(.internalServerError, "internal error")
        }
    }
}
