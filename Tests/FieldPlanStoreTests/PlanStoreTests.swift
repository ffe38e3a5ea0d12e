import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanRouting
import FieldPlanStore
import Foundation
import Testing

/// `FieldPlanStore+Planning` and `+PlanEdits`: stored plans read back exactly, what a
/// re-plan must keep, booked visits in the input, locks, and edits stored or refused whole.
struct PlanStoreTests {
    static let day = CivilDate("2026-11-24")!
    static let city = """
        {"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"},"max_visits":4,"break":{"from":"12:00","to":"14:00","minutes":30}}
        {"kind":"agent","id":"G2","name":"Wanjiku","base":{"lat":-1.31,"lon":36.81},"shift":{"start":"08:00","end":"17:00"},"max_visits":4}
        {"kind":"account","id":"A1","client":"C","debtor_name":"One","balance":80000,"lat":-1.301,"lon":36.801}
        {"kind":"account","id":"A2","client":"C","debtor_name":"Two","balance":70000,"lat":-1.302,"lon":36.802}
        {"kind":"account","id":"A3","client":"C","debtor_name":"Three","balance":60000,"lat":-1.303,"lon":36.803}
        {"kind":"account","id":"A4","client":"C","debtor_name":"Four","balance":50000,"lat":-1.309,"lon":36.809}
        {"kind":"account","id":"A5","client":"C","debtor_name":"Five","balance":40000,"lat":-1.308,"lon":36.808}
        {"kind":"account","id":"A6","client":"C","debtor_name":"Six","balance":30000,"lat":-1.307,"lon":36.807}
        {"kind":"appointment","id":"AP2","account_id":"A6","date":"2026-11-26","from":"09:00","to":"10:00"}
        """

    func prepared() throws -> (FieldPlanStore, TempFolder) {
        let folder = TempFolder()
        let store = try FieldPlanStore()
        _ = try store.importRecords([ImportInput(path: folder.write("city.ndjson", Self.city))])
        return (store, folder)
    }

    func planned(_ store: FieldPlanStore) throws -> DayPlan {
        let input = try store.planningInput(date: Self.day)
        let plan = try DayPlanner(limit: SearchLimit(seconds: nil, iterations: 60), seed: 1, threads: 1).plan(input)
        #expect(DayPlanChecker(input: input).violations(of: plan) == [])
        _ = try store.savePlan(plan, seed: 1)
        return plan
    }

    @Test func aStoredPlanReadsBackExactly() throws {
        let (store, _) = try prepared()
        let plan = try planned(store)
        let stored = try #require(try store.storedPlan(date: Self.day))
        #expect(stored.version == 1 && stored.madeBy == "plan")
        #expect(stored.plan.routes == plan.routes)
        #expect(stored.plan.unplanned.map(\.accountID) == plan.unplanned.map(\.accountID))
        #expect(try store.storedPlan(date: Self.day, version: 2) == nil)
    }

    @Test func bookedVisitsOfTheNextDaysAreInTheInput() throws {
        let (store, _) = try prepared()
        let input = try store.planningInput(date: Self.day)
        #expect(input.appointments.map(\.id) == ["AP2"])
        #expect(!CandidateSelector(input: input).select().candidates.contains { $0.account.id == "A6" })
        // Beyond min_gap_days the appointment does not hold the account back.
        #expect(try store.planningInput(date: CivilDate("2026-11-19")!).appointments.isEmpty)
    }

    @Test func whatAReplanKeeps() throws {
        let (store, folder) = try prepared()
        let plan = try planned(store)
        let g1 = plan.routes.first { $0.agentID == "G1" }!.stops.compactMap(\.accountID)
        _ = try store.importRecords([ImportInput(path: folder.write("o.ndjson", """
            {"kind":"outcome","id":"o1","account_id":"\(g1[0])","agent_id":"G1","visited_at":"2026-11-24T09:00:00+03:00","code":"NOT_HOME","contact":"none"}
            """))])
        var input = try store.planningInput(date: Self.day)
        #expect(input.visitedToday == [g1[0]])
        #expect(input.keptRoutes.map(\.agentID) == ["G1"])
        #expect(input.keptRoutes[0].accountIDs == [g1[0]] && !input.keptRoutes[0].locked)
        try store.setRouteLocked(date: Self.day, agent: "G2", true)
        input = try store.planningInput(date: Self.day)
        #expect(input.keptRoutes.map(\.agentID) == ["G1", "G2"])
        #expect(input.keptRoutes[1].locked && input.keptRoutes[1].route == plan.routes.first { $0.agentID == "G2" })
        #expect(try store.setRouteLocked(date: Self.day, agent: "G2", false))
        #expect(try store.planningInput(date: Self.day).keptRoutes.count == 1)
    }

    @Test func anEditIsStoredWholeOrNotAtAll() throws {
        let (store, _) = try prepared()
        let plan = try planned(store)
        let g1 = plan.routes.first { $0.agentID == "G1" }!.stops.compactMap(\.accountID)
        #expect(throws: PlanEditRefusal.self) { try store.editPlan(date: Self.day, .move(account: "A6", toAgent: "G1", position: nil)) }
        #expect(try store.planVersions(date: Self.day) == [1])
        let dropped = try store.editPlan(date: Self.day, .drop(account: g1[0], reason: "gate locked"))
        #expect(dropped.version == 2)
        // Counted as plan diff lists them: dropping the first stop reorders nothing.
        #expect(dropped.changes.removed == 1 && dropped.changes.reordered == 0 && dropped.changes.added == 0 && dropped.changes.movedAgent == 0)
        let stored = try #require(try store.storedPlan(date: Self.day))
        #expect(stored.madeBy == "plan drop \(g1[0]) --reason gate locked")
        #expect(!stored.plan.routes.contains { $0.stops.contains { $0.accountID == g1[0] } })
        #expect(stored.plan.routes == dropped.plan.routes)
        // Against a version that is no longer the latest, an edit is refused and stores nothing.
        #expect(throws: PlanStoreError.staleVersion(Self.day.description, 1, 2)) {
            try store.editPlan(date: Self.day, .drop(account: g1[1], reason: "late"), expectedVersion: 1)
        }
        #expect(try store.planVersions(date: Self.day) == [1, 2])
    }
}
