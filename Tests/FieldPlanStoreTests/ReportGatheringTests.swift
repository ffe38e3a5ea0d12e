import FieldPlanCore
import FieldPlanInterchange
import FieldPlanReports
@testable import FieldPlanStore
import GRDB
import Testing

/// The report's gathering (one scan per table, receipts from the outcome scan, plan distances
/// read from the stored lines' bytes, the portfolio and account details from one pass over
/// the records) against a straightforward one written here with plain queries: on a generated
/// store in a zone that leaves summer time during the previous month, every report built from
/// either is the same.
struct ReportGatheringTests {
    static let previous = CivilDate("2026-10-01")!...CivilDate("2026-10-31")!
    static let month = (from: CivilDate("2026-11-01")!, to: CivilDate("2026-11-30")!)

    /// A store with agents, zones, accounts (some closed, some without a zone or days past
    /// due), two versions of some days' plans, outcomes around local midnight and across
    /// the clock change (2026-10-25 in London), payments posting field collections made
    /// before the period, long before it or not at all, and promises.
    static func store(seed: UInt64, in folder: TempFolder) throws -> FieldPlanStore {
        var g = SeededGenerator(seed: seed)
        let store = try FieldPlanStore(path: folder.path + "/s.db")
        try store.setSetting("time_zone", to: "Europe/London")
        var lines: [String] = []
        let agents = ["G1", "G2", "G3"]
        for a in agents {
            lines.append(#"{"kind":"agent","id":"\#(a)","name":"Agent \#(a)","base":{"lat":51.5,"lon":-0.1},"shift":{"start":"08:00","end":"17:00"}}"#)
        }
        lines.append(#"{"kind":"zone","id":"Z1","name":"North","agent_id":"G1"}"#)
        lines.append(#"{"kind":"zone","id":"Z2","agent_id":"G2"}"#)
        let accounts = (1...40).map { "A\($0)" }
        for (i, id) in accounts.enumerated() {
            let dpd = i % 9 == 0 ? "" : #","days_past_due":\#(Int.random(in: 0...200, using: &g))"#
            let zone = i % 5 == 0 ? "" : #","zone_id":"Z\#(i % 2 + 1)""#
            let status = i % 13 == 0 ? #","status":"closed""# : ""
            lines.append(#"{"kind":"account","id":"\#(id)","client":"\#(["Bank", "Sacco", "Loans"][i % 3])","debtor_name":"D \#(i)","balance":\#(1000 + 37 * i)\#(dpd)\#(zone)\#(status),"lat":51.5,"lon":-0.1}"#)
        }
        let base = folder.write("base.ndjson", lines.joined(separator: "\n"))
        #expect(try store.importRecords([ImportInput(path: base)]).total.rejected == 0)

        // Plans, written as `fieldplan plan` stores them; some days twice (the latest counts).
        let first = CivilDate("2026-09-28")!
        try store.writer.write { db in
            for d in 0..<66 where d % 4 != 3 {
                let day = first.adding(days: d)
                for version in 1...(d % 5 == 0 ? 2 : 1) {
                    try db.execute(sql: "INSERT INTO plan(date, version, created_at, seed, summary) VALUES (?, ?, 0, 1, '{}')",
                                   arguments: [day.description, version])
                    let plan = db.lastInsertedRowID
                    for agent in agents where Bool.random(using: &g) || version == 2 {
                        let stops = accounts.shuffled(using: &g).prefix(Int.random(in: 1...5, using: &g))
                        let legs = stops.map { _ in Int.random(in: 100...9000, using: &g) }
                        let travel = legs.reduce(0, +) + Int.random(in: 0...3000, using: &g)
                        try db.execute(sql: "INSERT INTO plan_route(plan_id, agent_id, line) VALUES (?, ?, ?)", arguments: [
                            plan, agent, #"{"kind":"route","date":"\#(day)","agent_id":"\#(agent)","stops":\#(stops.count),"travel_km":\#(Double(travel) / 1000),"travel_minutes":12.5}"#])
                        for (seq, (account, leg)) in zip(stops, legs).enumerated() {
                            try db.execute(sql: "INSERT INTO plan_visit(plan_id, agent_id, seq, account_id, line) VALUES (?, ?, ?, ?, ?)", arguments: [
                                plan, agent, seq + 1, account, #"{"kind":"visit","date":"\#(day)","agent_id":"\#(agent)","seq":\#(seq + 1),"account_id":"\#(account)","travel_km":\#(Double(leg) / 1000),"reason":"priority"}"#])
                        }
                        if Bool.random(using: &g) {   // a break: a stop without an account
                            try db.execute(sql: "INSERT INTO plan_visit(plan_id, agent_id, seq, line) VALUES (?, ?, 99, ?)", arguments: [
                                plan, agent, #"{"kind":"visit","date":"\#(day)","agent_id":"\#(agent)","travel_km":0.4,"reason":"break"}"#])
                        }
                    }
                }
            }
        }

        // Facts from mid-August (collections long before the period) to early December.
        lines = []
        var receipts: [(account: String, receipt: String)] = []
        let codes = ["NOT_HOME", "PTP", "PTP", "REFUSED", "PARTIAL", "PAID", "CALLBACK", "NOT_VISITED", "MOVED"]
        let contacts = ["debtor", "third_party", "none"]
        for n in 0..<700 {
            let day = CivilDate("2026-08-15")!.adding(days: Int.random(in: 0..<110, using: &g))
            let account = accounts.randomElement(using: &g)!
            // Hours around local midnight, in either offset (+00:00 or +01:00, or UTC).
            let hour = [0, 0, 1, 9, 14, 23, 23].randomElement(using: &g)!
            let at = "\(day)T\(hour < 10 ? "0" : "")\(hour):\(10 + n % 40):00" + ["Z", "+01:00", "+00:00"].randomElement(using: &g)!
            if n % 3 == 2 {
                let reference = receipts.filter { $0.account == account }.randomElement(using: &g).map(\.receipt) ?? "BANK-\(n)"
                lines.append(SyncFixture.payment("p\(n)", account, amount: "\(Int.random(in: 10...400, using: &g))", at: at,
                                                 reference: Bool.random(using: &g) ? reference : nil))
                continue
            }
            let code = codes.randomElement(using: &g)!
            var extra = #","contact":"\#(code == "PTP" ? "debtor" : contacts.randomElement(using: &g)!)""#
            if code == "PTP" { extra += #","promise":{"amount":\#(Int.random(in: 50...500, using: &g)),"date":"\#(day.adding(days: Int.random(in: 0...6, using: &g)))"}"# }
            if code == "NOT_VISITED" { extra += #","notes":"gate locked""# }
            if code == "CALLBACK" { extra += #","next_visit":"\#(day.adding(days: 3))""# }
            if code == "PAID" || code == "PARTIAL" {
                receipts.append((account, "RC\(n)"))
                extra += #","collected":{"amount":\#(Int.random(in: 10...300, using: &g)),"receipt":"RC\#(n)"}"#
            }
            lines.append(SyncFixture.outcome("o\(n)", account, agent: agents.randomElement(using: &g)!, at: at, code, extra: extra))
        }
        let facts = folder.write("facts.ndjson", lines.joined(separator: "\n"))
        var reasons: [String] = []
        let synced = try store.importRecords([ImportInput(path: facts)], sync: true, now: Instant("2026-12-05T12:00:00Z")!.epochSeconds,
                                             onReject: { reasons.append($0.error.description) })
        #expect(synced.total.rejected == 0, "\(reasons.prefix(5))")
        return store
    }

    /// Every fact of the period with plain queries: the latest plan of each day through
    /// `json_extract`, every outcome from `attributionDays` before it, every receipt ever,
    /// every account as the `account` view has it, the portfolio grouped by SQL.
    static func straightforward(_ store: FieldPlanStore, from: CivilDate, to: CivilDate, attributionDays: Int = 30) throws -> ReportFacts {
        let start = Int64(from.dayNumber - 1) * 86_400, end = Int64(to.dayNumber + 2) * 86_400
        return try store.writer.read { db in
            var facts = ReportFacts(from: from, to: to, attributionDays: attributionDays)
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM agent") { facts.agents[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT id, name FROM zone") { facts.zones[row[0]] = .some(row[1]) }
            let plans = try Row.fetchAll(db, sql: """
                SELECT id, date FROM plan p WHERE date BETWEEN ? AND ? AND version = (SELECT MAX(version) FROM plan WHERE date = p.date)
                ORDER BY date
                """, arguments: [from.description, to.description])
            for plan in plans {
                let date = CivilDate(plan[1] as String)!
                for route in try Row.fetchAll(db, sql: "SELECT agent_id, json_extract(line, '$.travel_km') FROM plan_route WHERE plan_id = ? ORDER BY agent_id",
                                              arguments: [plan[0] as Int64]) {
                    let stops = try Row.fetchAll(db, sql: """
                        SELECT account_id, json_extract(line, '$.travel_km') FROM plan_visit
                        WHERE plan_id = ? AND agent_id = ? AND account_id IS NOT NULL ORDER BY seq
                        """, arguments: [plan[0] as Int64, route[0] as String]).map { (accountID: $0[0] as String, legMetres: Int((($0[1] as Double) * 1000).rounded())) }
                    facts.routes.append(.init(date: date, agentID: route[0], travelMetres: Int(((route[1] as Double) * 1000).rounded()), stops: stops))
                }
            }
            facts.payments = try Row.fetchAll(db, sql: "SELECT account_id, paid_epoch, amount, reference FROM payment WHERE paid_epoch >= ? AND paid_epoch < ?",
                                              arguments: [start, end]).map { .init(accountID: $0[0], paidEpoch: $0[1], amountMinor: $0[2], reference: $0[3]) }
            facts.outcomes = try Row.fetchAll(db, sql: """
                SELECT account_id, agent_id, visited_epoch, code, contact, promise_amount, collected_amount, collected_receipt FROM outcome
                WHERE visited_epoch >= ? AND visited_epoch < ?
                """, arguments: [start - Int64(attributionDays) * 86_400, end]).map {
                .init(accountID: $0[0], agentID: $0[1], visitedEpoch: $0[2], code: OutcomeCode(rawValue: $0[3])!,
                      contact: ($0[4] as String?).flatMap(ContactType.init(rawValue:)), promiseMinor: $0[5], collectedMinor: $0[6], receipt: $0[7])
            }
            facts.receipts = Set(try Row.fetchAll(db, sql: "SELECT account_id, collected_receipt FROM outcome WHERE collected_receipt IS NOT NULL")
                .map { AccountReceipt(accountID: $0[0], receipt: $0[1]) })
            facts.promises = try Row.fetchAll(db, sql: """
                SELECT p.account_id, o.agent_id, p.due_date, p.amount, p.paid, p.state FROM promise p JOIN outcome o ON o.id = p.outcome_id
                WHERE p.state IN ('pending', 'kept', 'broken', 'cancelled') AND p.due_date BETWEEN ? AND ?
                """, arguments: [from.description, to.description]).map {
                .init(accountID: $0[0], agentID: $0[1], due: CivilDate($0[2] as String)!, amountMinor: $0[3], paidMinor: $0[4],
                      state: ReportFacts.PromiseDue.State(rawValue: $0[5])!)
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, zone_id, client, days_past_due FROM account") {
                facts.accounts[row[0]] = .init(zoneID: row[1], client: row[2], daysPastDue: row[3])
            }
            facts.portfolio = try Row.fetchAll(db, sql: """
                SELECT days_past_due, COUNT(*), SUM(balance) FROM account WHERE status NOT IN ('paid', 'closed')
                GROUP BY days_past_due ORDER BY days_past_due
                """).map { ReportFacts.PortfolioSlice(daysPastDue: $0[0], accounts: $0[1], balanceMinor: $0[2]) }
            return facts
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64]) func theMonthlyReportIsTheSameFromEitherGathering(seed: UInt64) throws {
        let folder = TempFolder()
        let store = try Self.store(seed: seed, in: folder)
        let clock = try store.clock()
        let builder = ReportBuilder(clock: clock, nowEpoch: Instant("2026-12-01T09:00:00Z")!.epochSeconds)
        #expect(clock.offsetSeconds(at: Instant("2026-10-20T12:00:00Z")!.epochSeconds) != clock.offsetSeconds(at: Instant("2026-11-20T12:00:00Z")!.epochSeconds),
                "the zone changes its offset during the previous month")

        var gathered = try store.reportFacts(from: Self.previous.lowerBound, to: Self.month.to, detailsFrom: Self.month.from, portfolio: true)
        gathered.from = Self.month.from
        var plain = try Self.straightforward(store, from: Self.month.from, to: Self.month.to)
        var before = try Self.straightforward(store, from: Self.previous.lowerBound, to: Self.previous.upperBound)
        before.portfolio = []
        #expect(gathered.portfolio == plain.portfolio)
        #expect(!gathered.payments.isEmpty && !gathered.routes.isEmpty && gathered.promises.count > 3)
        for by in ReportGrouping.allCases {
            let fast = builder.monthly(facts: gathered, previous: Self.previous, by: by)
            let slow = builder.report(.monthly, facts: plain, by: by, previous: before)
            #expect(fast == slow, "monthly by \(by), seed \(seed)")
        }
        plain.accounts = [:]
        #expect(builder.report(.monthly, facts: plain, by: .zone) != builder.report(.monthly, facts: try Self.straightforward(store, from: Self.month.from, to: Self.month.to), by: .zone),
                "the details matter: without them every account is unzoned")
    }

    @Test(arguments: [4, 5] as [UInt64]) func dailyAndRangeReportsAreTheSameFromEitherGathering(seed: UInt64) throws {
        let folder = TempFolder()
        let store = try Self.store(seed: seed, in: folder)
        let builder = ReportBuilder(clock: try store.clock(), nowEpoch: Instant("2026-12-01T09:00:00Z")!.epochSeconds)
        for (from, to) in [("2026-10-25", "2026-10-25"), ("2026-10-26", "2026-10-26"), ("2026-11-02", "2026-11-02"), ("2026-10-20", "2026-11-10")] {
            let from = CivilDate(from)!, to = CivilDate(to)!
            let plain = try Self.straightforward(store, from: from, to: to)
            for by in ReportGrouping.allCases {
                let gathered = try store.reportFacts(from: from, to: to, accountDetails: by != .agent)
                #expect(builder.report(.range, facts: gathered, by: by) == builder.report(.range, facts: plain, by: by), "\(from)…\(to) by \(by)")
            }
        }
    }

    /// The distance read from a stored line's bytes is the one `json_extract` reads.
    @Test func planDistancesAreReadAsJSONReadsThem() throws {
        let store = try FieldPlanStore()
        let lines = [#"{"kind":"visit","travel_km":1.958,"reason":"priority"}"#, #"{"travel_km": 12,"x":1}"#, #"{"a":"\"travel_km\":5","travel_km":0.001}"#,
                     #"{"kind":"visit"}"#, #"{"travel_km":null}"#, #"{"travel_km":-0.5e1}"#, #"{"travel_km":1234.5678}"#]
        try store.writer.read { db in
            for line in lines {
                let q = try QueryStatement(db, "SELECT ?, json_extract(?, '$.travel_km')").bind(line, line)
                #expect(try q.step())
                #expect(q.number(0, afterKey: Array(#""travel_km":"#.utf8)) == q.double(1), "\(line)")
                q.finish()
            }
        }
    }
}
