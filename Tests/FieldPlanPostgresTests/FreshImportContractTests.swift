import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The store contract for an import into a store without accounts (a first load), which
/// PostgreSQL reads and sends at once, the accounts straight into `account_record`
/// (`ImportFeed`, `PostgresDirectAccounts`): every rule of the usual path must hold there
/// too, so each case the straight path treats apart is here and compared with SQLite: a
/// dry run, ids repeated within a file and across files (the first line sent straight, the
/// later ones staged), accounts with a zone (staged) and with a missing one, rejections of
/// an earlier run and of this run resolved by accounts sent straight, CSV rows, an
/// appointment on an account sent straight, then a second import on the usual path.
@Suite("Store contract: import into a store without accounts")
struct FreshImportContractTests {
    typealias Contract = ImportContractTests

    static func scenario(_ store: any AgencyStore, folder: String) throws -> ImportContractTests.Report {
        var report = ImportContractTests.Report()
        let now = Contract.now
        // A dry run into the empty store leaves it empty.
        let dry = Contract.write(folder, "dry.ndjson", [#"{"kind":"account","id":"D1","client":"Jamii Bank","debtor_name":"Dry","balance":5}"#])
        try Contract.importing(store, [dry], dryRun: true, at: now, into: &report)
        report.exports.append(try Contract.exported(store))
        // A first run that stores no account, only a rejection (open) and an agent.
        let first = Contract.write(folder, "first.ndjson", [
            #"{"kind":"account","id":"F1","client":"Jamii Bank"}"#,
            #"{"kind":"agent","id":"AG01","name":"Wanjiru","base":{"lat":-1.31,"lon":36.78},"shift":{"start":"07:30","end":"16:30"}}"#,
        ])
        try Contract.importing(store, [first], at: now + 10, into: &report)
        // Still no account: this run goes the straight way.
        let a = Contract.write(folder, "a.ndjson", [
            #"{"kind":"account","id":"F2","client":"Jamii Bank"}"#,
            #"{"kind":"account","id":"F1","client":"Jamii Bank","debtor_name":"Achieng","balance":1500}"#,
            #"{"kind":"account","id":"F2","client":"Jamii Bank","debtor_name":"Baraka","balance":900,"notes":"tab\there, back\\slash"}"#,
            #"{"kind":"account","id":"F3","client":"Jamii Bank","debtor_name":"Chebet","balance":100,"phone":"+254700000003","email":"c@example.com"}"#,
            #"{"kind":"account","id":"F3","client":"Jamii Bank","debtor_name":"Chebet","balance":250}"#,
            #"{"kind":"account","id":"F4","client":"Umoja SACCO","debtor_name":"Kibet","balance":27000,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"F5","client":"Umoja SACCO","debtor_name":"Njeri","balance":700,"zone_id":"ZZ"}"#,
            #"{"kind":"appointment","id":"AP-F3","account_id":"F3","date":"2026-12-03","from":"09:00","to":"10:00","agent_id":"AG01"}"#,
            #"{"kind":"account","id":"F6","client":"Umoja SACCO","debtor_name":"Otieno","balance":1205.5,"currency":"KES","national_id":"12345678","address":"Moi Ave 1","lat":-1.3,"lon":36.9,"days_past_due":45,"status":"disputed","visit_window_from":"09:00","visit_window_to":"17:00","service_minutes":20,"max_visits_per_month":3}"#,
            "not json at all",
        ])
        let b = Contract.write(folder, "b.ndjson", [
            #"{"kind":"zone","id":"Z1","name":"Kibera","agent_id":"AG01"}"#,
            #"{"kind":"account","id":"F3","client":"Jamii Bank","debtor_name":"Chebet W.","balance":250}"#,
            #"{"kind":"account","id":"F7","client":"Jamii Bank","debtor_name":"Wafula","balance":5,"lat":0,"lon":36}"#,
        ])
        let csvPath = folder + "/accounts-c.csv"
        _ = FileManager.default.createFile(atPath: csvPath, contents: Data("id,client,debtor_name,balance\nC1,Jamii Bank,Wanjiku,100\nC2,Jamii Bank,,x\n".utf8))
        let csv = ImportInput(path: csvPath, displayName: "accounts-c.csv")
        try Contract.importing(store, [a, b, csv], at: now + 20, into: &report)
        report.exports.append(try Contract.exported(store))
        // The store has accounts now: the usual path, changes audited.
        let c = Contract.write(folder, "c.ndjson", [
            #"{"kind":"account","id":"F6","client":"Umoja SACCO","debtor_name":"Otieno","balance":1000,"status":"open"}"#,
            #"{"kind":"account","id":"C2","client":"Jamii Bank","debtor_name":"Fixed","balance":1}"#,
        ])
        try Contract.importing(store, [c], at: now + 30, into: &report)
        report.exports.append(try Contract.exported(store))
        report.rejectedLines = try store.rejectedLines(limit: 100).map { "\($0.source):\($0.line) \($0.field): \($0.reason)" }
        report.rejectedLines += try store.rejections(includeResolved: true, limit: 100).map {
            "\($0.id) \($0.source):\($0.line) \($0.kind ?? "-") \($0.recordID ?? "-") \($0.createdAt) \($0.resolved)"
        }
        for id in ["F1", "F3", "F5", "F6", "C1"] {
            if let line = try store.creatingLine(ofAccount: id) { report.audit.append("\(id) created by \(line.source):\(line.line)") }
            guard let detail = try store.accountDetail(id: id, now: now + 70) else { report.audit.append("\(id): none"); continue }
            report.audit.append("\(id): \(detail.zoneName ?? "-") \(detail.account.nationalID ?? "no id") \(detail.currency) "
                                + "\(detail.appointments.map { "\($0.id) \($0.date)" })")
            report.audit += detail.audit.map { "  \($0.at.text) \($0.field) \($0.old ?? "nil") -> \($0.new ?? "nil") \($0.origin ?? "-")" }
        }
        report.counts = try store.counts().map { "\($0.table) \($0.count)" }
        report.reads.append("F2: \(try store.account(id: "F2").map { RecordEncoder.account($0) } ?? "none")")
        report.reads.append("F6: \(try store.account(id: "F6").map { RecordEncoder.account($0) } ?? "none")")
        return report
    }

    @Test("an import into a store without accounts gives the same results on both engines", arguments: StoreEngine.postgresOnly)
    func sameOnBothEngines(_ engine: StoreEngine) async throws {
        let sqlite = try await withFreshStore(.sqlite) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        let other = try await withFreshStore(engine) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        #expect(other.summaries == sqlite.summaries)
        #expect(other.rejects == sqlite.rejects)
        #expect(other.warnings == sqlite.warnings)
        #expect(other.rejectedLines == sqlite.rejectedLines)
        #expect(other.audit == sqlite.audit)
        #expect(other.counts == sqlite.counts)
        #expect(other.reads == sqlite.reads)
        #expect(other.exports.count == sqlite.exports.count)
        for (x, y) in zip(other.exports, sqlite.exports) {
            #expect(x == y, "export bytes differ at \(x.commonPrefix(with: y).count)")
        }
    }

    @Test("the scenario exercises what it claims (on SQLite)")
    func scenarioShape() async throws {
        let report = try await withFreshStore(.sqlite) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        #expect(report.exports[0].isEmpty || !report.exports[0].contains("\"D1\""))
        let straight = report.summaries[2]
        // F1, F2, F3 twice more, F4 (its zone later in the input), F6, F7, C1; F3 came
        // three times, F2 after its refused line (not a repeat: refused lines hold no record).
        #expect(straight.byKind["account"]?.accepted == 9, "\(straight.byKind)")
        #expect(straight.byKind["account"]?.rejected == 3, "\(straight.byKind)")
        #expect(straight.duplicatesInRun == 2, "\(report.warnings)")
        #expect(straight.resolvedRejections == 2)
        #expect(report.rejects.contains { $0.contains("zone_id") })
        #expect(report.audit.contains { $0.hasPrefix("F1 created by a.ndjson:2") })
    }
}
