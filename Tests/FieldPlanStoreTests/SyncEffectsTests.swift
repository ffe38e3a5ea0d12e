import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import GRDB
import Testing

/// SPEC §3's outcome table and §6's sync rules, one fact pattern at a time.
struct SyncEffectsTests {
    typealias F = SyncFixture

    @Test func ptpOpensAPromiseAndPaymentsKeepIt() throws {
        var f = try SyncFixture()
        try f.sync([F.ptp("o1", at: "2026-12-01T10:00:00+03:00", amount: "400", due: "2026-12-12")])
        #expect(try f.account("A1").status == .ptp)
        #expect(try f.promises("A1").map(\.state) == ["pending"])
        try f.sync([F.payment("p1", amount: "250", at: "2026-12-03T09:00:00+03:00"),
                    F.payment("p2", amount: "150", at: "2026-12-08T18:00:00+03:00")])
        #expect(try f.promises("A1").map(\.state) == ["kept"])
        #expect(try f.account("A1").status == .open)
        #expect(try f.account("A1").balance == Money(minorUnits: 600_00))
    }

    @Test func promisesPastTheirDateBreakPartlyOrWholly() throws {
        var f = try SyncFixture()
        try f.sync([F.ptp("o1", "A1", at: "2026-12-01T10:00:00+03:00", amount: "400", due: "2026-12-05"),
                    F.payment("p1", "A1", amount: "200", at: "2026-12-04T09:00:00+03:00"),
                    F.ptp("o2", "A2", at: "2026-12-01T11:00:00+03:00", amount: "400", due: "2026-12-05"),
                    F.payment("p2", "A2", amount: "100", at: "2026-12-04T09:00:00+03:00"),
                    // Paid, but after the date: the promise is still broken.
                    F.payment("p3", "A2", amount: "300", at: "2026-12-06T09:00:00+03:00")])
        #expect(try f.promises("A1").map { "\($0.state) \($0.partial)" } == ["broken true"])
        #expect(try f.promises("A2").map { "\($0.state) \($0.partial)" } == ["broken false"])
        #expect(try f.account("A1").status == .open)
    }

    @Test func aPendingPromiseBreaksWhenItsDayPassesWithoutNewFacts() throws {
        var f = try SyncFixture()
        try f.sync([F.ptp("o1", at: "2026-12-09T10:00:00+03:00", amount: "400", due: "2026-12-11")])
        #expect(try f.promises("A1").map(\.state) == ["pending"])
        // Two days later, an import about another account sweeps the due promises.
        try f.sync([F.outcome("o2", "A2", at: "2026-12-12T10:00:00+03:00", "NOT_HOME")], now: f.now + 3 * 86_400)
        #expect(try f.promises("A1").map(\.state) == ["broken"])
        #expect(try f.account("A1").status == .open)
    }

    @Test func aNewPromiseCancelsTheRunningOne() throws {
        var f = try SyncFixture()
        try f.sync([F.ptp("o1", at: "2026-12-01T10:00:00+03:00", amount: "400", due: "2026-12-20"),
                    F.ptp("o2", at: "2026-12-04T10:00:00+03:00", amount: "300", due: "2026-12-22")])
        #expect(try f.promises("A1").map(\.state) == ["cancelled", "pending"])
        #expect(try f.account("A1").status == .ptp)
    }

    @Test func collectionsLowerTheBalanceAndZeroStartsAClearance() throws {
        var f = try SyncFixture()
        try f.sync([F.collected("o1", at: "2026-12-01T10:00:00+03:00", amount: "300", receipt: "R1")])
        #expect(try f.account("A1").balance == Money(minorUnits: 700_00))
        #expect(try f.store.clearances().isEmpty)
        try f.sync([F.collected("o2", at: "2026-12-02T10:00:00+03:00", "PAID", amount: "700", receipt: "R2")])
        #expect(try f.account("A1").balance == .zero)
        #expect(try f.account("A1").status == .paid)
        let c = try f.store.clearances()
        #expect(c.map(\.accountID) == ["A1"] && c.first?.factID == "o2" && c.first?.state == "pending")
        #expect(try f.store.confirmClearance(account: "A1", by: "accounts"))
        #expect(try f.account("A1").status == .closed)
        #expect(try f.store.clearances(state: "confirmed").count == 1)
    }

    @Test func aPostedPaymentWithTheCollectionsReceiptCountsOnce() throws {
        var f = try SyncFixture()
        try f.sync([F.collected("o1", at: "2026-12-01T10:00:00+03:00", amount: "300", receipt: "R-77"),
                    F.payment("p1", amount: "300", at: "2026-12-02T10:00:00+03:00", reference: "R-77")])
        #expect(try f.account("A1").balance == Money(minorUnits: 700_00))
    }

    @Test func paidShortAndOverpaidAreFlagged() throws {
        var f = try SyncFixture()
        try f.sync([F.collected("o1", "A1", at: "2026-12-01T10:00:00+03:00", "PAID", amount: "900"),
                    F.collected("o2", "A2", at: "2026-12-01T11:00:00+03:00", "PAID", amount: "1200")])
        #expect(try f.flag("o1") == "PAID but 100 remains")
        #expect(try f.flag("o2") == "collected 200 more than the balance")
        #expect(try f.account("A2").balance == .zero)
    }

    @Test(arguments: [("DISPUTE", AccountStatus.disputed), ("DECEASED", .deceased), ("LEGAL", .legalHold), ("DO_NOT_RETURN", .doNotVisit)])
    func statusCodes(code: String, status: AccountStatus) throws {
        var f = try SyncFixture()
        try f.sync([F.outcome("o1", at: "2026-12-01T10:00:00+03:00", code, extra: #","notes":"n""#)])
        #expect(try f.account("A1").status == status)
    }

    @Test func holdsFollowTheLatestOutcome() throws {
        var f = try SyncFixture()
        try f.sync([F.outcome("o1", "A1", at: "2026-12-01T10:00:00+03:00", "HARDSHIP"),
                    F.outcome("o2", "A2", at: "2026-12-01T10:00:00+03:00", "CLAIMS_PAID", extra: #","notes":"paid at branch""#),
                    F.outcome("o3", "A3", at: "2026-12-01T10:00:00+03:00", "CLAIMS_PAID", extra: #","notes":"paid at branch""#),
                    F.payment("p3", "A3", amount: "10", at: "2026-12-02T10:00:00+03:00")])
        #expect(try f.holdUntil("A1") == "2026-12-31")
        #expect(try f.holdUntil("A2") == "2026-12-15")
        #expect(try f.holdUntil("A3") == nil)
    }

    @Test func callbackBecomesAnAppointmentUntilALaterVisit() throws {
        var f = try SyncFixture()
        try f.sync([F.outcome("o1", at: "2026-12-01T10:00:00+03:00", "CALLBACK", extra: #","next_visit":{"date":"2026-12-04","from":"14:00","to":"16:00"}"#)])
        var appointments: [String] = []
        try f.store.export(kinds: [.appointment]) { appointments.append($0) }
        #expect(appointments == [#"{"kind":"appointment","id":"callback-o1","account_id":"A1","date":"2026-12-04","from":"14:00","to":"16:00"}"#])
        try f.sync([F.outcome("o2", at: "2026-12-04T14:30:00+03:00", "NOT_HOME")])
        appointments = []
        try f.store.export(kinds: [.appointment]) { appointments.append($0) }
        #expect(appointments.isEmpty)
    }

    @Test func movedClearsTheLocationUntilTheDebtorIsMetThereOrTheClientSendsANewOne() throws {
        var f = try SyncFixture()
        try f.sync([F.outcome("o1", at: "2026-12-01T10:00:00+03:00", "MOVED")])
        #expect(try f.account("A1").location == nil)
        try f.sync([F.outcome("o2", at: "2026-12-05T10:00:00+03:00", "REFUSED", extra: #","contact":"debtor""#)])
        #expect(try f.account("A1").location != nil)
        try f.sync([F.outcome("o3", at: "2026-12-06T10:00:00+03:00", "WRONG_ADDRESS")])
        #expect(try f.account("A1").location == nil)
        let refresh = f.folder.write("refresh.ndjson", #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Debtor 1","balance":1000,"phone":"+254711000101","national_id":"NID1","lat":-1.25,"lon":36.85,"zone_id":"Z1"}"#)
        _ = try f.store.importRecords([ImportInput(path: refresh)], now: f.now)
        #expect(try f.account("A1").location == Coordinate(lat: -1.25, lon: 36.85))
    }

    @Test func theLatestVisitWinsEvenWhenItArrivesFirst() throws {
        var f = try SyncFixture()
        try f.sync([F.ptp("late", at: "2026-12-05T10:00:00+03:00", amount: "100", due: "2026-12-20")])
        // An older DISPUTE arrives afterwards: it does not override the newer promise.
        try f.sync([F.outcome("old", at: "2026-12-01T10:00:00+03:00", "DISPUTE", extra: #","notes":"n""#)])
        #expect(try f.account("A1").status == .ptp)
        #expect(try f.promises("A1").map(\.state) == ["pending"])
    }

    @Test func visitsThatContradictTheStoreAreKeptAndFlagged() throws {
        var f = try SyncFixture()
        try f.sync([F.collected("pay", "A1", at: "2026-12-01T09:00:00+03:00", "PAID", amount: "1000"),
                    F.outcome("after-paid", "A1", at: "2026-12-02T10:00:00+03:00", "NOT_HOME"),
                    F.outcome("other-agent", "A2", agent: "G2", at: "2026-12-02T10:00:00+03:00", "NOT_HOME"),
                    F.outcome("first", "A3", at: "2026-12-03T09:00:00+03:00", "NOT_HOME"),
                    F.outcome("second", "A3", agent: "G2", at: "2026-12-03T15:00:00+03:00", "REFUSED")])
        #expect(try f.flag("after-paid") == "account was paid before this visit")
        #expect(try f.flag("other-agent") == "reassigned: the account's zone belongs to G1")
        #expect(try f.flag("first") == nil)
        #expect(try f.flag("second")?.contains("visited by G1 the same day") == true)
        let review = try f.store.reviewItems()
        #expect(review.map(\.id) == ["after-paid", "other-agent", "second"])
        #expect(try f.store.resolveReview("second", note: "agreed with G2"))
        #expect(try !f.store.resolveReview("second", note: nil))
        #expect(try f.store.reviewItems().count == 2)
    }

    @Test func exactlyOnceDuplicatesAndConflicts() throws {
        var f = try SyncFixture()
        let line = F.collected("o1", at: "2026-12-01T10:00:00+03:00", amount: "300")
        let (first, _) = try f.sync([line, line])
        #expect(first.total.accepted == 1 && first.total.unchanged == 1)
        let (again, _) = try f.sync([line])
        #expect(again.total.unchanged == 1 && again.total.accepted == 0)
        #expect(try f.account("A1").balance == Money(minorUnits: 700_00))
        let (conflict, errors) = try f.sync([F.collected("o1", at: "2026-12-01T10:00:00+03:00", amount: "500")], name: "device.ndjson")
        #expect(conflict.conflicts == 1 && conflict.total.rejected == 1)
        #expect(errors.first?.hasPrefix("device.ndjson:1: id: conflict") == true)
        #expect(try f.account("A1").balance == Money(minorUnits: 700_00))
        let review = try f.store.reviewItems()
        #expect(review.count == 1 && review[0].kind == "conflict" && review[0].accountID == "A1" && review[0].line == 1)
        #expect(try f.store.resolveReview(review[0].id, note: "device clock"))
        #expect(try f.store.reviewItems().isEmpty)
    }

    /// Bad lines of every kind: each named by file, line and field, nothing else lost.
    @Test func badLinesAreRejectedWithTheirFieldAndGoodOnesKept() throws {
        var f = try SyncFixture()
        let lines = [
            F.outcome("u1", "NOPE", at: "2026-12-01T10:00:00+03:00", "NOT_HOME"),                        // unknown account
            F.outcome("u2", agent: "G9", at: "2026-12-01T10:00:00+03:00", "NOT_HOME"),                   // unknown agent
            F.outcome("u3", at: "2026-12-01T10:00:00+03:00", "PTP"),                                     // code without its data
            F.outcome("u4", at: "2026-12-01T10:00:00+03:00", "CALLBACK"),
            F.outcome("u5", at: "2026-12-01T10:00:00+03:00", "DISPUTE"),
            F.outcome("u6", at: "2026-12-24T10:00:00+03:00", "NOT_HOME"),                                // future
            F.ptp("u7", at: "2026-12-05T10:00:00+03:00", amount: "100", due: "2026-12-01"),              // promise before the visit
            F.collected("u8", at: "2026-12-01T10:00:00+03:00", amount: "-5"),                             // negative
            F.collected("u9", at: "2026-12-01T10:00:00+03:00", amount: "10001"),                          // absurd: > 10 × balance
            F.payment("u10", amount: "0", at: "2026-12-01T10:00:00+03:00"),
            F.payment("u11", amount: "50000", at: "2026-12-01T10:00:00+03:00"),
            F.ptp("u12", at: "2026-12-05T10:00:00+03:00", amount: "1000000", due: "2026-12-20"),
            #"{"kind":"account","id":"A9","client":"C","debtor_name":"x","balance":1}"#,                 // not a sync kind
            #"{"kind":"outcome","id":"u13","account_id":"A1","agent_id":"G1","visited_at":"yesterday","code":"NOT_HOME"}"#,
            #"{"kind":"outcome","id":"u14","account_id":"A1","agent_id":"G1","visited_at":"2026-12-01T10:00:00+03:00","code":"GONE"}"#,
            #"{"kind":"outcome","id":"u15""#,
            F.outcome("ok", at: "2026-12-01T10:00:00+03:00", "NOT_HOME"),
        ]
        let (s, errors) = try f.sync(lines, name: "bad.ndjson")
        #expect(s.total.accepted == 1)
        #expect(s.total.rejected == lines.count - 1)
        #expect(errors.allSatisfy { $0.hasPrefix("bad.ndjson:") })
        #expect(errors.contains(#"bad.ndjson:1: account_id: no account "NOPE" in this input or the store"#))
        #expect(errors.contains { $0.hasPrefix("bad.ndjson:9: collected.amount: 10001 is more than 10 times") })
        #expect(errors.contains { $0.hasPrefix("bad.ndjson:13: kind: a sync file takes outcomes and payments only") })
        #expect(try f.store.rejectedLines().count == lines.count - 1)
        #expect(try f.account("A1").balance == Money(minorUnits: 1000_00))
        // Facts are stored in account order at a flush, yet refusals come in input order.
        let numbers = errors.map { Int($0.split(separator: ":")[1])! }
        #expect(numbers == Array(1...lines.count).filter { $0 != lines.count })
    }

    /// Facts are stored in account order, but input order decides between two lines with
    /// one id: the first is stored and the second is the conflict, whichever account sorts
    /// first.
    @Test func theFirstLineOfAnIdWinsWhateverTheAccountOrder() throws {
        var f = try SyncFixture(accounts: 3)
        let (s, errors) = try f.sync([
            F.outcome("x", "A3", at: "2026-12-01T10:00:00+03:00", "NOT_HOME"),
            F.outcome("y", "A2", at: "2026-12-01T11:00:00+03:00", "NOT_HOME"),
            F.outcome("x", "A1", at: "2026-12-01T10:00:00+03:00", "NOT_HOME"),
            F.outcome("y", "A2", at: "2026-12-01T11:00:00+03:00", "NOT_HOME"),
        ], name: "two.ndjson")
        #expect(s.total.accepted == 2 && s.total.unchanged == 1 && s.conflicts == 1)
        #expect(errors.count == 1 && errors[0].hasPrefix("two.ndjson:3: id: conflict"))
        let account = try f.store.writer.read { db in try String.fetchOne(db, sql: "SELECT account_id FROM outcome WHERE id = 'x'") }
        #expect(account == "A3")
    }

    /// A client's account line is a snapshot: sent again unchanged it keeps what the facts
    /// did; with a new balance it replaces it, and only later facts apply on top.
    @Test func clientSnapshotsAndFactsCombine() throws {
        var f = try SyncFixture()
        try f.sync([F.payment("p1", amount: "300", at: "2026-12-01T10:00:00+03:00")])
        #expect(try f.account("A1").balance == Money(minorUnits: 700_00))
        let same = f.folder.write("same.ndjson", #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Debtor 1","balance":1000,"phone":"+254711000101","national_id":"NID1","lat":-1.29,"lon":36.82,"zone_id":"Z1"}"#)
        let again = try f.store.importRecords([ImportInput(path: same)], now: f.now)
        #expect(again.total.unchanged == 1)
        #expect(try f.account("A1").balance == Money(minorUnits: 700_00))
        let refreshed = f.folder.write("new.ndjson", #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Debtor 1","balance":650,"lat":-1.29,"lon":36.82}"#)
        _ = try f.store.importRecords([ImportInput(path: refreshed)], now: f.now)
        #expect(try f.account("A1").balance == Money(minorUnits: 650_00))
        try f.sync([F.payment("p2", amount: "50", at: "2026-12-09T10:00:00+03:00")])
        #expect(try f.account("A1").balance == Money(minorUnits: 600_00))
    }

    /// Facts are inserted first and compared only when their id is stored already; a line
    /// stored before stays a duplicate even when its amount would now fail the check (the
    /// client has since lowered the balance), and other content under its id is a conflict.
    @Test func aStoredFactSentAgainIsADuplicateWhateverTheBalanceNow() throws {
        var f = try SyncFixture()
        let line = F.collected("c1", at: "2026-12-01T10:00:00+03:00", amount: "900", receipt: "R1")
        #expect(try f.sync([line]).summary.total.accepted == 1)
        let lowered = f.folder.write("lowered.ndjson", #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Debtor 1","balance":10,"lat":-1.29,"lon":36.82}"#)
        _ = try f.store.importRecords([ImportInput(path: lowered)], now: f.now)
        let (again, errors) = try f.sync([line])
        #expect(errors.isEmpty, "\(errors)")
        #expect(again.total.unchanged == 1 && again.total.rejected == 0)
        let (other, otherErrors) = try f.sync([F.collected("c1", at: "2026-12-01T10:00:00+03:00", amount: "901", receipt: "R1")])
        #expect(other.conflicts == 1)
        #expect(otherErrors.first?.contains("conflict: outcome \"c1\" is already stored with other content") == true)
    }

    @Test func everyChangeIsAuditedWithItsSourceLine() throws {
        var f = try SyncFixture()
        try f.sync([F.outcome("o0", "A2", at: "2026-12-01T09:00:00+03:00", "NOT_HOME"),
                    F.collected("o1", at: "2026-12-01T10:00:00+03:00", "PAID", amount: "1000")], name: "AG01.ndjson")
        var entries: [FieldPlanStore.AuditEntry] = []
        try f.store.audit(account: "A1") { entries.append($0) }
        #expect(entries.map(\.field) == ["balance", "status", "clearance"])
        #expect(entries[0].old == "1000" && entries[0].new == "0" && entries[0].source == "AG01.ndjson" && entries[0].line == 2)
        #expect(entries[1].old == "open" && entries[1].new == "paid" && entries[1].actor == "G1" && entries[1].factID == "o1")
    }

    /// Exporting a store with facts and importing it into an empty one changes nothing:
    /// the exported balances already contain the facts of the same run.
    @Test func exportImportsBackUnchanged() throws {
        var f = try SyncFixture()
        try f.sync([F.ptp("o1", "A1", at: "2026-12-01T10:00:00+03:00", amount: "400", due: "2026-12-20"),
                    F.payment("p1", "A1", amount: "100", at: "2026-12-02T10:00:00+03:00"),
                    F.outcome("o2", "A2", at: "2026-12-01T10:00:00+03:00", "MOVED"),
                    F.collected("o3", "A3", at: "2026-12-01T10:00:00+03:00", "PAID", amount: "1000")])
        var first: [String] = []
        try f.store.export(kinds: RecordKind.importable) { first.append($0) }
        let path = f.folder.write("export.ndjson", first.joined(separator: "\n"))
        let copy = try FieldPlanStore()
        #expect(try copy.importRecords([ImportInput(path: path)], now: f.now).total.rejected == 0)
        var second: [String] = []
        try copy.export(kinds: RecordKind.importable) { second.append($0) }
        #expect(second == first)
    }
}
