import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import GRDB

/// A small agency for the sync tests: agents G1 (owns zone Z1) and G2, accounts A1…An in
/// Z1, each with a balance of 1,000.00 unless told otherwise; the clock is fixed.
struct SyncFixture {
    let folder = TempFolder()
    let store: FieldPlanStore
    /// 2026-12-10 12:00 Nairobi.
    let now = Instant("2026-12-10T12:00:00+03:00")!.epochSeconds
    private var files = 0

    init(accounts: Int = 3, balance: String = "1000") throws {
        store = try FieldPlanStore()
        var lines = [
            #"{"kind":"agent","id":"G1","name":"Otieno","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"agent","id":"G2","name":"Wanjiru","base":{"lat":-1.31,"lon":36.81},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"zone","id":"Z1","agent_id":"G1"}"#,
        ]
        for i in 1...accounts {
            lines.append(#"{"kind":"account","id":"A\#(i)","client":"Jamii Bank","debtor_name":"Debtor \#(i)","balance":\#(balance),"phone":"+254711000\#(100 + i)","national_id":"NID\#(i)","lat":-1.29,"lon":36.82,"zone_id":"Z1"}"#)
        }
        let path = folder.write("base.ndjson", lines.joined(separator: "\n"))
        let s = try store.importRecords([ImportInput(path: path, displayName: "base.ndjson")], now: now - 86_400 * 30)
        precondition(s.total.rejected == 0)
    }

    /// Sync-imports `lines` as one file; returns the summary and the rejection messages.
    @discardableResult
    mutating func sync(_ lines: [String], name: String? = nil, now: Int64? = nil) throws -> (summary: ImportSummary, errors: [String]) {
        files += 1
        let file = name ?? "sync\(files).ndjson"
        let path = folder.write(file, lines.joined(separator: "\n"))
        var errors: [String] = []
        let s = try store.importRecords([ImportInput(path: path, displayName: file)], sync: true, now: now ?? self.now,
                                        onReject: { errors.append($0.error.description) })
        return (s, errors)
    }

    func account(_ id: String) throws -> Account { try store.account(id: id)! }

    func promises(_ account: String) throws -> [(state: String, paid: Int64, partial: Bool)] {
        try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT state, paid, partial FROM promise WHERE account_id = ? ORDER BY made_at, outcome_id", arguments: [account])
                .map { ($0["state"], $0["paid"], $0["partial"]) }
        }
    }

    func flag(_ outcome: String) throws -> String? {
        try store.writer.read { db in try String.fetchOne(db, sql: "SELECT flagged FROM outcome WHERE id = ?", arguments: [outcome]) }
    }

    func holdUntil(_ account: String) throws -> String? {
        try store.writer.read { db in try String.fetchOne(db, sql: "SELECT hold_until FROM account WHERE id = ?", arguments: [account]) }
    }

    /// Everything the facts decide, as sorted text: accounts (as exported), promises,
    /// clearances, derived appointments and flags. Equal text means equal stores.
    func canonicalState() throws -> [String] {
        var lines: [String] = []
        try store.export(kinds: [.account, .appointment, .outcome, .payment]) { lines.append($0) }
        try store.writer.read { db in
            for r in try Row.fetchAll(db, sql: "SELECT account_id, outcome_id, amount, due_date, state, paid, partial FROM promise ORDER BY outcome_id") {
                lines.append("promise \(r["account_id"] as String) \(r["outcome_id"] as String) \(r["amount"] as Int64) \(r["due_date"] as String) \(r["state"] as String) \(r["paid"] as Int64) \(r["partial"] as Int64)")
            }
            for r in try Row.fetchAll(db, sql: "SELECT account_id, cleared_at, fact_id, state FROM clearance ORDER BY account_id") {
                lines.append("clearance \(r["account_id"] as String) \(r["cleared_at"] as String) \(r["fact_id"] as String) \(r["state"] as String)")
            }
            for r in try Row.fetchAll(db, sql: "SELECT id AS account_id, hold_until FROM account WHERE hold_until IS NOT NULL ORDER BY id") {
                lines.append("hold \(r["account_id"] as String) \(r["hold_until"] as String)")
            }
            for r in try Row.fetchAll(db, sql: "SELECT id, flagged FROM outcome WHERE flagged IS NOT NULL ORDER BY id") {
                lines.append("flag \(r["id"] as String) \(r["flagged"] as String)")
            }

        }
        return lines
    }

    // Lines.

    static func outcome(_ id: String, _ account: String = "A1", agent: String = "G1", at: String, _ code: String, extra: String = "") -> String {
        #"{"kind":"outcome","id":"\#(id)","account_id":"\#(account)","agent_id":"\#(agent)","visited_at":"\#(at)","code":"\#(code)"\#(extra)}"#
    }

    static func ptp(_ id: String, _ account: String = "A1", agent: String = "G1", at: String, amount: String, due: String) -> String {
        outcome(id, account, agent: agent, at: at, "PTP", extra: #","contact":"debtor","promise":{"amount":\#(amount),"date":"\#(due)"}"#)
    }

    static func collected(_ id: String, _ account: String = "A1", agent: String = "G1", at: String, _ code: String = "PARTIAL", amount: String, receipt: String? = nil) -> String {
        let r = receipt.map { #","receipt":"\#($0)""# } ?? ""
        return outcome(id, account, agent: agent, at: at, code, extra: #","contact":"debtor","collected":{"amount":\#(amount)\#(r)}"#)
    }

    static func payment(_ id: String, _ account: String = "A1", amount: String, at: String, reference: String? = nil) -> String {
        let r = reference.map { #","reference":"\#($0)""# } ?? ""
        return #"{"kind":"payment","id":"\#(id)","account_id":"\#(account)","amount":\#(amount),"paid_at":"\#(at)"\#(r),"channel":"mpesa"}"#
    }
}
