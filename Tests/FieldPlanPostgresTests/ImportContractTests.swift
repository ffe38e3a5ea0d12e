import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The store contract for bringing data in and out (issue 17, second stage): `fieldplan
/// import` of accounts, agents, zones and appointments, `export`, and the account and agent
/// reads, run on both engines with the same files. Both must give the same summaries, the
/// same rejects (and rejected lines kept), the same warnings, the same audit and the same
/// export bytes.
@Suite("Store contract: import, export, accounts")
struct ImportContractTests {
    static let now: Int64 = 1_796_000_000
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Everything a scenario shows, compared between the engines.
    struct Report: Equatable, Sendable {
        var summaries: [ImportSummary] = []
        var rejects: [String] = []
        var warnings: [String] = []
        var exports: [String] = []
        var rejectedLines: [String] = []
        var audit: [String] = []
        var counts: [String] = []
        var reads: [String] = []
    }

    static func write(_ folder: String, _ name: String, _ lines: [String]) -> ImportInput {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
        return ImportInput(path: path, displayName: name)
    }

    static func importing(_ store: any AgencyStore, _ inputs: [ImportInput], dryRun: Bool = false, at now: Int64 = now,
                          into report: inout Report) throws {
        var rejects: [String] = [], warnings: [String] = []
        let summary = try store.importRecords(inputs, dryRun: dryRun, now: now, onReject: { r in
            rejects.append("\(r.error) [\(String(decoding: r.raw ?? [], as: UTF8.self))] \(r.csvHeader ?? "-")")
        }, onWarning: { warnings.append($0) })
        report.summaries.append(summary)
        report.rejects += rejects
        report.warnings += warnings
    }

    static func exported(_ store: any AgencyStore, since: Int64? = nil) throws -> String {
        var text = ""
        try store.export(kinds: RecordKind.allCases, since: since) { text += $0 + "\n" }
        return text
    }

    static func scenario(_ store: any AgencyStore, folder: String) throws -> Report {
        var report = Report()
        let data = repository + "/data/"
        // The demo's files: agents as CSV, 3,000 accounts, 60 appointments.
        try importing(store, [ImportInput(path: data + "agents.csv", displayName: "agents.csv"),
                              ImportInput(path: data + "accounts.ndjson", displayName: "accounts.ndjson"),
                              ImportInput(path: data + "appointments.ndjson", displayName: "appointments.ndjson")], into: &report)
        report.exports.append(try exported(store))
        // The same files again: nothing changes.
        try importing(store, [ImportInput(path: data + "accounts.ndjson", displayName: "accounts.ndjson")], at: now + 10, into: &report)
        // References forward and missing, lines refused while reading, ids repeated (fields
        // left out keep the earlier line's), changes to stored accounts (audited).
        let mixed = write(folder, "mixed.ndjson", [
            #"{"kind":"zone","id":"Z1","name":"Kibera","agent_id":"AG01"}"#,
            #"{"kind":"zone","id":"Z2","agent_id":"NOPE"}"#,
            #"{"kind":"account","id":"X1","client":"Jamii Bank","debtor_name":"Achieng","balance":1500,"zone_id":"Z3","phone":"+254700000001"}"#,
            #"{"kind":"account","id":"X2","client":"Jamii Bank","debtor_name":"Baraka","balance":900,"zone_id":"ZZ"}"#,
            #"{"kind":"zone","id":"Z3","name":"Umoja"}"#,
            #"{"kind":"appointment","id":"AP-X1","account_id":"X1","date":"2026-12-03","from":"09:00","to":"10:00","agent_id":"AG02"}"#,
            #"{"kind":"appointment","id":"AP-X2","account_id":"NOACC","date":"2026-12-03","from":"09:00","to":"10:00"}"#,
            #"{"kind":"appointment","id":"AP-X3","account_id":"X1","date":"2026-12-03","from":"11:00","to":"12:00","agent_id":"NOAG"}"#,
            #"{"kind":"account","id":"BAD1","client":"Jamii Bank"}"#,
            "not json at all",
            #"{"kind":"account","id":"X3","client":"Jamii Bank","debtor_name":"Chebet","balance":100,"phone":"+254700000003","email":"c@example.com"}"#,
            #"{"kind":"account","id":"X3","client":"Jamii Bank","debtor_name":"Chebet W.","balance":250}"#,
            #"{"kind":"account","id":"US-100000","client":"Umoja SACCO","debtor_name":"Kibet Onyango","balance":27000,"national_id":"1","lat":-1.3,"lon":36.9,"status":"disputed","zone_id":"Z1"}"#,
            #"{"kind":"agent","id":"AG01","name":"Wanjiru Otieno-Kamau","base_lat":-1.312352,"base_lon":36.788496,"shift_start":"07:30","shift_end":"16:30"}"#,
            #"{"kind":"appointment","id":"AP-1000","account_id":"HL-100215","date":"2026-12-02","from":"09:00","to":"10:00"}"#,
        ])
        try importing(store, [mixed], at: now + 20, into: &report)
        // A dry run changes nothing.
        let dry = write(folder, "dry.ndjson", [#"{"kind":"account","id":"X9","client":"Jamii Bank","debtor_name":"Dry","balance":5}"#])
        let before = try exported(store)
        try importing(store, [dry], dryRun: true, at: now + 30, into: &report)
        report.exports.append(before == (try exported(store)) ? "dry run left the store as it was" : "dry run changed the store")
        // Corrections resolve the rejects they correct.
        let fixes = write(folder, "fixes.ndjson", [
            #"{"kind":"account","id":"BAD1","client":"Jamii Bank","debtor_name":"Fixed","balance":10}"#,
            #"{"kind":"account","id":"X2","client":"Jamii Bank","debtor_name":"Baraka","balance":900,"zone_id":"Z1"}"#,
            #"{"kind":"appointment","id":"AP-X2","account_id":"X2","date":"2026-12-04","from":"09:00","to":"10:00"}"#,
        ])
        try importing(store, [fixes], at: now + 40, into: &report)
        // A file without records is refused; one among others is a warning.
        let empty = write(folder, "empty.ndjson", [""])
        do {
            try importing(store, [empty], at: now + 50, into: &report)
        } catch {
            report.warnings.append("refused: \(error)")
        }
        try importing(store, [empty, dry], at: now + 60, into: &report)

        report.exports.append(try exported(store))
        report.exports.append(try exported(store, since: now + 40))
        report.rejectedLines = try store.rejectedLines(limit: 100).map { "\($0.source):\($0.line) \($0.field): \($0.reason)" }
        report.rejectedLines += try store.rejections(includeResolved: true, limit: 100).map {
            "\($0.id) \($0.source):\($0.line) \($0.kind ?? "-") \($0.recordID ?? "-") \($0.createdAt) \($0.resolved)"
        }
        report.rejectedLines.append("cleared \(try store.clearRejections(before: now + 25))")
        report.rejectedLines.append("left \(try store.rejections(includeResolved: true, limit: 100).count)")
        for id in ["US-100000", "X1", "X3", "NOPE"] {
            guard let detail = try store.accountDetail(id: id, now: now + 70) else { report.audit.append("\(id): none"); continue }
            report.audit.append("\(id): \(detail.zoneName ?? "-") \(detail.agentID ?? "-") \(detail.agentName ?? "-") \(detail.account.nationalID ?? "no id") "
                                + "\(detail.currency) \(detail.appointments.map { "\($0.id) \($0.date) \($0.kind)" })")
            report.audit += detail.audit.map { "  \($0.at.text) \($0.field) \($0.old ?? "nil") -> \($0.new ?? "nil") \($0.actor ?? "-") \($0.origin ?? "-")" }
        }
        if let line = try store.creatingLine(ofAccount: "X1") { report.audit.append("X1 created by \(line.source):\(line.line)") }
        report.counts = try store.counts().map { "\($0.table) \($0.count)" }
        var listed: [String] = []
        try store.accounts(FieldPlanStore.AccountFilter(status: .open, client: "jamii bank")) { listed.append($0.id) }
        report.reads.append("open jamii: \(listed)")
        listed = []
        try store.accounts(FieldPlanStore.AccountFilter(search: "OTIENO")) { listed.append($0.id) }
        report.reads.append("search: \(listed.count) \(listed.prefix(5))")
        let first = try store.accountPage(FieldPlanStore.AccountFilter(), limit: 7)
        let second = try store.accountPage(FieldPlanStore.AccountFilter(), after: first.next, limit: 7)
        let zoned = try store.accountPage(FieldPlanStore.AccountFilter(), zone: "Z1", limit: 100)
        report.reads.append("pages: \(first.accounts.map(\.id)) \(first.next ?? "-") \(second.accounts.map(\.id)) zone Z1 \(zoned.accounts.map(\.id)) \(zoned.next ?? "end")")
        report.reads.append("agents: \(try store.agents().map { "\($0.id) \($0.name) \($0.breakRule?.minutes ?? 0) \($0.active ?? false)" })")
        report.reads.append("X3: \(try store.account(id: "X3").map { RecordEncoder.account($0) } ?? "none")")
        report.reads.append("missing: \(try store.account(id: "nobody") == nil)")
        report.reads.append("zones: \(try store.zones()) since: \(try store.zones(since: now + 40).map(\.id))")
        let zoning = try store.zoningAccounts()
        report.reads.append("zoning: \(zoning.count) \(zoning.filter { $0.zoneID != nil }.map { "\($0.id) \($0.zoneID!) \($0.lat)" })")
        return report
    }

    @Test("import, export and the account reads give the same results on both engines", arguments: StoreEngine.postgresOnly)
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
        for (a, b) in zip(other.exports, sqlite.exports) {
            #expect(a == b, "export bytes differ at \(a.commonPrefix(with: b).count)")
        }
    }

    @Test("the scenario exercises what it claims (on SQLite)")
    func scenarioShape() async throws {
        let report = try await withFreshStore(.sqlite) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        #expect(report.summaries[0].byKind["account"]?.accepted == 3000)
        #expect(report.summaries[1].byKind["account"]?.unchanged == 3000)
        let mixed = report.summaries[2]
        #expect(mixed.byKind["zone"]?.rejected == 1 && mixed.byKind["account"]?.rejected == 2 && mixed.byKind["appointment"]?.rejected == 2)
        #expect(mixed.unreadable.rejected == 1 && mixed.duplicatesInRun == 1)
        #expect(report.summaries.last?.resolvedRejections == 0)
        #expect(report.summaries[4].resolvedRejections == 3)
        #expect(report.audit.contains { $0.contains("national_id (masked)") || $0.contains("national_id") })
        #expect(report.exports[1] == "dry run left the store as it was")
    }

    @Test("a killed import leaves the store as it was", arguments: StoreEngine.postgresOnly)
    func killedImport(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            try withFolder { folder in
                let url = database.url.text
                let small = Self.write(folder, "small.ndjson", [#"{"kind":"account","id":"K0","client":"C","debtor_name":"D","balance":1}"#])
                let setup = try PostgresCLITests.run(["import", small.path, "--db", url], in: folder)
                #expect(setup.status == 0, "\(setup.stderr)")
                let lines = (1...150_000).map { #"{"kind":"account","id":"K\#($0)","client":"C","debtor_name":"D","balance":\#($0)}"# }
                let big = Self.write(folder, "big.ndjson", lines)
                // Killed once its transaction has written rows it has not committed.
                let process = Process()
                process.executableURL = URL(fileURLWithPath: PostgresCLITests.binary)
                process.arguments = ["import", big.path, "--db", url]
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                var staged = false
                for _ in 0..<1200 where process.isRunning {
                    let copying = try PostgresAgencyStore.count(database.url, """
                        SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'
                            AND (query LIKE 'COPY%' OR query LIKE '%stage_account%')
                        """)
                    if copying > 0 { staged = true; break }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
                #expect(staged, "the import was seen writing before it was killed")
                #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM account_record") == 1)
                #expect(try PostgresAgencyStore.count(database.url, "SELECT count(*) FROM import_run") == 1)
                let store = try PostgresAgencyStore(url: database.url, mustExist: true)
                defer { store.close() }
                #expect(try store.counts().first { $0.table == "account" }?.count == 1)
            }
        }
    }
}

/// A temporary folder for `body`, removed afterwards.
func withFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-files-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}
