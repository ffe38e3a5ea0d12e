import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanStore
import Foundation
import Testing

/// The store contract for facts (issue 17, third stage): outcomes and payments through
/// `sync import` and `import`, on both engines with the same files. Both must give the same
/// summaries, rejects, stored rows (export bytes), account effects (state, promises,
/// clearances, call-backs, flags, audit) and review queue.
@Suite("Store contract: sync and facts")
struct SyncContractTests {
    static let now: Int64 = 1_796_000_000   // 2026-11-30T00:53Z

    typealias Report = ImportContractTests.Report

    static func syncing(_ store: any AgencyStore, _ inputs: [ImportInput], at now: Int64, into report: inout Report) throws {
        var rejects: [String] = []
        let summary = try store.syncRecords(inputs, now: now, onReject: { r in
            rejects.append("\(r.error) [\(String(decoding: r.raw ?? [], as: UTF8.self))]")
        })
        report.summaries.append(summary)
        report.rejects += rejects
    }

    static func outcome(_ id: String, _ account: String, _ agent: String, _ at: String, _ code: String, _ extra: String = "") -> String {
        #"{"kind":"outcome","id":"\#(id)","account_id":"\#(account)","agent_id":"\#(agent)","visited_at":"\#(at)","code":"\#(code)"\#(extra)}"#
    }

    static func payment(_ id: String, _ account: String, _ amount: String, _ at: String, _ extra: String = "") -> String {
        #"{"kind":"payment","id":"\#(id)","account_id":"\#(account)","amount":\#(amount),"paid_at":"\#(at)"\#(extra)}"#
    }

    /// What the facts did to the store, read through the store interface.
    static func effects(_ store: any AgencyStore, at now: Int64) throws -> [String] {
        var lines: [String] = []
        for id in ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"] {
            guard let detail = try store.accountDetail(id: id, now: now) else { lines.append("\(id): none"); continue }
            lines.append("\(id): \(RecordEncoder.account(detail.account)) hold \(detail.holdUntil ?? "-")")
            lines.append("  outcomes \(detail.outcomes.map { "\($0)" })")
            lines.append("  payments \(detail.payments.map { "\($0)" })")
            lines.append("  promises \(detail.promises.map { "\($0)" })")
            lines.append("  appointments \(detail.appointments.map { "\($0)" })")
            lines += detail.audit.map { "  audit \($0)" }
        }
        lines.append("counts \(try store.counts().map { "\($0.table) \($0.count)" })")
        lines += try store.rejections(includeResolved: true, limit: 100).map {
            "reject \($0.source):\($0.line) \($0.kind ?? "-") \($0.recordID ?? "-") \($0.field): \($0.reason) \($0.resolved)"
        }
        return lines
    }

    static func scenario(_ store: any AgencyStore, folder: String) throws -> Report {
        var report = Report()
        let write = ImportContractTests.write
        let setup = write(folder, "setup.ndjson", [
            #"{"kind":"agent","id":"G1","name":"Wanjiru","base":{"lat":-1.30,"lon":36.80},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"agent","id":"G2","name":"Kiprop","base":{"lat":-1.27,"lon":36.85},"shift":{"start":"08:00","end":"17:00"}}"#,
            #"{"kind":"zone","id":"Z1","name":"Umoja","agent_id":"G1"}"#,
            #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng","balance":5000,"lat":-1.28,"lon":36.89,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"A2","client":"Jamii Bank","debtor_name":"Baraka","balance":3000,"lat":-1.281,"lon":36.891,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"A3","client":"Jamii Bank","debtor_name":"Chebet","balance":1200,"lat":-1.282,"lon":36.892,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"A4","client":"Jamii Bank","debtor_name":"Daudi","balance":2500,"lat":-1.283,"lon":36.893,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"A5","client":"Haraka Loans","debtor_name":"Esther","balance":800,"lat":-1.284,"lon":36.894,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"A6","client":"Haraka Loans","debtor_name":"Faith","balance":950,"lat":-1.285,"lon":36.895,"zone_id":"Z1"}"#,
            #"{"kind":"account","id":"A7","client":"Haraka Loans","debtor_name":"Gitau","balance":400,"lat":-1.286,"lon":36.896}"#,
            #"{"kind":"account","id":"A8","client":"Haraka Loans","debtor_name":"Halima","balance":700}"#,
        ])
        try ImportContractTests.importing(store, [setup], at: now, into: &report)
        report.exports.append(try ImportContractTests.exported(store))

        // A phone's first sync: every kind of effect, the refusals a sync knows, a repeat.
        let first = write(folder, "phone-G1.ndjson", [
            outcome("o1", "A1", "G1", "2026-11-29T10:00:00+03:00", "PTP", #","contact":"debtor","promise":{"amount":2000,"date":"2026-12-05"}"#),
            outcome("o2", "A2", "G1", "2026-11-29T10:30:00+03:00", "CALLBACK", #","contact":"third_party","next_visit":{"date":"2026-12-03","from":"14:00","to":"16:00"}"#),
            outcome("o3", "A3", "G1", "2026-11-29T11:00:00+03:00", "PAID", #","contact":"debtor","collected":{"amount":1200,"receipt":"R1"}"#),
            outcome("o4", "A4", "G1", "2026-11-29T11:30:00+03:00", "PARTIAL", #","contact":"debtor","collected":{"amount":300,"receipt":"R2"}"#),
            outcome("o5", "A5", "G1", "2026-11-29T12:00:00+03:00", "MOVED", #","contact":"third_party""#),
            outcome("o6", "A6", "G1", "2026-11-29T12:30:00+03:00", "HARDSHIP", #","contact":"debtor","notes":"lost her job""#),
            outcome("o7", "A7", "G2", "2026-11-29T13:00:00+03:00", "NOT_HOME"),
            outcome("o8", "A1", "G2", "2026-11-29T15:00:00+03:00", "NOT_HOME"),
            outcome("o9", "NOPE", "G1", "2026-11-29T13:30:00+03:00", "NOT_HOME"),
            outcome("o10", "A7", "GX", "2026-11-29T13:40:00+03:00", "NOT_HOME"),
            outcome("o11", "A8", "G2", "2026-11-29T14:00:00+03:00", "PAID", #","collected":{"amount":10000000,"receipt":"R9"}"#),
            #"{"kind":"account","id":"A1","client":"Jamii Bank","debtor_name":"Achieng","balance":1}"#,
            "not json",
            payment("p1", "A4", "300", "2026-11-29T18:00:00+03:00", #","reference":"R2","channel":"mpesa""#),
            payment("p2", "A8", "500", "2026-11-29T18:05:00+03:00", #","reference":"MP-2","channel":"mpesa""#),
            outcome("o1", "A1", "G1", "2026-11-29T10:00:00+03:00", "PTP", #","contact":"debtor","promise":{"amount":2000,"date":"2026-12-05"}"#),
        ])
        try syncing(store, [first], at: now + 10, into: &report)
        report.exports.append(try ImportContractTests.exported(store))

        // The phone sends again (a retry), one line changed (a conflict), and a new promise.
        let again = write(folder, "phone-G1-retry.ndjson", [
            outcome("o1", "A1", "G1", "2026-11-29T10:00:00+03:00", "PTP", #","contact":"debtor","promise":{"amount":2000,"date":"2026-12-05"}"#),
            outcome("o2", "A2", "G1", "2026-11-29T10:30:00+03:00", "REFUSED", #","contact":"debtor""#),
            outcome("o3", "A3", "G1", "2026-11-29T11:00:00+03:00", "PAID", #","contact":"debtor","collected":{"amount":1200,"receipt":"R1"}"#),
            payment("p2", "A8", "500", "2026-11-29T18:05:00+03:00", #","reference":"MP-2","channel":"mpesa""#),
            outcome("o12", "A8", "G2", "2026-11-29T16:00:00+03:00", "PTP", #","contact":"debtor","promise":{"amount":100,"date":"2026-12-01"}"#),
        ])
        try syncing(store, [again], at: now + 20, into: &report)
        // The same conflicting line once more, and an empty file with it.
        let conflict = write(folder, "phone-G1-conflict.ndjson", [
            outcome("o2", "A2", "G1", "2026-11-29T10:30:00+03:00", "REFUSED", #","contact":"debtor""#),
        ])
        let empty = write(folder, "empty.ndjson", [""])
        try syncing(store, [conflict, empty], at: now + 30, into: &report)

        // The bank's file: a new snapshot of A8, a payment that keeps A1's promise, facts for
        // an account later in the file and for one that is nowhere.
        let bank = write(folder, "bank.ndjson", [
            payment("p3", "A1", "2000", "2026-12-02T09:00:00+03:00", #","reference":"BANK-3","channel":"bank""#),
            outcome("o13", "A9", "G2", "2026-11-29T17:00:00+03:00", "REFUSED", #","contact":"debtor""#),
            payment("p4", "NOBODY", "50", "2026-12-02T09:00:00+03:00"),
            #"{"kind":"account","id":"A8","client":"Haraka Loans","debtor_name":"Halima","balance":650}"#,
            #"{"kind":"account","id":"A9","client":"Haraka Loans","debtor_name":"Imani","balance":900,"zone_id":"Z1"}"#,
            payment("p5", "A7", "400", "2026-12-02T10:00:00+03:00"),
        ])
        try ImportContractTests.importing(store, [bank], at: now + 3 * 86_400, into: &report)
        report.exports.append(try ImportContractTests.exported(store))

        // Ten days on: A8's promise passed its date without a payment (broken by the sweep).
        let later = write(folder, "phone-G2.ndjson", [outcome("o14", "A6", "G2", "2026-12-09T10:00:00+03:00", "NOT_HOME")])
        try syncing(store, [later], at: now + 10 * 86_400, into: &report)
        report.exports.append(try ImportContractTests.exported(store))
        report.audit = try effects(store, at: now + 10 * 86_400)
        report.reads = try reads(store, at: now + 10 * 86_400)
        return report
    }

    /// Review, audit, clearances, promises and call-backs, read and acted on.
    static func reads(_ store: any AgencyStore, at now: Int64) throws -> [String] {
        var lines: [String] = []
        let open = try store.reviewItems(includeResolved: false)
        lines += open.map { "review \($0)" }
        let conflicts = try store.rejections(includeResolved: true, limit: 100).filter { $0.reason.hasPrefix("conflict:") }
        // Either copy of a conflicting line finds the one item.
        lines += try conflicts.map { "item \($0.id): \(try store.reviewItem("conflict-\($0.id)").map { "\($0.id) \($0.resolved)" } ?? "none")" }
        if let flag = open.first(where: { $0.kind == "flag" }) {
            lines.append("resolve \(flag.id): \(try store.resolveReview(flag.id, note: "seen", now: now))")
            lines.append("again \(flag.id): \(try store.resolveReview(flag.id, note: "seen", now: now))")
        }
        if let conflict = open.first(where: { $0.kind == "conflict" }) {
            lines.append("resolve \(conflict.id): \(try store.resolveReview(conflict.id, note: nil, now: now))")
            lines.append("again \(conflict.id): \(try store.resolveReview(conflict.id, note: nil, now: now))")
        }
        lines.append("resolve nothing: \(try store.resolveReview("o404", note: nil, now: now))")
        lines += try store.reviewItems(includeResolved: true).map { "after \($0)" }
        lines += try store.clearances().map { "clearance \($0)" }
        lines.append("confirm A3: \(try store.confirmClearance(account: "A3", by: "accounts", now: now))")
        lines.append("confirm A3 again: \(try store.confirmClearance(account: "A3", by: "accounts", now: now))")
        lines.append("confirm A1: \(try store.confirmClearance(account: "A1", by: nil, now: now))")
        lines += try store.clearances(state: "confirmed").map { "confirmed \($0)" }
        lines += try store.clearances(state: "pending").map { "pending \($0)" }
        lines.append("A3 now \(try store.account(id: "A3").map { RecordEncoder.account($0) } ?? "none")")
        try store.audit(account: nil) { lines.append("audit \($0)") }
        try store.audit(account: "A3") { lines.append("audit A3 \($0)") }
        for filter in [PromiseList.Filter(), PromiseList.Filter(from: CivilDate("2026-12-02"), to: CivilDate("2026-12-31")),
                       PromiseList.Filter(state: "broken"), PromiseList.Filter(agentID: "G1")] {
            let list = try store.promises(filter, now: now)
            lines.append("promises \(list.items.map { "\($0)" }) \(list.totals) \(list.countsByState.map { "\($0.state) \($0.count)" })")
        }
        lines.append("promises before the sweep \(try store.promises(PromiseList.Filter(), now: Self.now).items.map(\.state))")
        for day in ["2026-12-03", "2026-12-04", "2026-12-05"] {
            let list = try store.callbacks(date: CivilDate(day)!)
            lines.append("callbacks \(day) \(list.items.map { "\($0)" }) \(list.planVersion.map(String.init) ?? "unplanned")")
        }
        return lines
    }

    @Test("sync and fact imports give the same results on both engines", arguments: StoreEngine.postgresOnly)
    func sameOnBothEngines(_ engine: StoreEngine) async throws {
        let sqlite = try await withFreshStore(.sqlite) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        let other = try await withFreshStore(engine) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        #expect(other.summaries == sqlite.summaries)
        #expect(other.rejects == sqlite.rejects)
        #expect(other.warnings == sqlite.warnings)
        #expect(other.audit.count == sqlite.audit.count)
        for (a, b) in zip(other.audit, sqlite.audit) { #expect(a == b) }
        #expect(other.reads.count == sqlite.reads.count)
        for (a, b) in zip(other.reads, sqlite.reads) { #expect(a == b) }
        #expect(other.exports.count == sqlite.exports.count)
        for (a, b) in zip(other.exports, sqlite.exports) {
            #expect(a == b, "export bytes differ at \(a.commonPrefix(with: b).count)")
        }
    }

    @Test("the sync scenario exercises what it claims (on SQLite)")
    func scenarioShape() async throws {
        let report = try await withFreshStore(.sqlite) { store in try withFolder { try Self.scenario(store, folder: $0) } }
        let first = report.summaries[1]
        #expect(first.byKind["outcome"]?.accepted == 8 && first.byKind["outcome"]?.unchanged == 1)
        #expect(first.byKind["outcome"]?.rejected == 3 && first.byKind["account"]?.rejected == 1)
        #expect(first.byKind["payment"]?.accepted == 2 && first.flagged > 0)
        let retry = report.summaries[2]
        #expect(retry.byKind["outcome"]?.unchanged == 2 && retry.byKind["outcome"]?.accepted == 1 && retry.conflicts == 1)
        #expect(retry.byKind["payment"]?.unchanged == 1)
        #expect(report.summaries[3].conflicts == 1)
        let bank = report.summaries[4]
        #expect(bank.byKind["payment"]?.accepted == 2 && bank.byKind["payment"]?.rejected == 1 && bank.byKind["outcome"]?.accepted == 1)
        #expect(report.audit.contains { $0.contains("promise o12") })
        #expect(report.audit.contains { $0.contains("clearance") })
        #expect(report.audit.contains { $0.contains("callback-o2") })
        #expect(report.reads.contains { $0.hasPrefix("review") && $0.contains("conflict") })
        #expect(report.reads.contains { $0.hasPrefix("resolve o") && $0.hasSuffix("true") })
        #expect(report.reads.contains("confirm A3: true") && report.reads.contains("confirm A3 again: false"))
        #expect(report.reads.contains { $0.hasPrefix("callbacks 2026-12-03") && $0.contains("callback-o2") })
        #expect(report.reads.contains { $0.hasPrefix("audit A3") && $0.contains("closed") })
    }
}
