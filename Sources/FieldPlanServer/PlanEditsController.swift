import FieldPlanApp
import FieldPlanCore
import FieldPlanPlanning
import Hummingbird

/// `POST /api/plans/{date}/edits` (supervisor): one edit of the day's latest plan, as
/// `fieldplan plan move`, `plan drop`, `plan add`, `plan lock` and `plan unlock` do it.
struct PlanEditsController {
    let store: BlockingStore
    let limits: ServerLimits

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("/plans/{date}/edits", use: edit)
        return routes
    }

    static let fields = ["op", "account_id", "agent_id", "position", "reason", "expected_version"]

    /// The members each op takes besides `op` and `expected_version`; the required ones first.
    static let opFields: [String: (required: [String], optional: [String])] = [
        "move": (["account_id", "agent_id"], ["position"]),
        "add": (["account_id", "agent_id"], ["position"]),
        "drop": (["account_id", "reason"], []),
        "lock": (["agent_id"], []),
        "unlock": (["agent_id"], []),
    ]

    /// Body `{"op": "move"|"drop"|"add"|"lock"|"unlock", …, "expected_version": N}`. An edit
    /// answers the new version with the routes it changed; a lock or unlock the agent's route
    /// as it now is. A stale `expected_version` is `409` with `current_version`; an edit a rule
    /// refuses is `422` with the rule's message; nothing is stored either way.
    @Sendable func edit(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let date = try PlansController.date(context)
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: Self.fields)
        let change = try Self.change(body)
        let expected = try body.int("expected_version", in: 1...Int(Int32.max))
        let app = store.app
        let json = try await store.run { _ in
            do {
                switch change {
                case .edit(let edit): return try app.editPlan(date: date, edit, expectedVersion: expected).json
                case .lock(let agent, let locked): return try app.lockRoute(date: date, agent: agent, locked: locked, expectedVersion: expected).json
                }
            } catch AppError.conflict(let message) {
                var error = APIError(.conflict, message)
                error.currentVersion = try app.planDays(from: date, to: date).items.first?.version
                throw error
            } catch let error as AppError {
                throw APIError(error)
            }
        }
        return APIResponse.json(json)
    }

    enum Change: Sendable {
        case edit(PlanEdit)
        case lock(agent: String, locked: Bool)
    }

    /// The edit the body names, each member checked against its op.
    static func change(_ body: JSONBody) throws -> Change {
        let op = try body.requireString("op")
        guard let shape = opFields[op] else {
            throw APIError.badRequest("op: expected move, drop, add, lock or unlock, got \(QueryParameters.quoted(op))", field: "op")
        }
        let takes = shape.required + shape.optional
        for (key, _) in body.object.members where key != "op" && key != "expected_version" && !takes.contains(key) {
            throw APIError.badRequest("\(key): not a field of op \(op); it takes \(JSONBody.list(takes + ["expected_version"]))", field: key)
        }
        for key in shape.required where !body.has(key) { throw APIError.badRequest("\(key): required for op \(op)", field: key) }
        let account = try body.string("account_id") ?? ""
        let agent = try body.string("agent_id") ?? ""
        let position = try body.int("position", in: 1...10_000)
        switch op {
        case "move": return .edit(.move(account: account, toAgent: agent, position: position))
        case "add": return .edit(.add(account: account, agent: agent, position: position))
        case "drop":
            let reason = try body.requireString("reason").trimmingSpaces
            guard !reason.isEmpty else { throw APIError.badRequest("reason: say why the stop is dropped", field: "reason") }
            return .edit(.drop(account: account, reason: reason))
        default:
            return .lock(agent: agent, locked: op == "lock")
        }
    }
}
