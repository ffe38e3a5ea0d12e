import FieldPlanApp
import FieldPlanCore
@testable import FieldPlanServer
import FieldPlanStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Issue 16 through the service: `POST /api/plans/week` (the week plan) and `from_time` on
/// `POST /api/plans/{date}` (the re-plan of a started day), through the router (no socket).
struct WeekPlanRouteTests {
    typealias F = ServerFixture

    /// Far enough ahead that it is never before the agency's today.
    static let from = "2031-03-04"

    @Test func aSupervisorPlansTwoDaysAndEachIsStored() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/week", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                             body: ByteBuffer(string: #"{"from":"\#(Self.from)","days":2,"seconds":0.4}"#))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.object["from"] as? String == Self.from)
            #expect(r.object["days"] as? Int == 2)
            let plans = r.object["plans"] as? [[String: Any]]
            #expect(plans?.compactMap { $0["date"] as? String } == [Self.from, "2031-03-05"])
            #expect(r.object["max_visits_per_agent_day"] is Int)
        }
        for day in [Self.from, "2031-03-05"] {
            let stored = try #require(try f.store.storedPlan(date: CivilDate(day)!, version: nil))
            #expect(stored.version == 1 && stored.madeBy == "plan --from \(Self.from) --days 2")
        }
    }

    @Test(arguments: [
        (#"{"days":2}"#, "from"), (#"{"from":"2031-3-4","days":2}"#, "from"), (#"{"from":"2031-03-04"}"#, "days"),
        (#"{"from":"2031-03-04","days":0}"#, "days"), (#"{"from":"2031-03-04","days":15}"#, "days"),
        (#"{"from":"2031-03-04","days":2,"seconds":"x"}"#, "seconds"), (#"{"from":"2031-03-04","days":2,"agents":"G1"}"#, "agents"),
        (#"{"from":"2031-03-04","days":2,"force":true}"#, "force"), (#"{"from":"2031-03-04","days":2,"seconds":31}"#, nil as String?),
        ("", nil), (#"[1]"#, nil),
    ])
    func badWeekBodiesAre400(body: String, field: String?) async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/week", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                             body: ByteBuffer(string: body))
            #expect(r.status == .badRequest, "\(body): \(r.status) \(r.text)")
            #expect(r.object["error"] is String)
            if let field { #expect(r.object["field"] as? String == field, "\(body)") }
        }
        #expect(try f.store.storedPlan(date: CivilDate(Self.from)!, version: nil) == nil)
    }

    @Test func aWeekStartingInThePastIs422() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/week", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                             body: ByteBuffer(string: #"{"from":"2020-01-07","days":2,"seconds":0.2}"#))
            #expect(r.status == .unprocessableContent, "\(r.text)")
            #expect((r.object["error"] as? String)?.contains("in the past") == true)
        }
    }

    @Test func agentsMayNotPlanAWeek() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let r = try await client.execute(uri: "/api/plans/week", method: .post, headers: PlanRouteTests.json(f.agentG1),
                                             body: ByteBuffer(string: #"{"from":"\#(Self.from)","days":2}"#))
            #expect(r.status == .forbidden)
        }
        #expect(try f.store.storedPlan(date: CivilDate(Self.from)!, version: nil) == nil)
    }

    /// `from_time` re-plans the rest of the day as `plan --from-time`: the next version, made
    /// by the re-plan; a day without a plan is refused, a bad time is 400 naming the field.
    @Test func fromTimeReplansTheRestOfTheDay() async throws {
        let f = try ServerFixture()
        try await f.app().test(.router) { client in
            let none = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                                body: ByteBuffer(string: #"{"from_time":"11:00","seconds":0.3}"#))
            #expect(none.status == .unprocessableContent, "\(none.text)")
            #expect((none.object["error"] as? String)?.contains("no plan yet") == true)
            try f.plan("2026-12-10")
            let r = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                             body: ByteBuffer(string: #"{"from_time":"11:00","absent":["G2"],"seconds":0.3}"#))
            #expect(r.status == .ok, "\(r.text)")
            #expect(r.object["version"] as? Int == 2)
            for bad in [#"{"from_time":"25:00"}"#, #"{"from_time":1100}"#, #"{"from_time":"11h"}"#] {
                let b = try await client.execute(uri: "/api/plans/2026-12-10", method: .post, headers: PlanRouteTests.json(f.supervisor),
                                                 body: ByteBuffer(string: bad))
                #expect(b.status == .badRequest, "\(bad)")
                #expect(b.object["field"] as? String == "from_time", "\(bad)")
            }
        }
        let stored = try #require(try f.store.storedPlan(date: CivilDate("2026-12-10")!, version: nil))
        #expect(stored.version == 2 && stored.madeBy == "plan --from-time 11:00")
    }
}
