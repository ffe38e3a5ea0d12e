import FieldPlanApp
import FieldPlanInterchange
import FieldPlanZoning
import Hummingbird

/// The zone routes that change the store (supervisor), each through the zones use cases as
/// `fieldplan zones build`, `zones assign`, `zones rename`, `zones lock` and `zones unlock`
/// call them: `POST /api/zones/build`, `POST /api/zones/assign-nearest`,
/// `PUT /api/zones/{id}/agent`, `PUT /api/zones/{id}/name` and `PUT /api/zones/{id}/lock`.
struct ZoneChangesController {
    let store: BlockingStore
    let limits: ServerLimits

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("/zones/build", use: build)
        routes.post("/zones/assign-nearest", use: assignNearest)
        routes.put("/zones/{id}/agent", use: assign)
        routes.put("/zones/{id}/name", use: rename)
        routes.put("/zones/{id}/lock", use: lock)
        return routes
    }

    static let buildFields = ["zones", "agents", "fresh", "tolerance", "seconds", "balance", "seed", "dry_run"]

    /// Body `{zones, agents, fresh, tolerance, seconds, balance, seed, dry_run}` as the
    /// options of `zones build`; `seconds` is capped as a plan's is and, when absent, the
    /// search stops at the cap. With `dry_run: true` nothing is stored. The search runs on
    /// the store's pool with the long time cap.
    @Sendable func build(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: Self.buildFields, optional: true)
        let chosen = try Self.buildRequest(body)
        let app = store.app
        let json = try await store.run(long: true) { _ in try PlansController.mapped { try app.buildZones(chosen).json } }
        return APIResponse.json(json)
    }

    static func buildRequest(_ body: JSONBody) throws -> ZoneBuildRequest {
        var request = ZoneBuildRequest(maxSeconds: FieldPlanApp.servicePlanSecondsCap)
        request.zones = try body.int("zones", in: 1...10_000)
        request.agents = try body.bool("agents") ?? false
        request.fresh = try body.bool("fresh") ?? false
        request.tolerance = try body.double("tolerance") ?? request.tolerance
        request.seconds = try body.double("seconds")
        if let balance = try body.string("balance") {
            guard let b = ZoningOptions.Balance(rawValue: balance) else {
                throw APIError.badRequest("balance: expected workload or accounts, got \(QueryParameters.quoted(balance))", field: "balance")
            }
            request.balance = b
        }
        if let seed = try body.int("seed", in: 0...Int.max) { request.seed = UInt64(seed) }
        request.dryRun = try body.bool("dry_run") ?? false
        return request
    }

    /// As `zones assign --nearest`: `{assignment: [{agent_id, zone_id, km}], unassigned,
    /// zones: [each zone as it now is]}`. No body.
    @Sendable func assignNearest(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        _ = try await JSONBody.read(request, limit: limits.jsonBytes, fields: [], optional: true)
        let app = store.app
        let json = try await store.run { _ in
            try PlansController.mapped {
                let result = try app.assignZonesToNearestAgents()
                return result.json(zones: try app.store.zones())
            }
        }
        return APIResponse.json(json)
    }

    /// Body `{"agent_id": "AG01"}`, or `null` for no agent; answers the zone as it now is.
    @Sendable func assign(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: ["agent_id"])
        guard body.has("agent_id") else { throw APIError.badRequest("agent_id: required (an agent id, or null for none)", field: "agent_id") }
        let agent = try body.string("agent_id", nullable: true)
        return try await changed(id) { app in try app.assignZone(id, to: agent) }
    }

    /// Body `{"name": "…"}`, trimmed; an empty name clears it. Answers the zone as it now is.
    @Sendable func rename(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: ["name"])
        let name = try body.requireString("name")
        return try await changed(id) { app in _ = try app.renameZone(id, to: name) }
    }

    /// Body `{"locked": true|false}`; answers the zone as it now is.
    @Sendable func lock(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let id = try context.parameters.require("id")
        let body = try await JSONBody.read(request, limit: limits.jsonBytes, fields: ["locked"])
        let locked = try body.requireBool("locked")
        return try await changed(id) { app in try app.setZoneLocked(id, locked) }
    }

    /// Runs one zone change, then answers the zone as it now is (one pool call, two store calls).
    func changed(_ id: String, _ change: @escaping @Sendable (FieldPlanApp) throws -> Void) async throws -> Response {
        let app = store.app
        let json = try await store.run { _ in
            try PlansController.mapped {
                try change(app)
                return try app.zone(id).json
            }
        }
        return APIResponse.json(json)
    }
}
