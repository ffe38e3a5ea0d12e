import FieldPlanApp
import FieldPlanCore
import FieldPlanRendering
import Testing

/// `FieldPlanApp+Sheets`: the route sheet's view model from the stored plan, what it hides,
/// and the sheets of a whole day.
struct SheetUseCaseTests {
    let day = AppFixture.day

    @Test func aSheetFollowsTheStoredRouteAndHidesWhatTheAgentMayNotSee() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let route = try #require(made.plan.routes.first { $0.visitCount > 0 })
        let sheet = try f.app.routeSheet(date: day, agent: route.agentID)
        #expect(sheet.agentID == route.agentID && sheet.planVersion == 1)
        #expect(sheet.stops.compactMap(\.accountID) == route.stops.compactMap(\.accountID))
        #expect(sheet.stops.filter { !$0.isBreak }.map(\.number) == Array(1...route.visitCount).map { Optional($0) })
        // Priority visits need no call: the phone is masked; the national id is nowhere.
        for stop in sheet.stops where !stop.isBreak {
            #expect(stop.reason == "priority")
            #expect(stop.phone.map { $0.contains("•") && !$0.contains("000") } ?? true)
        }
        for text in [RouteSheetRenderer.html(sheet), RouteSheetRenderer.text(sheet), RouteSheetRenderer.csv(sheet)] {
            #expect(!text.contains("NID-SECRET"))
        }
    }

    @Test func missingAgentsAndPlansAreNotFound() throws {
        let f = try AppFixture()
        #expect(appError { _ = try f.app.routeSheet(date: day, agent: "G9") } == .notFound("no agent \"G9\" in the store"))
        #expect(appError { _ = try f.app.routeSheet(date: day, agent: "G1") }
                == .notFound("no plan for G1 on 2026-11-24; run fieldplan plan --date 2026-11-24"))
        #expect(appError { _ = try f.app.routeSheets(date: day) } == .notFound("no plan for 2026-11-24; run fieldplan plan --date 2026-11-24"))
    }

    @Test func theDaysSheetsAreThoseOfTheAgentsWithARoute() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let sheets = try f.app.routeSheets(date: day)
        #expect(sheets.map(\.agentID) == made.plan.routes.map(\.agentID).sorted())
        for sheet in sheets { #expect(sheet == (try f.app.routeSheet(date: day, agent: sheet.agentID))) }
    }
}
