import Foundation
import Hummingbird
import Logging

/// One log line per request (issue 13): request id, method, path, status and milliseconds.
/// Never the query string (a filter may carry a debtor's name), never a header (the token),
/// never a body. Paths hold only ids and dates.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            log(request, context, status: status, since: start)
            return response
        } catch {
            // ErrorMiddleware answers every error; this is only the framework's own.
            let code = (error as? any HTTPResponseError)?.status.code ?? 500
            log(request, context, status: code, since: start)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let ms = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        logger.info("request", metadata: [
            "id": "\(context.id)",
            "method": "\(request.method.rawValue)",
            "path": "\(Self.safePath(request.uri.path))",
            "status": "\(status)",
            "ms": "\(Self.tenths(ms))",
            "user": "\(context.identity.userName ?? "-")",
        ])
    }

    /// `ms` with one decimal, without Foundation's formatter (a measurable share of a read).
    static func tenths(_ ms: Double) -> String {
        let tenths = Int((ms * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// The path as sent, cut at 200 characters so a hostile one cannot flood the log.
    static func safePath(_ path: String) -> String {
        path.count > 200 ? String(path.prefix(200)) + "…" : path
    }
}
