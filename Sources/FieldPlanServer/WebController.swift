import FieldPlanCore
import HTTPTypes
import Hummingbird

/// The web app (SPEC §8): the supervisor's desk at `/`, the agent's phone app at `/agent`,
/// their assets under `/app/`, and the service worker at `/sw.js` (at the root, so its scope
/// covers `/agent`). The files are compiled into the binary (`WebAssets`, made from
/// `Web/` by `scripts/embed-web`), so a copied binary serves them with no files beside it.
///
/// They hold no data, so they need no token. Every answer forbids scripts from anywhere but
/// this origin and inline scripts altogether (`Content-Security-Policy`), says what it is
/// (`nosniff`), and is revalidated each time by its ETag (`no-cache`): a `304` costs one
/// string comparison, and a new binary's files are taken at once.
struct WebController {
    /// What the pages may load: their own origin only. Inline `<style>` is allowed because the
    /// route sheets and reports, drawn by the server with their own style sheet, are shown
    /// in a frame of the page (a frame made from a blob inherits this policy); inline scripts
    /// never are.
    static let contentSecurityPolicy =
        "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'"

    /// Route path → asset file name.
    static let pages: [String: String] = ["/": "desk.html", "/agent": "agent.html", "/sw.js": "sw.js"]

    /// The templates this controller registers, for the tests' route walks.
    static let templates = ["/", "/agent", "/sw.js", "/app/{file}"]

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        for (path, file) in Self.pages {
            routes.get(RouterPath(path)) { request, _ in try Self.answer(file, request) }
        }
        routes.get("/app/{file}") { request, context in
            let file = try context.parameters.require("file")
            return try Self.answer(file, request)
        }
        return routes
    }

    /// One file with its headers, or `304` when the client's copy is current.
    static func answer(_ file: String, _ request: Request) throws -> Response {
        guard let asset = WebAsset.all[file] else { throw APIError.notFound("no such file: /app/\(file)") }
        var headers: HTTPFields = [
            .contentType: asset.contentType,
            .cacheControl: "no-cache",
            .eTag: asset.etag,
            .contentSecurityPolicy: contentSecurityPolicy,
            HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
        ]
        if file == "sw.js" { headers[HTTPField.Name("Service-Worker-Allowed")!] = "/" }
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == asset.etag }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: asset.text)))
    }
}
