import FieldPlanCore
import FieldPlanInterchange
import Foundation
import GRDB

extension FieldPlanStore {
    /// Why a day packet cannot be made.
    public struct SyncError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// The agent's day packet (SPEC §6), in one read transaction: a `packet` header, the
    /// agent's `route` and `visit` lines of the latest plan of `date`, then one `debtor`
    /// line per account visited, with what the agent needs and nothing more: the phone
    /// masked as on the sheet (`Masking.phoneForAgent`), never `national_id`.
    /// - Complexity: O(visits of the agent).
    public func syncPacket(date: CivilDate, agent: String, now: Int64? = nil) throws -> [String] {
        try writer.read { db in
            guard let plan = try Row.fetchOne(db, sql: "SELECT id, version FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1",
                                              arguments: [date.description]) else {
                throw SyncError(message: "no plan for \(date); run fieldplan plan --date \(date) first")
            }
            let planID: Int64 = plan["id"]
            let version: Int = plan["version"]
            guard let route = try String.fetchOne(db, sql: "SELECT line FROM plan_route WHERE plan_id = ? AND agent_id = ?", arguments: [planID, agent]) else {
                throw SyncError(message: "agent \(JSONWriter.quoted(agent)) has no route in the plan of \(date) (version \(version))")
            }
            let settings = try Self.settings(db)
            // When the packet was made, in the agency's time zone at that moment.
            let created = Self.clock(timeZone: settings.timeZone).instant(now ?? Self.now())
            var lines = [Self.packetHeader(agent: agent, date: date, created: created, version: version), route]
            var visits: [(accountID: String?, line: String)] = []
            for row in try Row.fetchAll(db, sql: "SELECT account_id, line FROM plan_visit WHERE plan_id = ? AND agent_id = ? ORDER BY seq",
                                        arguments: [planID, agent]) {
                visits.append((row["account_id"], row["line"]))
            }
            lines += visits.map(\.line)
            for (id, reason) in Self.packetReasons(visits) {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) else { continue }
                lines.append(try Self.debtorLine(db, row.account, reason: reason))
            }
            return lines
        }
    }

    /// `{kind:"debtor", …}`: one visited account as the agent may see it.
    static func debtorLine(_ db: Database, _ a: Account, reason: String) throws -> String {
        let last = try Row.fetchOne(db, sql: """
            SELECT code, visited_at, agent_id FROM outcome WHERE account_id = ? ORDER BY visited_epoch DESC, id DESC LIMIT 1
            """, arguments: [a.id]).map { LastOutcome(code: $0["code"], visitedAt: $0["visited_at"], agentID: $0["agent_id"]) }
        let promise = try Row.fetchOne(db, sql: """
            SELECT amount, due_date, state, paid FROM promise WHERE account_id = ? AND state = 'pending' ORDER BY id DESC LIMIT 1
            """, arguments: [a.id]).map { PendingPromise(amount: $0["amount"], dueDate: $0["due_date"], paid: $0["paid"]) }
        return Self.debtorLine(a, reason: reason, lastOutcome: last, promise: promise)
    }

    /// Plausible outcomes for every planned visit of the latest plan of `date`, per agent,
    /// as canonical NDJSON lines: a seeded simulated field day for demos and tests.
    /// Visits are reported at their planned arrival; the mix of codes is roughly what an
    /// agency sees (a quarter not at home, a quarter promises, some payments, the rare
    /// dispute, move or death).
    /// With `until` (seconds after local midnight) only the visits planned to end by then: a
    /// simulated morning, before a re-plan of the rest of the day.
    public func simulateFieldDay(date: CivilDate, seed: UInt64, until: Int? = nil) throws -> [(agent: String, lines: [String])] {
        try writer.read { db in
            guard let planID = try Int64.fetchOne(db, sql: "SELECT id FROM plan WHERE date = ? ORDER BY version DESC LIMIT 1", arguments: [date.description]) else {
                throw SyncError(message: "no plan for \(date); run fieldplan plan --date \(date) first")
            }
            var result: [(String, [String])] = []
            let visitDays = try Self.settings(db).visitDays
            let agents = try String.fetchAll(db, sql: "SELECT agent_id FROM plan_route WHERE plan_id = ? ORDER BY agent_id", arguments: [planID])
            for agent in agents {
                let visits = try Row.fetchAll(db, sql: """
                    SELECT v.account_id, v.line, a.balance FROM plan_visit v JOIN account a ON a.id = v.account_id
                    WHERE v.plan_id = ? AND v.agent_id = ? ORDER BY v.seq
                    """, arguments: [planID, agent]).map { (accountID: $0["account_id"] as String, line: $0["line"] as String, balance: $0["balance"] as Int64) }
                let lines = Self.simulatedLines(date: date, seed: seed, until: until, agent: agent, visits: visits, visitDays: visitDays)
                result.append((agent, lines))
            }
            return result
        }
    }

    /// One plausible outcome; a call-back is set for a day the agency visits on (`visitDays`).
    static func simulatedOutcome(account: String, agent: String, at: Instant, balance: Money, visitDays: [Weekday],
                                 rng: inout SeededGenerator) -> Outcome {
        func uuid() -> String {
            let hex = (0..<4).map { _ in String(format: "%08x", UInt32(truncatingIfNeeded: rng.next())) }.joined()
            let c = Array(hex)
            return "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
        }
        let table: [(OutcomeCode, Int)] = [(.notHome, 24), (.ptp, 24), (.partial, 10), (.paid, 4), (.refused, 8), (.callback, 8),
                                           (.claimsPaid, 3), (.dispute, 3), (.hardship, 3), (.moved, 3), (.wrongAddress, 2),
                                           (.notVisited, 4), (.legal, 1), (.deceased, 1), (.doNotReturn, 2)]
        var pick = Int.random(in: 0..<table.reduce(0) { $0 + $1.1 }, using: &rng)
        var code = OutcomeCode.notHome
        for (c, weight) in table { if pick < weight { code = c; break }; pick -= weight }
        if balance.minorUnits <= 0 && [.ptp, .partial, .paid].contains(code) { code = .notHome }
        var o = Outcome(id: uuid(), accountID: account, agentID: agent, visitedAt: at, code: code)
        let day = at.localDate
        func share(_ low: Int, _ high: Int) -> Money {
            let pct = Int64(Int.random(in: low...high, using: &rng))
            let amount = max(100_00, balance.minorUnits * pct / 100 / 100_00 * 100_00)
            return Money(minorUnits: min(amount, balance.minorUnits))
        }
        switch code {
        case .ptp:
            o.contact = .debtor
            o.promise = .init(amount: share(10, 50), date: day.adding(days: Int.random(in: 2...14, using: &rng)))
        case .paid:
            o.contact = .debtor
            o.collected = .init(amount: balance, receipt: "R" + uuid().prefix(8).uppercased())
        case .partial:
            o.contact = .debtor
            o.collected = .init(amount: share(5, 30), receipt: "R" + uuid().prefix(8).uppercased())
        case .claimsPaid:
            o.contact = .debtor
            o.notes = "says paid at the branch last month; asked for the receipt"
        case .refused, .hardship:
            o.contact = .debtor
        case .dispute:
            o.contact = .debtor
            o.notes = "disputes the amount; says the loan was restructured"
        case .callback:
            o.contact = .thirdParty
            let from = [9, 10, 14, 16].randomElement(using: &rng)!
            var next = day.adding(days: Int.random(in: 2...5, using: &rng))
            for _ in 0..<7 where !visitDays.isEmpty && !visitDays.contains(next.weekday) { next = next.adding(days: 1) }
            o.nextVisit = .init(date: next, window: TimeWindow(from: LocalTime(minutes: from * 60), to: LocalTime(minutes: from * 60 + 120)))
        case .moved, .deceased, .legal:
            o.contact = .thirdParty
        case .notVisited:
            o.contact = ContactType.none
            o.notes = ["ran out of time", "outside visiting hours", "unsafe area today"].randomElement(using: &rng)!
        default:
            o.contact = ContactType.none
        }
        return o
    }
}

extension FieldPlanStore {
    /// `importRecords(_:sync: true, …)` that waits its turn: while another import holds the
    /// store (SQLite's busy timeout of 30 s ran out before the transaction began, so nothing
    /// was done), it tries again, up to `maxWaits` times. Two devices syncing at once both
    /// complete, one after the other.
    public func syncRecords(
        _ inputs: [ImportInput],
        now: Int64? = nil,
        maxWaits: Int = 20,
        onWait: (Int) -> Void = { _ in },
        onReject: (Rejection) -> Void = { _ in },
        onProgress: (Int) -> Void = { _ in }
    ) throws -> ImportSummary {
        var attempt = 0
        while true {
            do {
                return try importRecords(inputs, sync: true, now: now, onReject: onReject, onProgress: onProgress)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < maxWaits {
                attempt += 1
                onWait(attempt)
            }
        }
    }
}
