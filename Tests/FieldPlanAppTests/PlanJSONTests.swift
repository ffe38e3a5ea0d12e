import FieldPlanApp
import FieldPlanCore
import Foundation
import Testing

/// The JSON forms of plans (`PlanJSON`, `PlanReading.json`, `PlanDayResult.json`,
/// `PlanComparison.json`) that both edges print.
struct PlanJSONTests {
    let day = AppFixture.day

    func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func aStoredPlanReadsAsTheDayItWasMade() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let agent = try #require(made.plan.routes.first?.agentID)
        try f.app.setRouteLocked(date: day, agent: agent, true)
        let shown = try object(f.app.plan(date: day).json)
        #expect(shown["date"] as? String == "2026-11-24" && shown["version"] as? Int == 1 && shown["made_by"] as? String == "plan")
        #expect((shown["created_at"] as? String)?.hasSuffix("+03:00") == true)
        let routes = try #require(shown["routes"] as? [[String: Any]])
        #expect(routes.map { $0["agent_id"] as? String } == made.plan.routes.map(\.agentID))
        #expect(routes.map { $0["locked"] as? Bool } == made.plan.routes.map { $0.agentID == agent })
        let stops = try #require(routes.first?["stops"] as? [[String: Any]])
        #expect(stops.compactMap { $0["account_id"] as? String } == made.plan.routes[0].stops.compactMap(\.accountID))
        #expect(shown["visits"] as? Int == made.plan.visitCount)
    }

    @Test func aPlanRunSaysWhatChanged() throws {
        let f = try AppFixture()
        _ = try f.plan()
        let again = try f.plan(iterations: 30)
        let json = try object(again.json)
        #expect(json["version"] as? Int == 2 && json["kept_stops"] as? Int == 0)
        let changes = try #require(json["changes"] as? [String: Int])
        #expect(changes == ["added": again.changes.added, "removed": again.changes.removed,
                            "moved_agent": again.changes.movedAgent, "reordered": again.changes.reordered])
        #expect((json["routes"] as? [[String: Any]])?.allSatisfy { $0["stops"] == nil } == true)
    }

    @Test func aDiffListsTheDroppedStop() throws {
        let f = try AppFixture()
        let made = try f.plan()
        let account = try #require(made.plan.routes.first { $0.visitCount > 0 }?.stops.compactMap(\.accountID).first)
        _ = try f.app.editPlan(date: day, .drop(account: account, reason: "gate locked"))
        let diff = try object(f.app.planDiff(date: day, from: 1).json)
        #expect(diff["from_version"] as? Int == 1 && diff["to_version"] as? Int == 2)
        #expect((diff["dropped"] as? [[String: Any]])?.map { $0["account_id"] as? String } == [account])
        #expect((diff["added"] as? [Any])?.isEmpty == true)
    }
}
