import FieldPlanCore
import FieldPlanInterchange
import Foundation
@testable import FieldPlanStore
import GRDB
import Testing

/// Issue 11, "partial client files": an absent field or column keeps the stored value, an
/// explicit null or empty cell clears it, a bad header stops the run, and every change a
/// client file makes to an account is audited with its file and line.
struct ClientFileTests {
    let folder = TempFolder()
    let now = Instant("2026-12-01T12:00:00+03:00")!.epochSeconds

    static let full = #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng","balance":1500,"phone":"+254712345678","email":"a@example.com","national_id":"35879931","address":"Kibera Rd","lat":-1.29,"lon":36.82,"days_past_due":40,"visit_window":{"from":"08:00","to":"10:00"},"service_minutes":20,"notes":"gate","no_visit_before":"2026-12-05","max_visits_per_month":3}"#
    static let zone = #"{"kind":"zone","id":"Z1","name":"Kibera"}"#

    @discardableResult
    func run(_ store: FieldPlanStore, _ files: [(name: String, text: String)], ignoreUnknownColumns: Bool = false,
             warnings: inout [String]) throws -> (ImportSummary, [String]) {
        var errors: [String] = []
        var seen: [String] = []
        let inputs = files.map { ImportInput(path: folder.write($0.name, $0.text), displayName: $0.name) }
        let s = try store.importRecords(inputs, ignoreUnknownColumns: ignoreUnknownColumns, now: now,
                                        onReject: { errors.append($0.error.description) }, onWarning: { seen.append($0) })
        warnings = seen
        return (s, errors)
    }

    @discardableResult
    func run(_ store: FieldPlanStore, _ name: String, _ text: String, ignoreUnknownColumns: Bool = false) throws -> (ImportSummary, [String]) {
        var warnings: [String] = []
        return try run(store, [(name, text)], ignoreUnknownColumns: ignoreUnknownColumns, warnings: &warnings)
    }

    func audit(_ store: FieldPlanStore, _ id: String) throws -> [FieldPlanStore.AuditEntry] {
        var entries: [FieldPlanStore.AuditEntry] = []
        try store.audit(account: id) { entries.append($0) }
        return entries
    }

    /// Both the packed path (no zone) and the record path (a zone to look up) keep what a
    /// line leaves out.
    @Test(arguments: [false, true])
    func anAbsentFieldKeepsTheStoredValue(zoned: Bool) throws {
        let store = try FieldPlanStore()
        let zoneField = zoned ? #","zone_id":"Z1""# : ""
        try run(store, "in.ndjson", Self.zone + "\n" + Self.full.dropLast() + zoneField + "}")
        let partial = #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng","balance":1200\#(zoneField)}"#
        let (s, _) = try run(store, "partial.ndjson", partial)
        #expect(s.byKind["account"]?.accepted == 1)
        let a = try #require(try store.account(id: "A1"))
        #expect(a.balance.minorUnits == 120_000)
        #expect(a.phone == "+254712345678" && a.email == "a@example.com" && a.nationalID == "35879931")
        #expect(a.address == "Kibera Rd" && a.location == Coordinate(lat: -1.29, lon: 36.82))
        #expect(a.daysPastDue == 40 && a.visitWindow?.from.description == "08:00" && a.serviceMinutes == 20)
        #expect(a.notes == "gate" && a.noVisitBefore?.description == "2026-12-05" && a.maxVisitsPerMonth == 3)
        // The same partial line again is no change at all.
        let (again, _) = try run(store, "partial.ndjson", partial)
        #expect(again.byKind["account"]?.unchanged == 1)
    }

    @Test func anExplicitNullClearsButNotStatusOrZone() throws {
        let store = try FieldPlanStore()
        try run(store, "in.ndjson", Self.zone + "\n" + Self.full.replacingOccurrences(of: #""max_visits_per_month":3"#, with: #""max_visits_per_month":3,"zone_id":"Z1","status":"ptp""#))
        let cleared = #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng","balance":1500,"phone":null,"lat":null,"lon":null,"visit_window":null,"notes":null,"status":null,"zone_id":null}"#
        let (s, _) = try run(store, "clear.ndjson", cleared)
        #expect(s.byKind["account"]?.accepted == 1)
        let a = try #require(try store.account(id: "A1"))
        #expect(a.phone == nil && a.location == nil && a.visitWindow == nil && a.notes == nil)
        #expect(a.email == "a@example.com" && a.address == "Kibera Rd")
        #expect(a.status == .ptp)
        #expect(a.zoneID == "Z1")
    }

    /// A CSV with fewer columns keeps what its header lacks; an empty cell clears.
    @Test func csvMissingColumnsKeepEmptyCellsClear() throws {
        let store = try FieldPlanStore()
        try run(store, "in.ndjson", Self.full)
        let (s, errors) = try run(store, "accounts.csv", "id,client,debtor_name,balance,phone,lat,lon\nA1,Jamii Bank,Achieng,1500,,,\n")
        #expect(errors.isEmpty)
        #expect(s.byKind["account"]?.accepted == 1)
        let a = try #require(try store.account(id: "A1"))
        #expect(a.phone == nil && a.location == nil)
        #expect(a.address == "Kibera Rd" && a.email == "a@example.com" && a.visitWindow != nil && a.notes == "gate")
    }

    @Test func agentsAppointmentsAndZonesKeepToo() throws {
        let store = try FieldPlanStore()
        let agent = #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}"#
        try run(store, "in.ndjson", [
            agent + #","phone":"+254700000009","days":["mon","tue"],"break":{"from":"12:00","to":"14:00","minutes":30},"max_visits":9,"active":false}"#,
            #"{"kind":"zone","id":"Z1","name":"Kibera","agent_id":"G1"}"#, Self.full,
            #"{"kind":"appointment","id":"P1","account_id":"A1","date":"2026-12-02","from":"10:00","to":"11:00","agent_id":"G1"}"#,
        ].joined(separator: "\n"))
        let (s, errors) = try run(store, "partial.ndjson", [
            agent + "}", #"{"kind":"zone","id":"Z1"}"#,
            #"{"kind":"appointment","id":"P1","account_id":"A1","date":"2026-12-03","from":"10:00","to":"11:00"}"#,
        ].joined(separator: "\n"))
        #expect(errors.isEmpty)
        #expect(s.byKind["agent"]?.unchanged == 1 && s.byKind["zone"]?.unchanged == 1 && s.byKind["appointment"]?.accepted == 1)
        let g = try #require(try store.agents().first)
        #expect(g.phone == "+254700000009" && g.days == [.mon, .tue] && g.breakRule?.minutes == 30 && g.maxVisits == 9 && g.active == false)
        let (zone, agentOfAppointment) = try store.writer.read { db in
            (try Row.fetchOne(db, sql: "SELECT name, agent_id FROM zone WHERE id = 'Z1'"),
             try String.fetchOne(db, sql: "SELECT agent_id FROM appointment WHERE id = 'P1'"))
        }
        #expect(zone?["name"] == "Kibera" && zone?["agent_id"] == "G1")
        #expect(agentOfAppointment == "G1")
        // Explicit nulls clear them.
        try run(store, "clear.ndjson", agent + #","phone":null,"days":null,"break":null,"active":null}"# + "\n" + #"{"kind":"zone","id":"Z1","agent_id":null}"#)
        let cleared = try #require(try store.agents().first)
        #expect(cleared.phone == nil && cleared.days == nil && cleared.breakRule == nil && cleared.active == nil && cleared.maxVisits == 9)
        #expect(try store.writer.read { db in try String.fetchOne(db, sql: "SELECT agent_id FROM zone WHERE id = 'Z1'") } == nil)
    }

    // MARK: headers

    /// An unknown column stops the run: nothing of any file is applied, one message.
    @Test func anUnknownColumnStopsTheRun() throws {
        let store = try FieldPlanStore()
        var warnings: [String] = []
        let good = ("good.ndjson", Self.full)
        let bad = ("accounts.csv", "id,client,debtor_name,balance,phone_no\nA2,Jamii Bank,Otieno,10,+254700000001\n")
        #expect(throws: ImportError(message: #"accounts.csv:1: unknown column "phone_no" (did you mean "phone"?); nothing was imported (fix the header, or pass --ignore-unknown-columns to skip such columns)"#)) {
            try run(store, [good, bad], warnings: &warnings)
        }
        #expect(try store.account(id: "A1") == nil && store.account(id: "A2") == nil)
        let (s, _) = try run(store, [good, bad], ignoreUnknownColumns: true, warnings: &warnings)
        #expect(s.byKind["account"]?.accepted == 2)
        #expect(warnings == [#"accounts.csv:1: unknown column "phone_no" (did you mean "phone"?) ignored (--ignore-unknown-columns)"#])
        #expect(try store.account(id: "A2")?.phone == nil)
    }

    @Test func aMissingRequiredColumnIsOneErrorForTheFile() throws {
        let store = try FieldPlanStore()
        let rows = (1...50).map { "A\($0),Jamii Bank,+2547000000\($0)" }.joined(separator: "\n")
        #expect(throws: ImportError(message: "accounts.csv:1: the header lacks the required columns debtor_name, balance (an account needs id, client, debtor_name, balance); nothing was imported")) {
            try run(store, "accounts.csv", "id,client,phone\n" + rows)
        }
        #expect(try store.rejectedLines().isEmpty)
    }

    // MARK: empty inputs

    @Test func anInputWithoutRecordsIsSaid() throws {
        let store = try FieldPlanStore()
        for (name, text) in [("empty.ndjson", ""), ("blank.ndjson", "\n  \n\n"), ("accounts.csv", "id,client,debtor_name,balance\n")] {
            #expect(throws: ImportError(message: "no records in \(name); nothing was imported")) { try run(store, name, text) }
        }
        var warnings: [String] = []
        let (s, _) = try run(store, [("accounts.csv", "id,client,debtor_name,balance\n"), ("in.ndjson", Self.full)], warnings: &warnings)
        #expect(s.byKind["account"]?.accepted == 1)
        #expect(warnings == ["no records in accounts.csv"])
        #expect(s.emptyInputs == ["accounts.csv"] && s.warnings == 1)
        // A device with nothing to report may send an empty sync file: no failure there.
        let quiet = try store.importRecords([ImportInput(path: folder.write("day.ndjson", ""), displayName: "day.ndjson")], sync: true, now: now)
        #expect(quiet.emptyInputs == ["day.ndjson"] && quiet.total.accepted == 0)
    }

    @Test func aRepeatedIDNamesBothFiles() throws {
        let store = try FieldPlanStore()
        var warnings: [String] = []
        let header = "id,client,debtor_name,balance\n"
        try run(store, [("accounts-a.csv", header + "A1,C,D,1\nA2,C,D,1\n"), ("accounts-b.csv", header + "A3,C,D,1\nA1,C,D,2\nA3,C,D,3\n")],
                warnings: &warnings)
        #expect(warnings == [#"accounts-b.csv:3: id: account "A1" also on accounts-a.csv:2; the last line wins"#,
                             #"accounts-b.csv:4: id: account "A3" also on line 2; the last line wins"#])
    }

    // MARK: audit

    @Test func everyClientFileChangeIsAuditedWithItsLine() throws {
        let store = try FieldPlanStore()
        try run(store, "first.ndjson", Self.zone + "\n" + Self.full)
        // A new account carries the line that created it; its audit starts empty.
        #expect(try store.creatingLine(ofAccount: "A1").map { "\($0.source):\($0.line)" } == "first.ndjson:2")
        #expect(try audit(store, "A1").isEmpty)
        let csv = """
            id,client,debtor_name,balance,phone,national_id,lat,lon,visit_window_from,visit_window_to,zone_id
            A0,Jamii Bank,Other,5,,,,,,,
            A1,Jamii Bank,Achieng,1200.5,,11112222,-1.3,36.8,09:00,11:00,Z1
            """
        try run(store, "accounts.csv", csv)
        let changes = try audit(store, "A1").map { "\($0.field): \($0.old ?? "-") -> \($0.new ?? "-") @\($0.source!):\($0.line!) by \($0.actor!)" }
        #expect(changes == [
            "balance: 1500 -> 1200.5 @accounts.csv:3 by import",
            "phone: +254712345678 -> - @accounts.csv:3 by import",
            "national_id: (masked) -> (masked) @accounts.csv:3 by import",
            "location: -1.29,36.82 -> -1.3,36.8 @accounts.csv:3 by import",
            "visit_window: 08:00-10:00 -> 09:00-11:00 @accounts.csv:3 by import",
            "zone_id: - -> Z1 @accounts.csv:3 by import",
        ])
        #expect(try store.creatingLine(ofAccount: "A1").map { "\($0.source):\($0.line)" } == "first.ndjson:2")
        let everything = try audit(store, "A1").flatMap { [$0.old ?? "", $0.new ?? ""] }.joined(separator: " ")
        #expect(!everything.contains("35879931") && !everything.contains("11112222"))
        // A re-import of the same file changes nothing and audits nothing.
        try run(store, "accounts.csv", csv)
        #expect(try audit(store, "A1").count == 6)
    }

    /// The audit trigger lives only while an import that can change accounts runs: a first
    /// import into an empty store pays nothing for it, and no other write is audited as an import.
    @Test func theAuditTriggerLivesOnlyDuringAnImportIntoAStoreWithAccounts() throws {
        let store = try FieldPlanStore()
        func temporaryTriggers() throws -> Int {
            try store.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_temp_master WHERE type = 'trigger'") ?? 0 }
        }
        let twice = Self.full + "\n" + Self.full.replacingOccurrences(of: #""phone":"+254712345678""#, with: #""phone":"+254700000000""#)
        try run(store, "first.ndjson", twice)
        #expect(try audit(store, "A1").isEmpty)   // created in this run: its own repeat is not a change of a stored account
        #expect(try temporaryTriggers() == 0)
        try run(store, "second.ndjson", Self.full)
        #expect(try audit(store, "A1").map(\.field) == ["phone"])
        #expect(try temporaryTriggers() == 0)
        try store.writer.write { db in try db.execute(sql: "UPDATE account_record SET phone = '+254711111111', changed_line = 99 WHERE id = 'A1'") }
        #expect(try audit(store, "A1").count == 1)
    }

    /// The old value is what the account showed, facts included: a payment had lowered the
    /// balance before the client sent a new one.
    @Test func theAuditedOldValueIsTheOneTheAccountShowed() throws {
        let store = try FieldPlanStore()
        let payment = #"{"kind":"payment","id":"Y1","account_id":"A1","amount":500,"paid_at":"2026-11-30T10:00:00+03:00"}"#
        try run(store, "in.ndjson", Self.full)
        try run(store, "payments.ndjson", payment)
        #expect(try store.account(id: "A1")?.balance.minorUnits == 100_000)
        try run(store, "later.ndjson", Self.full.replacingOccurrences(of: #""balance":1500"#, with: #""balance":900"#))
        let balance = try #require(try audit(store, "A1").last { $0.field == "balance" })
        #expect(balance.old == "1000" && balance.new == "900" && balance.source == "later.ndjson")
    }

    // MARK: rejections that were fixed

    @Test func aCorrectedLineResolvesItsRejection() throws {
        let store = try FieldPlanStore()
        let bad = Self.full.replacingOccurrences(of: #""balance":1500"#, with: #""balance":"1,500""#)
        let other = #"{"kind":"account","id":"A9","client":"C","debtor_name":"D","balance":"x"}"#
        let (first, _) = try run(store, "monday.ndjson", bad + "\n" + other)
        #expect(first.total.rejected == 2)
        let (second, _) = try run(store, "tuesday.ndjson", Self.full)
        #expect(second.resolvedRejections == 1)
        #expect(try store.rejections().map(\.recordID) == ["A9"])
        let all = try store.rejections(includeResolved: true)
        #expect(all.map(\.resolved) == [true, false])
        #expect(all.first?.kind == "account" && all.first?.source == "monday.ndjson")
    }

    /// Within one run a later good line resolves an earlier bad one, never the other way round.
    @Test func withinOneRunOnlyALaterLineResolves() throws {
        let store = try FieldPlanStore()
        let bad = Self.full.replacingOccurrences(of: #""balance":1500"#, with: #""balance":1e5"#)
        let (s, errors) = try run(store, "in.ndjson", [bad, Self.full, #"{"kind":"account","id":"A1","client":"","debtor_name":"D","balance":1}"#].joined(separator: "\n"))
        #expect(errors.first == "in.ndjson:1: balance: exponent notation is not accepted, got 1e5; write the number out in full")
        #expect(s.resolvedRejections == 1)
        #expect(try store.rejections().map(\.line) == [3])
    }

    /// A conflict is settled by review, not by the stored fact coming again.
    @Test func aConflictIsNotResolvedByARepeat() throws {
        let store = try FieldPlanStore()
        let agent = #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#
        let outcome = #"{"kind":"outcome","id":"u-1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-30T10:00:00+03:00","code":"NOT_HOME"}"#
        try run(store, "in.ndjson", [agent, Self.full, outcome, outcome.replacingOccurrences(of: "NOT_HOME", with: "REFUSED")].joined(separator: "\n"))
        let (s, _) = try run(store, "again.ndjson", outcome)
        #expect(s.resolvedRejections == 0)
        #expect(try store.rejections().count == 1)
    }

    @Test func clearingDeletesOldRejectionsAndSaysHowMany() throws {
        let store = try FieldPlanStore()
        try run(store, "in.ndjson", #"{"kind":"account","id":"A9","client":"C","debtor_name":"D","balance":"x"}"#)
        #expect(try store.clearRejections(before: now) == 0)
        #expect(try store.clearRejections(before: now + 1) == 1)
        #expect(try store.rejections(includeResolved: true).isEmpty)
    }
}
