import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Testing

/// `promises` and `callbacks` read what falls due: the shown promise state, the filters,
/// the totals, and the day's appointments and call-backs with their agent.
@Suite struct DueListTests {
    static let facts = [
        // A1 kept: paid in full before its date.
        #"{"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-12-01T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":500,"date":"2026-12-05"}}"#,
        #"{"kind":"payment","id":"p1","account_id":"A1","amount":500,"paid_at":"2026-12-04T09:00:00+03:00"}"#,
        // A2 pending on 2026-12-10, due 2026-12-12.
        #"{"kind":"outcome","id":"o2","account_id":"A2","agent_id":"G2","visited_at":"2026-12-09T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":300,"date":"2026-12-12"}}"#,
        // A3 broken but more than half paid: partial.
        #"{"kind":"outcome","id":"o3","account_id":"A3","agent_id":"G1","visited_at":"2026-12-02T10:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":800,"date":"2026-12-08"}}"#,
        #"{"kind":"payment","id":"p3","account_id":"A3","amount":600,"paid_at":"2026-12-07T06:00:00+00:00"}"#,
        // A4 broken: nothing paid.
        #"{"kind":"outcome","id":"o4","account_id":"A4","agent_id":"G1","visited_at":"2026-12-02T11:00:00+03:00","code":"PTP","contact":"debtor","promise":{"amount":400,"date":"2026-12-08"}}"#,
        // A5 asked to be called back on 2026-12-11.
        #"{"kind":"outcome","id":"o5","account_id":"A5","agent_id":"G2","visited_at":"2026-12-09T15:00:00+03:00","code":"CALLBACK","contact":"third_party","notes":"ask for the wife","next_visit":{"date":"2026-12-11","from":"10:00","to":"12:00"}}"#,
    ]

    func fixture() throws -> SyncFixture {
        var f = try SyncFixture(accounts: 6)
        let result = try f.sync(Self.facts)
        #expect(result.errors.isEmpty, "\(result.errors)")
        let path = f.folder.write("appointments.ndjson",
                                  #"{"kind":"appointment","id":"AP1","account_id":"A6","date":"2026-12-11","from":"08:30","to":"09:30","agent_id":"G2"}"#)
        _ = try f.store.importRecords([ImportInput(path: path, displayName: "appointments.ndjson")], now: f.now)
        return f
    }

    @Test func everyPromiseWithItsShownState() throws {
        let f = try fixture()
        let all = try f.store.promises(.init(), now: f.now)
        #expect(all.items.map(\.accountID) == ["A1", "A3", "A4", "A2"], "by due date, then account")
        #expect(all.items.map(\.state) == ["kept", "partial", "broken", "pending"])
        #expect(all.items.first { $0.accountID == "A3" }?.paid == Money(minorUnits: 60_000))
        #expect(all.items.first { $0.accountID == "A2" }?.takenBy == "G2")
        #expect(all.items.allSatisfy { $0.agentID == "G1" && $0.zoneID == "Z1" })
        #expect(all.totals == [PromiseList.Total(currency: "KES", count: 4, amount: Money(minorUnits: 200_000), paid: Money(minorUnits: 110_000))])
        #expect(all.countsByState.map(\.state) == ["pending", "kept", "partial", "broken"])
    }

    @Test func filtersByDateStateAndAgent() throws {
        let f = try fixture()
        let due = CivilDate("2026-12-08")!
        #expect(try f.store.promises(.init(from: due, to: due), now: f.now).items.map(\.accountID) == ["A3", "A4"])
        #expect(try f.store.promises(.init(from: CivilDate("2026-12-06")!, to: CivilDate("2026-12-31")!, state: "broken"), now: f.now)
            .items.map(\.accountID) == ["A4"])
        #expect(try f.store.promises(.init(state: "partial"), now: f.now).items.map(\.accountID) == ["A3"])
        #expect(try f.store.promises(.init(agentID: "G2"), now: f.now).items.isEmpty, "G2 has no zone")
        #expect(try f.store.promises(.init(agentID: "G1"), now: f.now).items.count == 4)
    }

    /// A promise stored as pending shows as broken once its date has passed, before any
    /// import replays the account.
    @Test func aPendingPromisePastItsDateShowsBroken() throws {
        let f = try fixture()
        let later = f.now + 86_400 * 5
        let a2 = try f.store.promises(.init(state: "broken"), now: later).items.map(\.accountID)
        #expect(a2 == ["A4", "A2"])
        #expect(PromiseState.shown(stored: "pending", partial: false, due: "2026-12-12", paid: 150, amount: 300, today: CivilDate("2026-12-13")!) == "partial")
        #expect(PromiseState.shown(stored: "pending", partial: false, due: "2026-12-12", paid: 0, amount: 300, today: CivilDate("2026-12-12")!) == "pending")
    }

    @Test func callbacksAndAppointmentsOfTheDay() throws {
        let f = try fixture()
        let list = try f.store.callbacks(date: CivilDate("2026-12-11")!)
        #expect(list.items.map(\.accountID) == ["A6", "A5"], "by time")
        #expect(list.items.map(\.kind) == ["appointment", "callback"])
        #expect(list.callbackCount == 1 && list.appointmentCount == 1)
        let callback = list.items[1]
        #expect(callback.from == "10:00" && callback.to == "12:00" && callback.notes == "ask for the wife")
        #expect(callback.agentID == "G1", "the zone's agent when the appointment names none")
        #expect(list.items[0].agentID == "G2", "the appointment's own agent")
        #expect(list.planVersion == nil && callback.planned == nil)
        #expect(try f.store.callbacks(date: CivilDate("2026-12-12")!).items.isEmpty)
    }

    @Test func todayIsTheAgencysDate() throws {
        let f = try fixture()
        // 22:30 UTC on 2026-12-10 is already 2026-12-11 in Nairobi.
        let lateEvening = Instant("2026-12-10T22:30:00+00:00")!.epochSeconds
        #expect(try f.store.agencyToday(now: lateEvening) == CivilDate("2026-12-11")!)
    }
}
