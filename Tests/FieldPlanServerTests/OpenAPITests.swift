@testable import FieldPlanServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The OpenAPI document describes every route the router serves, and the answers fit it.
struct OpenAPITests {
    typealias F = ServerFixture

    static var document: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8))) as? [String: Any] ?? [:]
    }

    static func operation(_ method: String, _ path: String) -> [String: Any]? {
        ((document["paths"] as? [String: Any])?[path] as? [String: Any])?[method.lowercased()] as? [String: Any]
    }

    @Test func theDocumentIsOpenAPI31() {
        #expect(Self.document["openapi"] as? String == "3.1.0")
        #expect((Self.document["paths"] as? [String: Any])?.isEmpty == false)
    }

    /// Walks the router: a route missing from the document fails here, and so does a
    /// documented path the router does not serve.
    @Test func everyRouteIsDocumented() throws {
        let f = try ServerFixture()
        let router = buildRouter(store: f.store, logger: Logger(label: "test"))
        var served = Set<String>()
        for route in router.routes {
            let path = route.path.description
            // Issue 14: the web app's static files are not part of the API and not in its
            // document; they are only these, outside /api.
            if WebController.templates.contains(path) {
                #expect(!path.hasPrefix("/api"), "\(path): a web file under /api")
                continue
            }
            served.insert("\(route.method.rawValue.lowercased()) \(path)")
            let operation = Self.operation(route.method.rawValue, path)
            #expect(operation != nil, "\(route.method) \(path) is not in the OpenAPI document")
            #expect((operation?["responses"] as? [String: Any])?["200"] != nil, "\(route.method) \(path) documents no 200")
            // Every path parameter of the route is described.
            let parameters = ((operation?["parameters"] as? [[String: Any]]) ?? []).filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String }
            let captures = path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
            #expect(Set(parameters) == Set(captures), "\(route.method) \(path): path parameters")
        }
        var documented = Set<String>()
        for (path, item) in (Self.document["paths"] as? [String: Any]) ?? [:] {
            for method in ((item as? [String: Any]) ?? [:]).keys { documented.insert("\(method) \(path)") }
        }
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
    }

    /// A response given as a `$ref` into `components/responses`, as the response it names.
    static func resolved(_ response: [String: Any]) -> [String: Any] {
        guard let ref = response["$ref"] as? String else { return response }
        let name = ref.replacingOccurrences(of: "#/components/responses/", with: "")
        return ((document["components"] as? [String: Any])?["responses"] as? [String: Any])?[name] as? [String: Any] ?? [:]
    }

    /// The document's `$ref`s all resolve, into `components/schemas` and `components/responses`.
    @Test(arguments: ["schemas", "responses"])
    func everyReferenceResolves(section: String) {
        let text = OpenAPIDocument.json
        let names = Set(((Self.document["components"] as? [String: Any])?[section] as? [String: Any] ?? [:]).keys)
        #expect(!names.isEmpty, "no components/\(section)")
        var rest = text[...]
        while let range = rest.range(of: "#/components/\(section)/") {
            let name = rest[range.upperBound...].prefix { $0 != "\"" }
            #expect(names.contains(String(name)), "unresolved $ref \(name)")
            rest = rest[range.upperBound...]
        }
    }

    /// The errors every route shares are written once, in `components/responses`.
    @Test func sharedErrorsAreReferences() {
        for (path, item) in (Self.document["paths"] as? [String: Any]) ?? [:] {
            for (method, operation) in (item as? [String: Any]) ?? [:] {
                let responses = ((operation as? [String: Any])?["responses"] as? [String: Any]) ?? [:]
                for code in ["401", "503"] {
                    #expect((responses[code] as? [String: Any])?["$ref"] is String || path == "/healthz", "\(method) \(path) \(code)")
                }
            }
        }
    }

    /// Answers of several routes, good and bad, fit the schema their route documents.
    @Test func answersFitTheirSchemas() async throws {
        let f = try ServerFixture()
        try f.plan("2026-12-10")
        let validator = SchemaValidator(document: Self.document)
        var ndjson = F.bearer(f.supervisor)
        ndjson[.contentType] = "application/x-ndjson"
        var json = F.bearer(f.supervisor)
        json[.contentType] = "application/json"
        let requests: [(method: HTTPRequest.Method, template: String, uri: String, headers: HTTPFields, body: String?)] = [
            (.get, "/healthz", "/healthz", [:], nil),
            (.get, "/api/accounts", "/api/accounts?limit=2", F.bearer(f.supervisor), nil),
            (.get, "/api/accounts", "/api/accounts?limit=0", F.bearer(f.supervisor), nil),
            (.get, "/api/accounts", "/api/accounts", [:], nil),
            (.get, "/api/accounts/{id}", "/api/accounts/A1", F.bearer(f.supervisor), nil),
            (.get, "/api/accounts/{id}", "/api/accounts/A1", F.bearer(f.agentG1), nil),
            (.get, "/api/accounts/{id}", "/api/accounts/A2", F.bearer(f.agentG1), nil),
            (.get, "/api/agents", "/api/agents", F.bearer(f.supervisor), nil),
            (.get, "/api/settings", "/api/settings", F.bearer(f.supervisor), nil),
            (.put, "/api/settings/{key}", "/api/settings/min_gap_days", F.bearer(f.supervisor), #"{"value":"6"}"#),
            (.get, "/api/zones", "/api/zones", F.bearer(f.supervisor), nil),
            (.get, "/api/packets/{date}/{agent}", "/api/packets/2026-12-10/G1", F.bearer(f.agentG1), nil),
            (.get, "/api/packets/{date}/{agent}", "/api/packets/2026-12-10/G2", F.bearer(f.agentG1), nil),
            (.post, "/api/plans/{date}", "/api/plans/2026-12-10", json, #"{"seconds":0.3,"force":true}"#),
            (.post, "/api/plans/{date}", "/api/plans/2026-12-10", json, #"{"seconds":"x"}"#),
            (.post, "/api/plans/{date}", "/api/plans/2026-12-10", json, #"{"seconds":0.3,"from_time":"11:00"}"#),
            (.post, "/api/plans/week", "/api/plans/week", json, #"{"from":"2031-03-04","days":2,"seconds":0.3}"#),
            (.post, "/api/plans/week", "/api/plans/week", json, #"{"from":"2031-03-04"}"#),
            (.post, "/api/plans/week", "/api/plans/week", json, #"{"from":"2020-01-07","days":2}"#),
            (.get, "/api/plans/{date}", "/api/plans/2026-12-10", F.bearer(f.supervisor), nil),
            (.get, "/api/plans/{date}", "/api/plans/2026-12-10?agent=G1", F.bearer(f.agentG1), nil),
            (.get, "/api/plans/{date}", "/api/plans/2026-12-10?agent=G2", F.bearer(f.agentG1), nil),
            (.get, "/api/plans/{date}", "/api/plans/2026-12-10?version=9", F.bearer(f.supervisor), nil),
            (.get, "/api/sheets/{date}/{agent}", "/api/sheets/2026-12-10/G1?format=html", F.bearer(f.agentG1), nil),
            (.get, "/api/sheets/{date}/{agent}", "/api/sheets/2026-12-10/G1?format=text", F.bearer(f.supervisor), nil),
            (.get, "/api/sheets/{date}/{agent}", "/api/sheets/2026-12-10/G1?format=csv", F.bearer(f.supervisor), nil),
            (.get, "/api/sheets/{date}/{agent}", "/api/sheets/2026-12-11/G1", F.bearer(f.supervisor), nil),
            (.post, "/api/import", "/api/import", ndjson, #"{"kind":"account","id":"N1","client":"C","debtor_name":"N","balance":"x"}"#),
            (.post, "/api/sync", "/api/sync", ndjson, TokenMatrixTests.outcomeOfG1),
            (.get, "/api/export", "/api/export", F.bearer(f.supervisor), nil),
            (.get, "/api/audit", "/api/audit", F.bearer(f.supervisor), nil),
            (.get, "/api/review", "/api/review", F.bearer(f.supervisor), nil),
            (.get, "/api/clearances", "/api/clearances", F.bearer(f.supervisor), nil),
            (.get, "/api/reports/daily", "/api/reports/daily?date=2026-12-10", F.bearer(f.supervisor), nil),
            (.get, "/api/accounts", "/api/accounts?q=ach", F.bearer(f.supervisor), nil),
            (.post, "/api/zones/build", "/api/zones/build", json, #"{"zones":2,"dry_run":true}"#),
            (.post, "/api/zones/build", "/api/zones/build", json, #"{"zones":2,"dryrun":true}"#),
            (.post, "/api/zones/build", "/api/zones/build", json, #"{"agents":true,"seconds":1}"#),
            (.post, "/api/zones/assign-nearest", "/api/zones/assign-nearest", json, nil),
            (.put, "/api/zones/{id}/agent", "/api/zones/Z1/agent", json, #"{"agent_id":null}"#),
            (.put, "/api/zones/{id}/agent", "/api/zones/Z9/agent", json, #"{"agent_id":"G1"}"#),
            (.put, "/api/zones/{id}/name", "/api/zones/Z1/name", json, #"{"name":"North"}"#),
            (.put, "/api/zones/{id}/lock", "/api/zones/Z1/lock", json, #"{"locked":true}"#),
            (.get, "/api/plans", "/api/plans?from=2026-12-01&to=2026-12-31", F.bearer(f.supervisor), nil),
            (.get, "/api/plans", "/api/plans?from=2026-12-01", F.bearer(f.supervisor), nil),
            (.post, "/api/plans/{date}/edits", "/api/plans/2026-12-10/edits", json, #"{"op":"drop","account_id":"A1","reason":"paid","expected_version":2}"#),
            (.post, "/api/plans/{date}/edits", "/api/plans/2026-12-10/edits", json, #"{"op":"lock","agent_id":"G2"}"#),
            (.post, "/api/plans/{date}/edits", "/api/plans/2026-12-10/edits", json, #"{"op":"add","account_id":"A1","agent_id":"G1","expected_version":1}"#),
            (.post, "/api/plans/{date}/edits", "/api/plans/2026-12-10/edits", json, #"{"op":"move","account_id":"A2","agent_id":"G1"}"#),
            (.post, "/api/plans/{date}/edits", "/api/plans/2026-12-10/edits", json, #"{"op":"jump"}"#),
            (.get, "/api/plans/{date}/diff", "/api/plans/2026-12-10/diff?from=1", F.bearer(f.supervisor), nil),
            (.get, "/api/plans/{date}/diff", "/api/plans/2026-12-10/diff?from=9", F.bearer(f.supervisor), nil),
            (.post, "/api/review/{id}/resolve", "/api/review/nothing/resolve", json, #"{"note":"x"}"#),
            (.post, "/api/clearances/{account_id}/confirm", "/api/clearances/A1/confirm", json, nil),
            // Issue 14 (web app).
            (.get, "/api/zones/map", "/api/zones/map", F.bearer(f.supervisor), nil),
            (.get, "/api/zones/map", "/api/zones/map", F.bearer(f.agentG1), nil),
            (.get, "/api/me", "/api/me", F.bearer(f.agentG1), nil),
            (.get, "/api/me", "/api/me", F.bearer(f.supervisor), nil),
        ]
        try await f.app().test(.router) { client in
            for request in requests {
                let r = try await client.execute(uri: request.uri, method: request.method, headers: request.headers,
                                                 body: request.body.map { ByteBuffer(string: $0) })
                let responses = Self.operation(request.method.rawValue, request.template)?["responses"] as? [String: Any]
                guard let response = (responses?[String(r.status.code)] as? [String: Any]).map(Self.resolved) else {
                    Issue.record("\(request.uri): status \(r.status.code) is not documented")
                    continue
                }
                let type = String(r.headers[.contentType]?.split(separator: ";").first ?? "")
                guard let schema = ((response["content"] as? [String: Any])?[type] as? [String: Any])?["schema"] as? [String: Any] else {
                    Issue.record("\(request.uri): \(r.status.code) \(type) is not documented")
                    continue
                }
                let values: [Any] = type == "application/x-ndjson"
                    ? r.text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) }
                    : type == "application/json" ? [r.json as Any] : [r.text]
                #expect(!values.isEmpty || type == "application/x-ndjson", "\(request.uri): no JSON")
                for value in values {
                    let problems = validator.problems(value, schema)
                    #expect(problems.isEmpty, "\(request.uri) \(r.status.code): \(problems.prefix(5))")
                }
            }
        }
    }

    /// The validator itself catches a wrong answer, so the check above can fail.
    @Test func theValidatorRejectsWhatDoesNotFit() {
        let validator = SchemaValidator(document: Self.document)
        let schema: [String: Any] = ["$ref": "#/components/schemas/AccountPage"]
        #expect(!validator.problems(["accounts": [["id": "A1"]], "next": NSNull()], schema).isEmpty)
        #expect(!validator.problems(["accounts": [], "next": 3], schema).isEmpty)
        #expect(validator.problems(["accounts": [], "next": NSNull()], schema).isEmpty)
    }
}
