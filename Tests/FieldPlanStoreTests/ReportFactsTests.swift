import FieldPlanCore
import FieldPlanInterchange
import FieldPlanReports
@testable import FieldPlanStore
import GRDB
import Testing

/// What the store gathers for reports, checked against plain queries of the `account` view.
struct ReportFactsTests {
    /// The portfolio is summed from the records and corrected by the derived states; it must
    /// equal summing the accounts as they stand (the view), paid and closed ones left out.
    @Test func thePortfolioIsTheAccountsAsTheyStand() throws {
        let dir = TempFolder()
        var lines: [String] = []
        for i in 0..<60 {
            let dpd = i % 7 == 0 ? "" : #","days_past_due":\#(i * 3)"#
            let status = i % 11 == 0 ? #","status":"closed""# : ""
            lines.append(#"{"kind":"account","id":"A\#(i)","client":"Bank","debtor_name":"D \#(i)","balance":\#(1000 + i)\#(dpd)\#(status),"lat":-1.3,"lon":36.8}"#)
        }
        let accounts = dir.write("accounts.ndjson", lines.joined(separator: "\n"))
        // Payments, a later run, lower some balances, clear one (paid) and leave others untouched.
        lines = []
        lines.append(#"{"kind":"payment","id":"p1","account_id":"A1","amount":1001,"paid_at":"2026-11-20T10:00:00+03:00"}"#)
        lines.append(#"{"kind":"payment","id":"p2","account_id":"A2","amount":500,"paid_at":"2026-11-20T10:00:00+03:00"}"#)
        lines.append(#"{"kind":"payment","id":"p3","account_id":"A35","amount":35,"paid_at":"2026-11-21T10:00:00+03:00"}"#)
        let payments = dir.write("payments.ndjson", lines.joined(separator: "\n"))
        let store = try FieldPlanStore(path: dir.path + "/s.db")
        _ = try store.importRecords([ImportInput(path: accounts)])
        _ = try store.importRecords([ImportInput(path: payments)])
        let gathered = try store.reportFacts(from: CivilDate("2026-11-01")!, to: CivilDate("2026-11-30")!, portfolio: true).portfolio
        let expected = try store.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT days_past_due, COUNT(*), SUM(balance) FROM account WHERE status NOT IN ('paid', 'closed')
                GROUP BY days_past_due ORDER BY days_past_due
                """).map { ReportFacts.PortfolioSlice(daysPastDue: $0[0], accounts: $0[1], balanceMinor: $0[2]) }
        }
        #expect(gathered == expected)
        #expect(try store.writer.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM account_state") ?? 0 } >= 3, "payments moved some accounts")
    }
}
