@testable import FieldPlanPostgres
import Foundation
import Testing

/// Reports on PostgreSQL (SPEC §7, §13): a store with plans, outcomes and payments made on
/// SQLite and migrated to PostgreSQL gives the same daily and monthly reports on both, every
/// figure and row alike (only the moment each was generated differs).
@Suite("reports: the same figures on both engines")
struct ReportContractTests {
    typealias M = MigrateContractTests

    @Test("report daily and monthly JSON are equal after a migration", arguments: StoreEngine.postgresOnly)
    func reports(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let folder = try M.folder()
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let db = folder + "/source.db", url = database.url.text, d = M.data
            try M.ok(["settings", "set", "time_zone", "Africa/Nairobi", "--db", db], in: folder)
            try M.ok(["import", "\(d)/agents.csv", "\(d)/accounts.ndjson", "\(d)/appointments.ndjson", "--db", db], in: folder)
            try M.ok(["zones", "build", "--agents", "--seed", "1", "--db", db], in: folder)
            try M.ok(["plan", "--date", "2026-12-01", "--today", "2026-12-01", "--seconds", "0.3", "--db", db], in: folder)
            try M.ok(["sync", "simulate", "--date", "2026-12-01", "-o", folder + "/day", "--seed", "3", "--db", db], in: folder)
            try M.ok(["sync", "import", "--now", "2026-12-01T21:00", folder + "/day", "--db", db], in: folder, allowing: [0, 3])

            // Payments on visited accounts: some the same evening (earned by the visit), some
            // some days before the visit, some on accounts nobody visited.
            var visited: [String] = []
            for file in try FileManager.default.contentsOfDirectory(atPath: folder + "/day").sorted() where file.hasSuffix(".ndjson") {
                let text = try String(contentsOfFile: folder + "/day/" + file, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    guard let range = line.range(of: #""account_id":""#), let end = line[range.upperBound...].firstIndex(of: "\"") else { continue }
                    let id = String(line[range.upperBound..<end])
                    if !visited.contains(id) { visited.append(id) }
                }
            }
            #expect(visited.count > 20)
            var payments = ""
            for (n, account) in visited.prefix(40).enumerated() {
                let day = n % 2 == 0 ? "2026-12-01T19:30:00+03:00" : "2026-11-28T10:00:00+03:00"
                payments += #"{"kind":"payment","id":"PAY\#(n)","account_id":"\#(account)","amount":\#(1000 + 37 * n),"paid_at":"\#(day)","reference":"R\#(n)","channel":"mpesa"}"# + "\n"
            }
            payments += #"{"kind":"payment","id":"PAYX","account_id":"US-100000","amount":5000,"paid_at":"2026-12-01T09:00:00+03:00"}"# + "\n"
            try payments.write(toFile: folder + "/payments.ndjson", atomically: true, encoding: .utf8)
            try M.ok(["import", "payments.ndjson", "--db", db], in: folder)

            // Visits a week before the payments of 2026-11-28 on the accounts paying then
            // (right-party, some with a receipt), so that day's report counts visits before
            // its period; and receipts on accounts that did not pay, which no report counts.
            var early = ""
            for (n, account) in visited.prefix(40).enumerated() {
                let paying = n % 2 == 1
                guard paying || n % 4 == 0 else { continue }
                let fact = n % 4 == 3
                    ? #""code":"PTP","contact":"debtor","promise":{"amount":\#(700 + n),"date":"2026-11-27"}"#
                    : #""code":"PARTIAL","contact":"debtor","collected":{"amount":\#(300 + n),"receipt":"RE\#(n)"}"#
                early += #"{"kind":"outcome","id":"EARLY\#(n)","account_id":"\#(account)","agent_id":"AG01","visited_at":"2026-11-20T10:00:00+03:00",\#(fact)}"# + "\n"
            }
            try early.write(toFile: folder + "/early.ndjson", atomically: true, encoding: .utf8)
            try M.ok(["sync", "import", "--now", "2026-12-01T21:30", "early.ndjson", "--db", db], in: folder, allowing: [0, 3])

            try M.ok(["migrate", "--db", db, "--to", url], in: folder)
            let now = "2026-12-10T12:00:00+03:00"
            let asked: [[String]] = [
                ["report", "daily", "--date", "2026-12-01"],
                ["report", "daily", "--date", "2026-12-01", "--by", "zone"],
                ["report", "daily", "--date", "2026-11-28", "--by", "client"],
                ["report", "daily", "--date", "2026-11-28"],
                ["report", "monthly", "--month", "2026-12"],
                ["report", "monthly", "--month", "2026-12", "--by", "zone"],
                ["report", "range", "--from", "2026-11-25", "--to", "2026-12-01", "--by", "client"],
            ]
            for arguments in asked {
                let json = try [db, url].map { store in
                    let out = try M.ok(arguments + ["--format", "json", "--now", now, "--db", store], in: folder).stdout
                    return out.replacingOccurrences(of: #""generated_at":"[^"]*""#, with: "", options: .regularExpression)
                }
                #expect(json[0].count > 200, "\(arguments): \(json[0])")
                #expect(json[1] == json[0], "\(arguments.joined(separator: " ")) differs on PostgreSQL")
            }
        }
    }
}
