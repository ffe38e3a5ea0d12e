import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Foundation
import Hummingbird

/// `GET /api/settings` and `PUT /api/settings/{key}` (supervisor), as `fieldplan settings`
/// and `fieldplan settings set KEY VALUE`: the same validation and messages.
struct SettingsController {
    let store: BlockingStore
    let limits: ServerLimits

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/settings", use: show)
        routes.put("/settings/{key}", use: set)
        return routes
    }

    /// One object: key → value, numbers as numbers.
    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let settings = try await store.run { try $0.settings() }
        return APIResponse.json(Self.json(settings))
    }

    /// Body `{"value": "…"}` (a number may be given as a number); answers `{"key", "value"}`
    /// with the value as kept.
    @Sendable func set(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let key = try context.parameters.require("key")
        guard Settings.keys.contains(key) else {
            throw APIError.notFound("no setting \(QueryParameters.quoted(key)); expected one of \(Settings.keys.joined(separator: ", "))")
        }
        let body = try await request.body.collect(upTo: limits.jsonBytes)
        let text = String(buffer: body)
        let value: String
        do {
            guard case .object(let object) = try JSONParser.parse(text) else { throw APIError.badRequest("expected a JSON object {\"value\": …}") }
            switch object["value"] {
            case .string(let s): value = s
            case .number(let n): value = n
            default: throw APIError.badRequest("value: expected a string or a number", field: "value")
            }
        } catch let error as JSONParser.SyntaxError {
            throw APIError.badRequest("body: invalid JSON at column \(error.column): \(error.message)")
        }
        let kept = try await store.run { try $0.setSetting(key, to: value) }
        var w = JSONWriter()
        w.string("key", key)
        w.string("value", kept)
        return APIResponse.json(w.finish())
    }

    static func json(_ settings: Settings) -> String {
        var w = JSONWriter()
        for key in Settings.keys {
            let value = settings.value(of: key)!
            if Settings.numericKeys.contains(key) { w.raw(key, value) } else { w.string(key, value) }
        }
        return w.finish()
    }
}
