import FieldPlanInterchange
import Hummingbird

/// A request the service refuses (SPEC §8): `{"error": "…", "line"?: N, "field"?: "…",
/// "current_version"?: N}` with a 4xx status, or 503 when the service could not answer in
/// time. Never a stack trace.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var message: String
    public var line: Int?
    public var field: String?
    /// A plan edit made against an older version (`409`): the day's latest version, so the
    /// client can reload it and try again.
    public var currentVersion: Int?
    public var headers: HTTPFields

    public init(_ status: HTTPResponse.Status, _ message: String, line: Int? = nil, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.line = line
        self.field = field
        self.headers = headers
    }

    static func badRequest(_ message: String, field: String? = nil) -> APIError { APIError(.badRequest, message, field: field) }
    static func notFound(_ message: String) -> APIError { APIError(.notFound, message) }
    static let forbidden = APIError(.forbidden, "this token's role may not do that")

    /// `401` with the challenge SPEC §8 asks for.
    static func unauthorized(_ message: String) -> APIError {
        APIError(.unauthorized, message, headers: [.wwwAuthenticate: "Bearer realm=\"fieldplan\""])
    }

    var json: String {
        var w = JSONWriter()
        w.string("error", message)
        w.int("line", line)
        w.string("field", field)
        w.int("current_version", currentVersion)
        return w.finish()
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: json + "\n")))
    }
}
