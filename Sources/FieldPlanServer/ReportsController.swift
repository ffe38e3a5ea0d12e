import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanReports
import Foundation
import Hummingbird

/// `GET /api/reports/daily?date=`, `/monthly?month=`, `/range?from=&to=` (supervisor), each
/// with `by=agent|zone|client`, `format=json|csv|text|html` and `now=` as the command's
/// options, through the one report use case (`FieldPlanApp.report`).
struct ReportsController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/reports/daily") { request, context in
            try await report(request, context) { query in .day(try query.requireDate("date")) }
        }
        routes.get("/reports/monthly") { request, context in
            try await report(request, context) { query in
                guard let text = query.string("month") else { throw APIError.badRequest("month: required (YYYY-MM)", field: "month") }
                guard let period = ReportPeriod(month: text) else {
                    throw APIError.badRequest("month: expected YYYY-MM, got \(QueryParameters.quoted(text))", field: "month")
                }
                return period
            }
        }
        routes.get("/reports/range") { request, context in
            try await report(request, context) { query in .range(from: try query.requireDate("from"), to: try query.requireDate("to")) }
        }
        return routes
    }

    private func report(_ request: Request, _ context: APIRequestContext, period: (QueryParameters) throws -> ReportPeriod) async throws -> Response {
        try context.requireSupervisor()
        let query = QueryParameters(request)
        let period = try period(query)
        let byText = try query.choice("by", ["agent", "zone", "client"], default: "agent")
        guard let grouping = ReportGrouping(rawValue: byText) else { throw APIError.badRequest("by: unknown grouping", field: "by") }
        let format = try query.choice("format", ["json", "csv", "text", "html"], default: "json")
        let nowEpoch = try query.instant("now")?.epochSeconds ?? Int64(Date().timeIntervalSince1970)
        let app = store.app
        let (report, settings) = try await store.run { store -> (Report, Settings) in
            do {
                return (try app.report(period, by: grouping, nowEpoch: nowEpoch), try store.settings())
            } catch let error as AppError {
                throw APIError(error)
            }
        }
        let renderer = ReportRenderer(agencyName: settings.agencyName, currency: settings.currency, timeZone: settings.timeZone)
        switch format {
        case "csv": return APIResponse.body(ReportEncoder.csv(report), type: "text/csv; charset=utf-8")
        case "text": return APIResponse.body(renderer.text(report), type: "text/plain; charset=utf-8")
        case "html": return APIResponse.body(renderer.html(report), type: "text/html; charset=utf-8")
        default: return APIResponse.json(ReportEncoder.json(report))
        }
    }
}
