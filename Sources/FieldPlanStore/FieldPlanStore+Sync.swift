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
            var header = JSONWriter()
            header.string("kind", "packet")
            header.string("agent_id", agent)
            header.string("date", date.description)
            header.string("created_at", created.text)
            header.int("plan_version", version)
            var lines = [header.finish(), route]
            var reasons: [(account: String, reason: String)] = []
            for row in try Row.fetchAll(db, sql: "SELECT account_id, line FROM plan_visit WHERE plan_id = ? AND agent_id = ? ORDER BY seq",
                                        arguments: [planID, agent]) {
                let line: String = row["line"]
                lines.append(line)
                guard let account: String = row["account_id"] else { continue }
                var reason = "priority"
                if case .object(let o)? = try? JSONParser.parse(line), case .string(let r)? = o["reason"] { reason = r }
                if !reasons.contains(where: { $0.account == account }) { reasons.append((account, reason)) }
            }
            for (id, reason) in reasons {
                guard let row = try Row.fetchOne(db, sql: "SELECT * FROM account WHERE id = ?", arguments: [id]) else { continue }
                lines.append(try Self.debtorLine(db, row.account, reason: reason))
            }
            return lines
        }
    }

    /// `{kind:"debtor", …}`: one visited account as the agent may see it.
    static func debtorLine(_ db: Database, _ a: Account, reason: String) throws -> String {
        var w = JSONWriter()
        w.string("kind", "debtor")
        w.string("id", a.id)
        w.string("client", a.client)
        w.string("debtor_name", a.debtorName)
        w.string("address", a.address)
        w.double("lat", a.location?.lat)
        w.double("lon", a.location?.lon)
        w.raw("balance", a.balance.decimalText)
        w.string("currency", a.currency)
        w.int("days_past_due", a.daysPastDue)
        w.string("status", a.status?.rawValue)
        w.string("phone", Masking.phoneForAgent(a.phone, reason: reason))
        w.string("reason", reason)
        if let last = try Row.fetchOne(db, sql: """
            SELECT code, visited_at, agent_id FROM outcome WHERE account_id = ? ORDER BY visited_epoch DESC, id DESC LIMIT 1
            """, arguments: [a.id]) {
            var o = JSONWriter()
            o.string("code", last["code"])
            o.string("visited_at", last["visited_at"])
            o.string("agent_id", last["agent_id"])
            w.raw("last_outcome", o.finish())
        }
        if let p = try Row.fetchOne(db, sql: """
            SELECT amount, due_date, state, paid FROM promise WHERE account_id = ? AND state = 'pending' ORDER BY id DESC LIMIT 1
            """, arguments: [a.id]) {
            var o = JSONWriter()
            o.raw("amount", Money(minorUnits: p["amount"]).decimalText)
            o.string("date", p["due_date"])
            o.raw("paid", Money(minorUnits: p["paid"]).decimalText)
            w.raw("promise", o.finish())
        }
        w.string("notes", a.notes)
        return w.finish()
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
                var lines: [String] = []
                let visits = try Row.fetchAll(db, sql: """
                    SELECT v.account_id, v.line, a.balance FROM plan_visit v JOIN account a ON a.id = v.account_id
                    WHERE v.plan_id = ? AND v.agent_id = ? ORDER BY v.seq
                    """, arguments: [planID, agent])
                for v in visits {
                    guard case .object(let o)? = try? JSONParser.parse(v["line"] as String), case .string(let eta)? = o["eta"],
                          let arrival = Instant(eta) else { continue }
                    if let until, case .string(let etd)? = o["etd"], let end = Instant(etd),
                       end.epochSeconds - Int64(date.dayNumber) * 86_400 + Int64(end.offsetSeconds) > Int64(until) { continue }
                    let visited = Instant(date: date, secondsOfDay: Int(arrival.epochSeconds + Int64(arrival.offsetSeconds) - Int64(date.dayNumber) * 86_400) + 120,
                                          offsetSeconds: arrival.offsetSeconds)
                    let balance = Money(minorUnits: v["balance"])
                    // One generator per visit, seeded by the visit: another day, agent or
                    // account never reuses an outcome id, and the same visit always gets the same one.
                    var h = FNV1a(seed: seed)
                    h.combine("\(date)|\(agent)|\(v["account_id"] as String)")
                    var rng = SeededGenerator(seed: h.value)
                    lines.append(RecordEncoder.outcome(Self.simulatedOutcome(account: v["account_id"], agent: agent, at: visited,
                                                                             balance: balance, visitDays: visitDays, rng: &rng)))
                }
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
