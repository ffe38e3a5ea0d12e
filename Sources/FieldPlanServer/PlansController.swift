import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import Hummingbird

/// `POST /api/plans/{date}` (supervisor): plans the day as `fieldplan plan --date D` and
/// answers what `plan --format json` prints; `GET /api/plans/{date}?version=&agent=`: a stored
/// version as `plan show --format json` (a supervisor any, an agent only its own route);
/// `GET /api/plans?from=&to=` (supervisor): the planned days of a range, for a calendar;
/// `GET /api/plans/{date}/diff?from=&to=` (supervisor): `plan diff --format json`.
struct PlansController {
    let store: BlockingStore
    let limits: ServerLimits
    /// The answers of `show` while nothing has been committed since.
    var readings = PlanReadCache()

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.post("/plans/{date}", use: run)
        routes.get("/plans/{date}", use: show)
        routes.get("/plans", use: days)
        routes.get("/plans/{date}/diff", use: diff)
        return routes
    }

    /// The body is optional: `{"seconds": S, "agents": [ids], "absent": [ids], "force": bool,
    /// "from_time": "HH:MM"}` (`from_time` re-plans the rest of a started day, as
    /// `plan --from-time`).
    /// `seconds` is capped at `FieldPlanApp.servicePlanSecondsCap` (more is `400`); the search
    /// runs on the store's pool with the long time cap, so it holds no event loop.
    @Sendable func run(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let date = try Self.date(context)
        let body = try await request.body.collect(upTo: limits.jsonBytes)
        var planRequest = try Self.planRequest(date: date, body: String(buffer: body))
        planRequest.maxSeconds = FieldPlanApp.servicePlanSecondsCap
        let chosen = planRequest
        let app = store.app
        let json = try await store.run(long: true) { _ in
            try Self.mapped { try app.planDay(chosen).json }
        }
        return APIResponse.json(json)
    }

    @Sendable func show(_ request: Request, context: APIRequestContext) async throws -> Response {
        let user = try context.requireUser()
        let date = try Self.date(context)
        let query = QueryParameters(request)
        let agent = query.string("agent")
        if user.role == .agent, agent == nil || agent != user.agentID { throw APIError.forbidden }
        let version = try query.int("version", in: 1...Int(Int32.max))
        let key = PlanReadCache.Key(date: date, version: version, agent: agent)
        if let at = context.changeVersion, let answer = readings.answer(key, at: at) { return APIResponse.json(encoded: answer) }
        let app = store.app
        let answer = try await store.run { _ in
            try Self.mapped { ByteBuffer(string: try app.plan(date: date, version: version, agent: agent).json + "\n") }
        }
        if let at = context.changeVersion { readings.keep(answer, for: key, at: at) }
        return APIResponse.json(encoded: answer)
    }

    /// NDJSON, one line per planned day from `from` to `to` (both needed, at most a year):
    /// `{date, version, created_at, made_by, visits, agents, locked}` of its latest version,
    /// written as the store's cursor reads the days (`LinePump`).
    @Sendable func days(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let query = QueryParameters(request)
        let from = try query.requireDate("from"), to = try query.requireDate("to")
        let app = store.app
        let lines = try await store.run { _ in try Self.mapped { try app.planDayLines(from: from, to: to) } }
        return APIResponse.ndjson(streaming: lines)
    }

    /// `from=V` (needed) and `to=W` (default the latest): what changed, stop by stop.
    @Sendable func diff(_ request: Request, context: APIRequestContext) async throws -> Response {
        try context.requireSupervisor()
        let date = try Self.date(context)
        let query = QueryParameters(request)
        guard let from = try query.int("from", in: 1...Int(Int32.max)) else {
            throw APIError.badRequest("from: required (the older version)", field: "from")
        }
        let to = try query.int("to", in: 1...Int(Int32.max))
        let app = store.app
        let json = try await store.run { _ in try Self.mapped { try app.planDiff(date: date, from: from, to: to).json } }
        return APIResponse.json(json)
    }

    static func date(_ context: APIRequestContext) throws -> CivilDate {
        let text = try context.parameters.require("date")
        guard let date = CivilDateParameter.parse(text) else {
            throw APIError.badRequest("date: expected YYYY-MM-DD, got \(QueryParameters.quoted(text))", field: "date")
        }
        return date
    }

    /// A use case's refusal as its status (`APIError(AppError)`).
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as AppError { throw APIError(error) }
    }

    /// The body's options; an empty body plans every working agent with the default search.
    static func planRequest(date: CivilDate, body: String) throws -> PlanDayRequest {
        var request = PlanDayRequest(date: date, madeBy: nil)
        guard !body.allSatisfy({ $0.isWhitespace }) else { return request }
        let object: JSONObject
        do {
            guard case .object(let o) = try JSONParser.parse(body) else {
                throw APIError.badRequest("expected a JSON object {\"seconds\", \"agents\", \"absent\", \"force\", \"from_time\"}")
            }
            object = o
        } catch let error as JSONParser.SyntaxError {
            throw APIError.badRequest("body: invalid JSON at column \(error.column): \(error.message)")
        }
        for (key, value) in object.members {
            switch key {
            case "seconds":
                guard case .number(let text) = value, let seconds = Double(text) else {
                    throw APIError.badRequest("seconds: expected a number, got \(value.brief)", field: "seconds")
                }
                request.seconds = seconds
            case "agents": request.onlyAgents = try ids(value, field: key)
            case "absent": request.absent = try ids(value, field: key)
            case "force":
                guard case .bool(let force) = value else { throw APIError.badRequest("force: expected true or false, got \(value.brief)", field: "force") }
                request.force = force
            case "from_time":
                guard case .string(let text) = value, let t = LocalTime(text), t.minutes < 24 * 60 else {
                    throw APIError.badRequest("from_time: expected a time of the day \"HH:MM\" (00:00-23:59), got \(value.brief)", field: "from_time")
                }
                request.fromTime = t
            default:
                throw APIError.badRequest("\(QueryParameters.quoted(key)): unknown field; expected seconds, agents, absent, force or from_time", field: key)
            }
        }
        return request
    }

    static func ids(_ value: JSONValue, field: String) throws -> Set<String> {
        guard case .array(let items) = value else { throw APIError.badRequest("\(field): expected an array of agent ids, got \(value.brief)", field: field) }
        return Set(try items.map { item in
            guard case .string(let id) = item else { throw APIError.badRequest("\(field): expected agent ids as strings, got \(item.brief)", field: field) }
            return id
        })
    }
}
