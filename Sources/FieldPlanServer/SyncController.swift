import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Hummingbird

/// `POST /api/sync`: outcomes and payments (`application/x-ndjson`), merged exactly once
/// as `fieldplan sync import` merges a file (SPEC §6): the same rules, the same summary.
/// `now=` sets the import's clock as the command's `--now` does.
///
/// An agent may post only outcomes with its own `agent_id` (SPEC §8): any other line (a
/// payment, another agent's outcome, a line longer than the screen reads) is rejected with
/// its line number, as a bad line of a sync file is, and the rest are kept. Those refusals
/// are the service's, made before the import, so they are in the answer but not in
/// `fieldplan rejects`.
struct SyncController {
    let store: BlockingStore
    let limits: ServerLimits
    static let sourceName = "sync"

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("/sync", use: sync)
        return routes
    }

    @Sendable func sync(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let nowText = QueryParameters(request).string("now")
        _ = try BodyFormat.of(request, allowed: [.ndjson])
        let screen: BodySpool.Screen? = user.role == .agent ? Self.agentScreen(user.agentID ?? "") : nil
        let spool = try await BodySpool.spool(request.body, contentLength: request.headers[.contentLength].flatMap { Int($0) },
                                              limit: limits.syncBytes, ending: "ndjson", maxLineBytes: limits.agentLineBytes, screen: screen)
        defer { spool.remove() }
        let input = ImportInput(path: spool.path, displayName: Self.sourceName, format: .ndjson)
        var clock: Int64?
        if let nowText {
            clock = try await store.run(write: false) { store in
                guard let epoch = try store.clock().epochSeconds(parsing: nowText) else {
                    throw APIError.badRequest("now: expected an ISO 8601 instant like 2026-12-01T20:00:00+03:00, or a local 2026-12-01T20:00, got \(QueryParameters.quoted(nowText))", field: "now")
                }
                return epoch
            }
        }
        // Stored with the other syncs waiting for the store at this moment, if any (SyncCombiner).
        let (summary, rejects) = try await store.syncs.sync(SyncGroupMember(inputs: [input], now: clock), store: store)
        return APIResponse.json(SummaryJSON.syncSummary(summary, refused: spool.refused.count, rejects: rejects + spool.refused))
    }

    /// Keeps an agent's own outcome lines; refuses payments and other agents' outcomes. A line
    /// that is not a JSON object is kept for the import to reject with its own message.
    static func agentScreen(_ agent: String) -> BodySpool.Screen {
        { bytes in
            guard !bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return nil }
            let value = try? bytes.withUnsafeBufferPointer { try JSONParser.parse($0) }
            guard case .object(let object)? = value else { return nil }
            guard case .string(let kind)? = object["kind"], kind == "outcome" else {
                return FieldError("kind", "an agent may post only outcomes")
            }
            guard case .string(let owner)? = object["agent_id"], owner == agent else {
                return FieldError("agent_id", "an agent may post only outcomes with its own agent_id (\(agent))")
            }
            return nil
        }
    }
}
