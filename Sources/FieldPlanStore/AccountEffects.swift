import FieldPlanCore
import FieldPlanInterchange
import Foundation
import GRDB

/// Derives an account's state from its client snapshot and every fact stored for it
/// (SPEC §3 outcome table, §6), inside the caller's transaction.
///
/// The account line a client sends is a *snapshot*: balance, status and location as the
/// client sees them when it is imported (run R). Facts (outcomes, payments) stored in a
/// later run apply on top of it, replayed in `visited_at` / `paid_at` order. Facts of the
/// same run or earlier are taken as already inside the snapshot, which is what makes an
/// export (derived values plus its facts) import back unchanged. Promises, holds, call-back
/// appointments and review flags follow from all facts, whatever their run.
///
/// Replaying the whole history whenever one fact arrives makes the result a function of
/// the *set* of facts: shuffled, duplicated or late input gives the same final store, and
/// "latest `visited_at` wins" needs no special case.
/// - Complexity: O(facts of the account) per replay.
final class AccountEffects {
    let db: Database
    let run: Int64
    let now: Int64
    /// The agency's local date at `now`, which decides whether a promise is broken.
    let today: CivilDate
    let visitingHours: TimeWindow

    /// What made a replay happen, for the audit trail.
    struct Cause {
        var kind: String
        var id: String
        var source: String?
        var line: Int?
        var actor: String?
    }

    init(db: Database, run: Int64, now: Int64) throws {
        self.db = db
        self.run = run
        self.now = now
        let settings = try FieldPlanStore.settings(db)
        let offset = FieldPlanStore.utcOffset(timeZone: settings.timeZone, date: CivilDate(dayNumber: Int(now / 86_400)))
        let local = now + Int64(offset)
        today = CivilDate(dayNumber: Int((local >= 0 ? local : local - 86_399) / 86_400))
        visitingHours = settings.visitingHours
        // Replays read accounts all over a large file: map it rather than copy page by page.
        try db.execute(sql: "PRAGMA mmap_size = 1073741824")
    }

    // MARK: checks before a fact is stored

    /// A collection or payment over this many times the client's balance is refused as a
    /// typing error (with a floor of 1,000.00 for small balances).
    static let absurdFactor: Int64 = 10
    static let absurdFloor: Int64 = 100_000

    private func clientBalance(_ accountID: String) throws -> Int64? {
        let q = try query("client-balance", "SELECT COALESCE(client_balance, balance) FROM account WHERE id = ?").bind([accountID])
        guard try q.step() else { return nil }
        defer { q.finish() }
        return q.int64(0)
    }

    private var queries: [String: QueryStatement] = [:]

    /// A statement prepared once per import, by a short key (hashing the SQL text for
    /// every use would cost more than running it).
    private func query(_ key: String, _ sql: @autoclosure () -> String) throws -> QueryStatement {
        if let q = queries[key] { return q }
        let q = try QueryStatement(db, sql())
        queries[key] = q
        return q
    }

    private func checkAmount(_ amount: Money, account: String, field: String) throws {
        guard let balance = try clientBalance(account) else { return }
        let limit = max(balance * Self.absurdFactor, Self.absurdFloor)
        if amount.minorUnits > limit {
            throw FieldError(field, "\(amount.decimalText) is more than \(Self.absurdFactor) times the account's balance \(Money(minorUnits: balance).decimalText); check the amount")
        }
    }

    /// Refuses amounts that cannot be right; everything else is a fact and is kept.
    func check(_ o: Outcome) throws {
        if let c = o.collected { try checkAmount(c.amount, account: o.accountID, field: "collected.amount") }
        if let p = o.promise { try checkAmount(p.amount, account: o.accountID, field: "promise.amount") }
    }

    func check(_ p: Payment) throws {
        try checkAmount(p.amount, account: p.accountID, field: "amount")
    }

    // MARK: replay

    /// Accounts with new facts since the last `flush()`.
    private var dirty: Set<String> = []

    /// Notes that a fact for `accountID` was stored; `flush()` replays it. Replaying once
    /// per batch of lines rather than once per line keeps an account with many new facts
    /// in one file linear rather than quadratic.
    func touched(_ accountID: String) { dirty.insert(accountID) }

    /// Replays every account touched since the last flush.
    func flush() throws {
        guard !dirty.isEmpty else { return }
        for id in dirty.sorted() { try replay(id) }
        dirty.removeAll(keepingCapacity: true)
    }

    private struct Fact {
        var id: String
        var agent: String
        var at: String
        var epoch: Int64
        var day: String
        var code: OutcomeCode?
        var contact: String?
        var promiseAmount: Int64?
        var promiseDate: CivilDate?
        var collected: Int64?
        var receipt: String?
        var nextDate: String?
        var nextFrom: String?
        var nextTo: String?
        var run: Int64
        var flagged: String?
        var source: String?
        var line: Int?

        var cause: Cause { Cause(kind: "outcome", id: id, source: source, line: line, actor: agent) }
    }

    private struct Credit {
        var id: String
        var kind: String
        var at: String
        var epoch: Int64
        var day: String
        var amount: Int64
        var run: Int64
        var cause: Cause
    }

    private struct State: Equatable {
        var balance: Int64
        var status: String
        var lat: Double?
        var lon: Double?
        var holdUntil: String?
    }

    private static func plannable(_ status: String) -> Bool { status == "open" || status == "ptp" }

    private static func statusAfter(_ code: OutcomeCode) -> String? {
        switch code {
        case .ptp: "ptp"
        case .dispute: "disputed"
        case .deceased: "deceased"
        case .legal: "legal_hold"
        case .doNotReturn: "do_not_visit"
        default: nil
        }
    }

    /// Recomputes `accountID` from its snapshot and all its facts and writes what changed,
    /// with one audit row per changed field naming the fact of this run that changed it
    /// (its source file and line are stored with it).
    func replay(_ accountID: String) throws {
        let a = try query("account", """
            SELECT a.balance, a.status, a.lat, a.lon, a.hold_until, a.client_balance, a.client_status, a.client_lat, a.client_lon,
                   a.balance_run, a.status_run, a.location_run, z.agent_id, a.rowid
            FROM account a LEFT JOIN zone z ON z.id = a.zone_id WHERE a.id = ?
            """).bind([accountID])
        guard try a.step() else { return }
        let old = State(balance: a.int64(0) ?? 0, status: a.text(1) ?? "open", lat: a.double(2), lon: a.double(3), holdUntil: a.text(4))
        let hasSnapshot = !a.isNull(5)
        let clientBalance = a.int64(5) ?? old.balance
        let clientStatus = a.text(6) ?? "open"
        let clientLat = hasSnapshot ? a.double(7) : old.lat
        let clientLon = hasSnapshot ? a.double(8) : old.lon
        let balanceRun = a.int64(9) ?? 0
        let statusRun = a.int64(10) ?? 0
        let locationRun = a.int64(11) ?? 0
        let zoneAgent = a.text(12)
        let rowid = a.int64(13) ?? 0  // the update goes straight to the row, not through the id index again
        a.finish()

        var outcomes: [Fact] = []
        let oc = try query("outcomes", """
            SELECT id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date, collected_amount,
                   collected_receipt, next_visit_date, next_visit_from, next_visit_to, run, flagged, source, source_line
            FROM outcome WHERE account_id = ?
            """).bind([accountID])
        while try oc.step() {
            let at = oc.text(2) ?? ""
            outcomes.append(Fact(id: oc.text(0) ?? "", agent: oc.text(1) ?? "", at: at, epoch: oc.int64(3) ?? 0, day: String(at.prefix(10)),
                                 code: oc.text(4).flatMap(OutcomeCode.init(rawValue:)), contact: oc.text(5), promiseAmount: oc.int64(6),
                                 promiseDate: oc.text(7).flatMap { CivilDate($0) }, collected: oc.int64(8),
                                 receipt: oc.text(9), nextDate: oc.text(10), nextFrom: oc.text(11),
                                 nextTo: oc.text(12), run: oc.int64(13) ?? 0, flagged: oc.text(14), source: oc.text(15), line: oc.int64(16).map(Int.init)))
        }
        // Sorted here: an ORDER BY would make SQLite build a temporary B-tree per account.
        outcomes.sort { ($0.epoch, $0.id) < ($1.epoch, $1.id) }
        // Credits: payments and field collections. A payment whose reference is the receipt
        // of a collection on this account is the posting of that collection: counted once.
        let receipts = Set(outcomes.compactMap { $0.collected != nil ? $0.receipt : nil }.filter { !$0.isEmpty })
        var credits: [Credit] = []
        let pc = try query("payments", """
            SELECT id, amount, paid_at, paid_epoch, reference, run, channel, source, source_line FROM payment WHERE account_id = ?
            """).bind([accountID])
        while try pc.step() {
            if let ref = pc.text(4), receipts.contains(ref) { continue }
            let at = pc.text(2) ?? ""
            let id = pc.text(0) ?? ""
            credits.append(Credit(id: id, kind: "payment", at: at, epoch: pc.int64(3) ?? 0, day: String(at.prefix(10)),
                                  amount: pc.int64(1) ?? 0, run: pc.int64(5) ?? 0,
                                  cause: Cause(kind: "payment", id: id, source: pc.text(7), line: pc.int64(8).map(Int.init), actor: pc.text(6) ?? "accounts")))
        }
        for o in outcomes {
            if let amount = o.collected {
                credits.append(Credit(id: o.id, kind: "outcome", at: o.at, epoch: o.epoch, day: o.day, amount: amount, run: o.run, cause: o.cause))
            }
        }
        credits.sort { ($0.epoch, $0.kind, $0.id) < ($1.epoch, $1.kind, $1.id) }

        // The fold, in time order: outcomes and payments merged; at equal instants the
        // outcome first (its own collection is part of it).
        var flags = [[String]](repeating: [], count: outcomes.count)
        var balance = clientBalance
        var status = clientStatus
        var cleared = false
        var zeroCredit: Credit?
        // Attribution: the fact of this run that last moved each field.
        var balanceCause: Cause?, statusCause: Cause?, locationCause: Cause?
        var oi = 0, pi = 0
        let payments = credits.filter { $0.kind == "payment" }
        func applyCredit(_ c: Credit) -> (remaining: Int64, over: Int64)? {
            guard c.run > balanceRun else { return nil }
            let before = balance
            balance -= c.amount
            var over: Int64 = 0
            if balance < 0 { over = -balance; balance = 0 }
            if c.run == run { balanceCause = c.cause }
            if before > 0 && balance == 0 {
                zeroCredit = c
                if status != "closed" { status = "paid"; if c.run == run { statusCause = c.cause } }
            }
            return (balance, over)
        }
        while oi < outcomes.count || pi < payments.count {
            let takeOutcome = pi >= payments.count || (oi < outcomes.count && outcomes[oi].epoch <= payments[pi].epoch)
            if !takeOutcome {
                _ = applyCredit(payments[pi])
                pi += 1
                continue
            }
            let o = outcomes[oi]
            if o.run > statusRun, !Self.plannable(status), o.code != .notVisited {
                flags[oi].append("account was \(status) before this visit")
            }
            if let amount = o.collected, let result = applyCredit(Credit(id: o.id, kind: "outcome", at: o.at, epoch: o.epoch, day: o.day, amount: amount, run: o.run, cause: o.cause)) {
                if result.over > 0 { flags[oi].append("collected \(Money(minorUnits: result.over).decimalText) more than the balance") }
                if o.code == .paid && result.remaining > 0 { flags[oi].append("PAID but \(Money(minorUnits: result.remaining).decimalText) remains") }
            }
            if o.run > statusRun, let code = o.code, let next = Self.statusAfter(code), status != "paid", status != "closed" {
                status = next
                if o.run == run { statusCause = o.cause }
            }
            if o.run > locationRun {
                if o.code == .moved || o.code == .wrongAddress { cleared = true } else if o.contact == "debtor" { cleared = false }
                if o.run == run { locationCause = o.cause }
            }
            oi += 1
        }

        // Promises, from every PTP whatever its run.
        var promises: [(outcome: String, made: String, amount: Int64, due: CivilDate, state: String, paid: Int64, partial: Bool)] = []
        let zeroDay = zeroCredit?.day
        for (i, o) in outcomes.enumerated() where o.code == .ptp {
            guard let amount = o.promiseAmount, let due = o.promiseDate else { continue }
            let dueText = due.description
            let paid = credits.filter { $0.epoch >= o.epoch && $0.day <= dueText }.reduce(Int64(0)) { $0 + $1.amount }
            let superseded = outcomes[(i + 1)...].contains { later in
                later.day <= dueText && (later.code == .ptp || [.dispute, .deceased, .legal, .doNotReturn].contains(later.code))
            }
            let state: String
            if paid >= amount || (zeroDay.map { $0 <= dueText && zeroCredit!.epoch >= o.epoch } ?? false) {
                state = "kept"
            } else if superseded {
                state = "cancelled"
            } else if today > due {
                state = "broken"
            } else {
                state = "pending"
            }
            promises.append((o.id, o.at, amount, due, state, paid, state == "broken" && paid * 2 >= amount))
        }
        if status == "ptp", let latest = promises.last, latest.state != "pending" { status = "open" }

        // Holds and call-backs follow the latest outcome, as the planner reads it.
        var holdUntil: String?
        var callback: Fact?
        if let latest = outcomes.last, let day = CivilDate(latest.day) {
            switch latest.code {
            case .hardship?: holdUntil = day.adding(days: 30).description
            case .claimsPaid?:
                if !credits.contains(where: { $0.epoch > latest.epoch }) { holdUntil = day.adding(days: 14).description }
            case .callback?: if latest.nextDate != nil { callback = latest }
            default: break
            }
        }

        // Review flags that need the whole day: another agent's visit earlier that day.
        var visitsOfDay: [String: [String: Int]] = [:]   // day → agent → index of that agent's latest visit so far
        for (i, o) in outcomes.enumerated() {
            if let zoneAgent, zoneAgent != o.agent { flags[i].append("reassigned: the account's zone belongs to \(zoneAgent)") }
            guard o.code != .notVisited else { continue }
            let earlier = visitsOfDay[o.day, default: [:]]
            if let other = earlier.filter({ $0.key != o.agent }).map(\.value).max() {
                flags[i].append("visited by \(outcomes[other].agent) the same day (\(outcomes[other].at))")
            }
            visitsOfDay[o.day, default: [:]][o.agent] = i
        }

        var new = State(balance: balance, status: status, lat: cleared ? nil : clientLat, lon: cleared ? nil : clientLon, holdUntil: holdUntil)
        if new.lat == nil || new.lon == nil { new.lat = nil; new.lon = nil }

        // Writes, each only when something changed.
        let latestNew = (outcomes.filter { $0.run == run }.map { ($0.epoch, $0.cause) } + credits.filter { $0.run == run && $0.kind == "payment" }.map { ($0.epoch, $0.cause) })
            .max { $0.0 < $1.0 }?.1
        var audit: [(field: String, old: String?, new: String?, cause: Cause?)] = []
        if new != old {
            if new.status != old.status {
                try query("update-account", "UPDATE account SET balance = ?, status = ?, lat = ?, lon = ?, hold_until = ?, updated_at = ? WHERE rowid = ?")
                    .bind([new.balance, new.status, new.lat, new.lon, new.holdUntil, now, rowid]).execute()
            } else {
                // Without `status` in the SET list SQLite leaves the status index alone.
                try query("update-account-same-status", "UPDATE account SET balance = ?, lat = ?, lon = ?, hold_until = ?, updated_at = ? WHERE rowid = ?")
                    .bind([new.balance, new.lat, new.lon, new.holdUntil, now, rowid]).execute()
            }
            if new.balance != old.balance { audit.append(("balance", Money(minorUnits: old.balance).decimalText, Money(minorUnits: new.balance).decimalText, balanceCause ?? latestNew)) }
            if new.status != old.status { audit.append(("status", old.status, new.status, statusCause ?? latestNew)) }
            if new.lat != old.lat || new.lon != old.lon { audit.append(("location", Self.location(old.lat, old.lon), Self.location(new.lat, new.lon), locationCause ?? latestNew)) }
            if new.holdUntil != old.holdUntil { audit.append(("hold_until", old.holdUntil, new.holdUntil, outcomes.last?.cause)) }
        }
        for (i, o) in outcomes.enumerated() {
            let text = flags[i].isEmpty ? nil : flags[i].joined(separator: "; ")
            if text != o.flagged {
                try query("flag", "UPDATE outcome SET flagged = ? WHERE id = ?").bind([text, o.id]).execute()
            }
        }
        var stored: [String: (state: String, paid: Int64, partial: Bool)] = [:]
        if !promises.isEmpty {
            let q = try query("promises", "SELECT outcome_id, state, paid, partial FROM promise WHERE account_id = ?").bind([accountID])
            while try q.step() { stored[q.text(0) ?? ""] = (q.text(1) ?? "", q.int64(2) ?? 0, (q.int64(3) ?? 0) != 0) }
        }
        for p in promises {
            let before = stored[p.outcome]
            let beforeState = before?.state
            if before == nil || before!.state != p.state || before!.paid != p.paid || before!.partial != p.partial {
                try query("upsert-promise", """
                    INSERT INTO promise(account_id, outcome_id, amount, due_date, state, paid, made_at, partial, updated_at)
                    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                    ON CONFLICT(outcome_id) DO UPDATE SET state = ?5, paid = ?6, partial = ?8, updated_at = ?9
                    """).bind([accountID, p.outcome, p.amount, p.due.description, p.state, p.paid, p.made, p.partial, now]).execute()
                if beforeState != p.state {
                    audit.append(("promise \(p.outcome)", beforeState, p.state + (p.partial ? " (partially kept)" : ""), latestNew))
                }
            }
        }
        // Clearance: a balance brought to zero by payments waits for accounts to confirm it.
        // Only an account with credits can have a clearance (facts are never deleted).
        var clearance: (fact: String, state: String)?
        if !credits.isEmpty {
            let cq = try query("clearance", "SELECT fact_id, state FROM clearance WHERE account_id = ?").bind([accountID])
            clearance = try cq.step() ? (cq.text(0) ?? "", cq.text(1) ?? "") : nil
            cq.finish()
        }
        if let zero = zeroCredit, new.balance == 0 {
            if clearance == nil {
                try query("insert-clearance", "INSERT INTO clearance(account_id, cleared_at, fact_id, state, created_at) VALUES (?, ?, ?, 'pending', ?)")
                    .bind([accountID, zero.at, zero.id, now]).execute()
                audit.append(("clearance", nil, "pending", zero.cause))
            } else if clearance!.state == "pending" && clearance!.fact != zero.id {
                try query("update-clearance", "UPDATE clearance SET cleared_at = ?, fact_id = ? WHERE account_id = ?")
                    .bind([zero.at, zero.id, accountID]).execute()
            }
        } else if let clearance, clearance.state == "pending" {
            try query("delete-clearance", "DELETE FROM clearance WHERE account_id = ?").bind([accountID]).execute()
            audit.append(("clearance", "pending", nil, latestNew))
        }
        // The call-back appointment: only the latest outcome's, if it is a CALLBACK.
        let appointmentID = callback.map { "callback-" + $0.id }
        // Only an account with a CALLBACK outcome can have a call-back appointment.
        var existing: [String] = []
        if outcomes.contains(where: { $0.code == .callback }) {
            let aq = try query("appointments", "SELECT id FROM appointment WHERE account_id = ? AND outcome_id IS NOT NULL").bind([accountID])
            while try aq.step() { existing.append(aq.text(0) ?? "") }
        }
        for id in existing where id != appointmentID {
            try query("delete-appointment", "DELETE FROM appointment WHERE id = ?").bind([id]).execute()
            audit.append(("appointment", id, nil, latestNew))
        }
        if let callback, let appointmentID, let date = callback.nextDate {
            let from = callback.nextFrom ?? visitingHours.from.description
            let to = callback.nextTo ?? visitingHours.to.description
            let changes = try query("upsert-appointment", """
                INSERT INTO appointment(id, account_id, date, from_time, to_time, agent_id, updated_at, outcome_id)
                VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7)
                ON CONFLICT(id) DO UPDATE SET account_id = ?2, date = ?3, from_time = ?4, to_time = ?5, outcome_id = ?7, updated_at = ?6
                WHERE account_id IS NOT ?2 OR date IS NOT ?3 OR from_time IS NOT ?4 OR to_time IS NOT ?5 OR outcome_id IS NOT ?7
                """).bind([appointmentID, accountID, date, from, to, now, callback.id]).execute()
            if changes > 0 && !existing.contains(appointmentID) { audit.append(("appointment", nil, "\(appointmentID) \(date) \(from)-\(to)", callback.cause)) }
        }
        if !audit.isEmpty {
            let insert = try query("audit", """
                INSERT INTO audit(at, run, account_id, source, line, fact_kind, fact_id, actor, field, old, new)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for a in audit {
                let cause = a.cause
                try insert.bind([now, run, accountID, cause?.source ?? "review of due promises", cause?.line, cause?.kind, cause?.id,
                                 cause?.actor, a.field, a.old, a.new]).execute()
            }
        }
    }

    private static func location(_ lat: Double?, _ lon: Double?) -> String? {
        guard let lat, let lon else { return nil }
        return "\(JSONWriter.number(lat)),\(JSONWriter.number(lon))"
    }

    /// Replays the accounts whose pending promise passed its date, so a promise breaks
    /// (and `ptp` falls back to `open`) even when no new fact arrives for the account.
    func sweepDuePromises() throws {
        let ids = try String.fetchAll(db, sql: "SELECT DISTINCT account_id FROM promise WHERE state = 'pending' AND due_date < ? ORDER BY account_id",
                                      arguments: [today.description])
        for id in ids { try replay(id) }
    }
}
