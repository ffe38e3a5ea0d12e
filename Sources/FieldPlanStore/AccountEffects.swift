import FieldPlanCore
import FieldPlanInterchange
import Foundation
import GRDB

/// Stores an import's outcomes and payments and keeps their accounts following them
/// (SPEC §3 outcome table, §6), inside the caller's transaction: facts wait (`stage`), a
/// flush stores them account by account, and each account is replayed: its history read,
/// folded (`AccountFold`, pure) and what changed written, with its audit rows.
///
/// The account line a client sends is a *snapshot*: balance, status and location as the
/// client sees them when it is imported (run R). Facts stored in a later run apply on top of
/// it, replayed in `visited_at` / `paid_at` order; facts of the same run or earlier are taken
/// as already inside the snapshot, which is what makes an export (derived values plus its
/// facts) import back unchanged.
///
/// Replaying the whole history whenever facts arrive makes the result a function of the
/// *set* of facts: shuffled, duplicated or late input gives the same final store, and
/// "latest `visited_at` wins" needs no special case.
/// - Complexity: O(facts of the account) per replay, at most two replays per account and
///   import.
package final class AccountEffects {
    let db: Database
    let run: Int64
    let now: Int64
    /// The agency's local date at `now`, which decides whether a promise is broken.
    let today: CivilDate
    let visitingHours: TimeWindow

    /// What made a replay happen, for the audit trail.
    package struct Cause {
        package var kind: String
        package var id: String
        package var source: String?
        package var line: Int?
        package var actor: String?
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
        stateRows = try BatchedInsert(db, head: "INSERT INTO account_state(account_id, balance, status, lat, lon, hold_until, updated_at)", width: 7, tail: """
            ON CONFLICT(account_id) DO UPDATE SET balance = excluded.balance, status = excluded.status, lat = excluded.lat,
                lon = excluded.lon, hold_until = excluded.hold_until, updated_at = excluded.updated_at
            """)
        promiseRows = try BatchedInsert(db, head: """
            INSERT INTO promise(account_id, outcome_id, amount, due_date, state, paid, made_at, partial, updated_at)
            """, width: 9, tail: """
            ON CONFLICT(outcome_id) DO UPDATE SET state = excluded.state, paid = excluded.paid, partial = excluded.partial,
                updated_at = excluded.updated_at
            """)
        auditRows = try BatchedInsert(db, head: "INSERT INTO audit(at, run, account_id, source, line, fact_kind, fact_id, actor, field, old, new)",
                                   width: 11)
    }

    /// What replays write most, gathered for a chunk of accounts and written many rows to a
    /// statement (`writeChunk()`): derived states, promises and audit rows.
    private let stateRows: BatchedInsert
    private let promiseRows: BatchedInsert
    private let auditRows: BatchedInsert

    private func writeChunk() throws {
        try stateRows.flush()
        try promiseRows.flush()
        try auditRows.flush()
    }

    // MARK: checks before a fact is stored

    /// A collection or payment over this many times the client's balance is refused as a
    /// typing error (with a floor of 1,000.00 for small balances).
    static let absurdFactor: Int64 = 10
    static let absurdFloor: Int64 = 100_000

    private var queries: [String: QueryStatement] = [:]

    /// A statement prepared once per connection (cached) and looked up once per import, by a short key (hashing the SQL text for
    /// every use would cost more than running it).
    private func query(_ key: String, _ sql: @autoclosure () -> String) throws -> QueryStatement {
        if let q = queries[key] { return q }
        let q = try QueryStatement(db, sql(), cached: true)
        queries[key] = q
        return q
    }

    package static func checkAmount(_ amount: Money, clientBalance balance: Int64, field: String) throws {
        let limit = max(balance * Self.absurdFactor, Self.absurdFloor)
        if amount.minorUnits > limit {
            throw FieldError(field, "\(amount.decimalText) is more than \(Self.absurdFactor) times the account's balance \(Money(minorUnits: balance).decimalText); check the amount")
        }
    }

    /// Refuses amounts that cannot be right, measured against the account's balance as its
    /// client last sent it; everything else is a fact and is kept.
    func check(_ o: Outcome, clientBalance: Int64) throws {
        if let c = o.collected { try Self.checkAmount(c.amount, clientBalance: clientBalance, field: "collected.amount") }
        if let p = o.promise { try Self.checkAmount(p.amount, clientBalance: clientBalance, field: "promise.amount") }
    }

    func check(_ p: Payment, clientBalance: Int64) throws {
        try Self.checkAmount(p.amount, clientBalance: clientBalance, field: "amount")
    }

    // MARK: staging

    /// Facts waiting for `flush()`, in input order.
    private var staged: [StagedFact] = []
    /// Each staged fact's key with its account's: a fact staged again for another account
    /// must wait for a flush, or account order rather than input order would decide which of
    /// the two lines is stored.
    private var stagedAccounts: [UInt64: UInt64] = [:]
    /// Accounts whose replay waits for the last flush of the import (or for this set to reach
    /// `deferredThreshold`): those that got new facts while they already had some, and those
    /// marked for a replay without a new fact.
    private var dirty: Set<String> = []

    /// How many accounts may wait for their replay; past it a flush replays them all.
    static let deferredThreshold = 262_144

    /// How many facts the importer lets wait before a flush: enough that a flush sweeps the
    /// store in account order, few enough to bound their memory (a few hundred bytes each).
    static let flushThreshold = 32_768

    var stagedCount: Int { staged.count }

    /// Whether `fact` may wait with the staged facts; if not, flush first.
    func canStage(_ fact: StagedFact) -> Bool {
        stagedAccounts[fact.key].map { $0 == fact.accountKey } ?? true
    }

    func stage(_ fact: StagedFact) {
        stagedAccounts[fact.key] = fact.accountKey
        staged.append(fact)
    }

    /// Stores one staged fact given its account as it stands (nil: no such account); its
    /// rowid when it was stored, nil for a duplicate or a refused line.
    typealias StoreFact = (StagedFact, AccountRow?) throws -> Int64?

    /// Each zone's agent, read at the start of a flush.
    private var zoneAgents: [String: String] = [:]

    /// Stores the staged facts account by account, in id order (input order within an
    /// account), and replays the accounts that got new facts. Reading an account once for
    /// both its facts' checks and its replay, and writing an account's facts side by side, is
    /// what makes a sync fast (issue 6).
    ///
    /// An account that had no fact before is replayed at once from the facts just stored,
    /// with nothing to read back: most accounts of a sync. One that had facts already waits
    /// (`dirty`) for the last flush, so that an account with facts all along a long input is
    /// read and replayed once or twice, not once per flush.
    /// - Parameter last: the input is over: every waiting account is replayed.
    func flush(last: Bool, store: StoreFact) throws {
        let replayWaiting = last || dirty.count >= Self.deferredThreshold
        guard !staged.isEmpty || (replayWaiting && !dirty.isEmpty) else { return }
        let accountIDs = staged.map(\.accountID)
        let order = staged.indices.sorted { a, b in
            accountIDs[a] != accountIDs[b] ? accountIDs[a] < accountIDs[b] : a < b
        }
        // Accounts in id order, each with its run of `order` (empty for one only marked dirty).
        var accounts: [(id: String, facts: Range<Int>)] = []
        let marked = replayWaiting ? dirty.sorted() : []
        var m = 0
        var i = 0
        while i < order.count || m < marked.count {
            let next = i < order.count ? accountIDs[order[i]] : nil
            if m < marked.count, next.map({ marked[m] <= $0 }) ?? true {
                if marked[m] != next { accounts.append((marked[m], i..<i)) }
                m += 1
                continue
            }
            var j = i
            while j < order.count && accountIDs[order[j]] == next { j += 1 }
            accounts.append((next!, i..<j))
            i = j
        }
        // Zones are few and may have changed since the last flush (an import can bring both).
        zoneAgents = [:]
        let zones = try query("zone-agents", "SELECT id, agent_id FROM zone WHERE agent_id IS NOT NULL").bind()
        while try zones.step() { zoneAgents[zones.text(0) ?? ""] = zones.text(1) }
        var start = 0
        while start < accounts.count {
            let chunk = accounts[start..<min(start + Self.chunkSize, accounts.count)]
            let rows = try accountRows(chunk.map(\.id))
            // The chunk's histories in order: built from the new facts of an account that had
            // none before (nothing to read back: without a stored fact there is no promise,
            // clearance or call-back either), nil where they are read from the store.
            var built: [History?] = []
            var toRead: [AccountRow] = []
            for (row, account) in zip(rows, chunk) {
                var history = row.map { History(account: $0) }
                for k in account.facts {
                    let fact = staged[order[k]]
                    guard let rowid = try store(fact, row) else { continue }
                    history?.add(fact, rowid: rowid, run: run)
                }
                guard let row, let history else { continue }
                let waiting = dirty.contains(row.id)
                if !history.isEmpty && !row.hasStoredFacts && !waiting {
                    built.append(history)
                } else if replayWaiting && (waiting || !history.isEmpty) {
                    built.append(nil)
                    toRead.append(row)
                } else if !history.isEmpty {
                    dirty.insert(row.id)
                }
            }
            var read = try histories(toRead).makeIterator()
            for history in built { try replay(history ?? read.next()!) }
            try writeChunk()
            start += Self.chunkSize
        }
        staged.removeAll(keepingCapacity: true)
        stagedAccounts.removeAll(keepingCapacity: true)
        if replayWaiting { dirty.removeAll() }
    }

    // MARK: replay

    package struct Fact {
        package var id: String
        package var agent: String
        package var at: String
        package var epoch: Int64
        package var day: String
        package var code: OutcomeCode?
        package var contact: String?
        package var promiseAmount: Int64?
        package var promiseDate: CivilDate?
        package var collected: Int64?
        package var receipt: String?
        package var nextDate: String?
        package var nextFrom: String?
        package var nextTo: String?
        package var run: Int64
        package var flagged: String?
        package var source: String?
        package var line: Int?
        package var rowid: Int64

        package var cause: Cause { Cause(kind: "outcome", id: id, source: source, line: line, actor: agent) }
    }

    package struct Credit {
        package var id: String
        package var kind: String
        package var at: String
        package var epoch: Int64
        package var day: String
        package var amount: Int64
        package var run: Int64
        package var cause: Cause
    }

    package struct State: Equatable {
        package var balance: Int64
        package var status: String
        package var lat: Double?
        package var lon: Double?
        package var holdUntil: String?
    }

    /// A stored payment as the replay reads it.
    package struct PaymentRow {
        package var id: String
        package var amount: Int64
        package var at: String
        package var epoch: Int64
        package var reference: String?
        package var run: Int64
        package var channel: String?
        package var source: String?
        package var line: Int?
    }

    /// An account as its facts' checks and its replay read it: its state now (derived, when
    /// facts have moved it) and the client's snapshot it derives from.
    package struct AccountRow {
        package var id: String
        package var old: State
        package var clientBalance: Int64
        package var clientStatus: String
        package var clientLat: Double?
        package var clientLon: Double?
        package var balanceRun: Int64
        package var statusRun: Int64
        package var locationRun: Int64
        package var zoneAgent: String?
        /// Whether outcomes or payments were stored for it before the facts being added now.
        package var hasStoredFacts: Bool
    }

    /// Everything a replay reads about one account.
    package struct History {
        package var account: AccountRow
        package var outcomes: [Fact] = []
        package var payments: [PaymentRow] = []
        package var storedPromises: [String: (state: String, paid: Int64, partial: Bool)] = [:]
        package var clearance: (fact: String, state: String)?
        package var callbackAppointments: [String] = []

        package var isEmpty: Bool { outcomes.isEmpty && payments.isEmpty }

        /// Adds a fact just stored, as reading it back would give it.
        mutating func add(_ fact: StagedFact, rowid: Int64, run: Int64) {
            let source = fact.origin.source, line = fact.origin.line
            switch fact.record {
            case .outcome(let o):
                let at = o.visitedAt.text
                outcomes.append(Fact(
                    id: o.id, agent: o.agentID, at: at, epoch: o.visitedAt.epochSeconds, day: String(at.prefix(10)), code: o.code,
                    contact: o.contact?.rawValue, promiseAmount: o.promise?.amount.minorUnits, promiseDate: o.promise?.date,
                    collected: o.collected?.amount.minorUnits, receipt: o.collected?.receipt, nextDate: o.nextVisit?.date.description,
                    nextFrom: o.nextVisit?.window?.from.description, nextTo: o.nextVisit?.window?.to.description, run: run,
                    flagged: nil, source: source, line: line, rowid: rowid))
            case .payment(let p):
                payments.append(PaymentRow(id: p.id, amount: p.amount.minorUnits, at: p.paidAt.text, epoch: p.paidAt.epochSeconds,
                                           reference: p.reference, run: run, channel: p.channel, source: source, line: line))
            default:
                break
            }
        }
    }

    /// Accounts whose histories are read together.
    static let chunkSize = 1024

    /// The JSON array of `ids`, for `json_each`: one statement walks a whole chunk of
    /// accounts rather than half a dozen statements per account.
    private static func jsonList(_ ids: some Sequence<String>) -> String {
        var list = "["
        for (n, id) in ids.enumerated() {
            if n > 0 { list += "," }
            list += JSONWriter.quoted(id)
        }
        return list + "]"
    }

    /// The accounts `ids`, in that order; nil for an id without an account.
    private func accountRows(_ ids: [String]) throws -> [AccountRow?] {
        var rows = [AccountRow?](repeating: nil, count: ids.count)
        let a = try query("chunk-accounts", """
            SELECT j.key, IFNULL(s.balance, a.balance), IFNULL(s.status, a.status),
                   CASE WHEN s.account_id IS NULL THEN a.lat ELSE s.lat END, CASE WHEN s.account_id IS NULL THEN a.lon ELSE s.lon END,
                   s.hold_until, a.balance, a.status, a.lat, a.lon, a.balance_run, a.status_run, a.location_run, a.zone_id,
                   EXISTS (SELECT 1 FROM outcome o WHERE o.account_id = a.id) OR EXISTS (SELECT 1 FROM payment p WHERE p.account_id = a.id)
            FROM json_each(?1) j CROSS JOIN account_record a ON a.id = j.value LEFT JOIN account_state s ON s.account_id = a.id
            """).bind(Self.jsonList(ids))
        while try a.step() {
            let i = Int(a.int64(0) ?? 0)
            let old = State(balance: a.int64(1) ?? 0, status: a.text(2) ?? "open", lat: a.double(3), lon: a.double(4), holdUntil: a.text(5))
            rows[i] = AccountRow(id: ids[i], old: old, clientBalance: a.int64(6) ?? 0, clientStatus: a.text(7) ?? "open",
                                 clientLat: a.double(8), clientLon: a.double(9),
                                 balanceRun: a.int64(10) ?? 0, statusRun: a.int64(11) ?? 0, locationRun: a.int64(12) ?? 0,
                                 zoneAgent: a.text(13).flatMap { zoneAgents[$0] }, hasStoredFacts: a.int64(14) != 0)
        }
        return rows
    }

    /// Reads the facts and what they made for `accounts`, in that order. Each query walks
    /// the ids (`json_each`) and joins its table through the table's account index.
    private func histories(_ accounts: [AccountRow]) throws -> [History] {
        guard !accounts.isEmpty else { return [] }
        let list = Self.jsonList(accounts.lazy.map(\.id))
        func jsonList(_ indices: [Int]) -> String { Self.jsonList(indices.lazy.map { accounts[$0].id }) }
        var byIndex: [History?] = accounts.map { History(account: $0) }

        let oc = try query("chunk-outcomes", """
            SELECT j.key, o.id, o.agent_id, o.visited_at, o.visited_epoch, o.code, o.contact, o.promise_amount, o.promise_date,
                   o.collected_amount, o.collected_receipt, o.next_visit_date, o.next_visit_from, o.next_visit_to, o.run, o.flagged,
                   o.source, o.source_line, o.rowid
            FROM json_each(?1) j CROSS JOIN outcome o ON o.account_id = j.value
            """).bind(list)
        while try oc.step() {
            let i = Int(oc.int64(0) ?? 0)
            guard byIndex[i] != nil else { continue }
            let at = oc.text(3) ?? ""
            byIndex[i]!.outcomes.append(Fact(
                id: oc.text(1) ?? "", agent: oc.text(2) ?? "", at: at, epoch: oc.int64(4) ?? 0, day: String(at.prefix(10)),
                code: oc.text(5).flatMap(OutcomeCode.init(rawValue:)), contact: oc.text(6), promiseAmount: oc.int64(7),
                promiseDate: oc.text(8).flatMap { CivilDate($0) }, collected: oc.int64(9), receipt: oc.text(10),
                nextDate: oc.text(11), nextFrom: oc.text(12), nextTo: oc.text(13), run: oc.int64(14) ?? 0, flagged: oc.text(15),
                source: oc.text(16), line: oc.int64(17).map(Int.init), rowid: oc.int64(18) ?? 0))
        }
        let pc = try query("chunk-payments", """
            SELECT j.key, p.id, p.amount, p.paid_at, p.paid_epoch, p.reference, p.run, p.channel, p.source, p.source_line
            FROM json_each(?1) j CROSS JOIN payment p ON p.account_id = j.value
            """).bind(list)
        while try pc.step() {
            let i = Int(pc.int64(0) ?? 0)
            guard byIndex[i] != nil else { continue }
            byIndex[i]!.payments.append(PaymentRow(
                id: pc.text(1) ?? "", amount: pc.int64(2) ?? 0, at: pc.text(3) ?? "", epoch: pc.int64(4) ?? 0, reference: pc.text(5),
                run: pc.int64(6) ?? 0, channel: pc.text(7), source: pc.text(8), line: pc.int64(9).map(Int.init)))
        }
        // What the facts alone make is looked for only where facts could have made it (facts
        // are never deleted): promises come from PTP outcomes, clearances from credits and
        // call-back appointments from CALLBACK outcomes. Most accounts of a sync have none.
        let withPromises = accounts.indices.filter { byIndex[$0]?.outcomes.contains { $0.code == .ptp } == true }
        if !withPromises.isEmpty {
            let pr = try query("chunk-promises", """
                SELECT j.key, p.outcome_id, p.state, p.paid, p.partial FROM json_each(?1) j CROSS JOIN promise p ON p.account_id = j.value
                """).bind(jsonList(withPromises))
            while try pr.step() {
                let i = withPromises[Int(pr.int64(0) ?? 0)]
                byIndex[i]!.storedPromises[pr.text(1) ?? ""] = (pr.text(2) ?? "", pr.int64(3) ?? 0, (pr.int64(4) ?? 0) != 0)
            }
        }
        let withCredits = accounts.indices.filter { i in
            guard let h = byIndex[i] else { return false }
            return !h.payments.isEmpty || h.outcomes.contains { $0.collected != nil }
        }
        if !withCredits.isEmpty {
            let cq = try query("chunk-clearances", """
                SELECT j.key, c.fact_id, c.state FROM json_each(?1) j CROSS JOIN clearance c ON c.account_id = j.value
                """).bind(jsonList(withCredits))
            while try cq.step() {
                byIndex[withCredits[Int(cq.int64(0) ?? 0)]]!.clearance = (cq.text(1) ?? "", cq.text(2) ?? "")
            }
        }
        let withCallbacks = accounts.indices.filter { byIndex[$0]?.outcomes.contains { $0.code == .callback } == true }
        if !withCallbacks.isEmpty {
            let aq = try query("chunk-appointments", """
                SELECT j.key, ap.id FROM json_each(?1) j CROSS JOIN appointment ap ON ap.account_id = j.value
                WHERE ap.outcome_id IS NOT NULL
                """).bind(jsonList(withCallbacks))
            while try aq.step() {
                byIndex[withCallbacks[Int(aq.int64(0) ?? 0)]]!.callbackAppointments.append(aq.text(1) ?? "")
            }
        }
        return byIndex.compactMap { $0 }
    }

    /// Recomputes an account from its snapshot and all its facts and writes what changed,
    /// with one audit row per changed field naming the fact of this run that changed it
    /// (its source file and line are stored with it).
    private func replay(_ h: History) throws {
        let fold = AccountFold(h, run: run, today: today)
        let accountID = h.account.id, old = h.account.old, new = fold.state
        let outcomes = fold.outcomes, flags = fold.flags, promises = fold.promises
        let zeroCredit = fold.zeroCredit, callback = fold.callback, latestNew = fold.latestNew
        let balanceCause = fold.balanceCause, statusCause = fold.statusCause, locationCause = fold.locationCause
        // Writes, each only when something changed.
        var audit: [(field: String, old: String?, new: String?, cause: Cause?)] = []
        if new != old {
            // The narrow state row, not the wide account row: see migration v4-account-state.
            stateRows.add { row in
                row.append(accountID); row.append(new.balance); row.append(new.status); row.append(new.lat); row.append(new.lon)
                row.append(new.holdUntil); row.append(now)
            }
            if new.balance != old.balance { audit.append(("balance", Money(minorUnits: old.balance).decimalText, Money(minorUnits: new.balance).decimalText, balanceCause ?? latestNew)) }
            if new.status != old.status { audit.append(("status", old.status, new.status, statusCause ?? latestNew)) }
            if new.lat != old.lat || new.lon != old.lon { audit.append(("location", Self.location(old.lat, old.lon), Self.location(new.lat, new.lon), locationCause ?? latestNew)) }
            if new.holdUntil != old.holdUntil { audit.append(("hold_until", old.holdUntil, new.holdUntil, outcomes.last?.cause)) }
        }
        for (i, o) in outcomes.enumerated() {
            let text = flags[i].isEmpty ? nil : flags[i].joined(separator: "; ")
            if text != o.flagged {
                try query("flag", "UPDATE outcome SET flagged = ? WHERE rowid = ?").bind(text, o.rowid).execute()
            }
        }
        let stored = h.storedPromises
        for p in promises {
            let before = stored[p.outcome]
            let beforeState = before?.state
            if before == nil || before!.state != p.state || before!.paid != p.paid || before!.partial != p.partial {
                promiseRows.add { row in
                    row.append(accountID); row.append(p.outcome); row.append(p.amount); row.append(p.due.description)
                    row.append(p.state); row.append(p.paid); row.append(p.made); row.append(p.partial ? 1 : 0); row.append(now)
                }
                if beforeState != p.state {
                    audit.append(("promise \(p.outcome)", beforeState, p.state + (p.partial ? " (partially kept)" : ""), latestNew))
                }
            }
        }
        // Clearance: a balance brought to zero by payments waits for accounts to confirm it.
        let clearance = h.clearance
        if let zero = zeroCredit, new.balance == 0 {
            if clearance == nil {
                try query("insert-clearance", "INSERT INTO clearance(account_id, cleared_at, fact_id, state, created_at) VALUES (?, ?, ?, 'pending', ?)")
                    .bind(accountID, zero.at, zero.id, now).execute()
                audit.append(("clearance", nil, "pending", zero.cause))
            } else if clearance!.state == "pending" && clearance!.fact != zero.id {
                try query("update-clearance", "UPDATE clearance SET cleared_at = ?, fact_id = ? WHERE account_id = ?")
                    .bind(zero.at, zero.id, accountID).execute()
            }
        } else if let clearance, clearance.state == "pending" {
            try query("delete-clearance", "DELETE FROM clearance WHERE account_id = ?").bind(accountID).execute()
            audit.append(("clearance", "pending", nil, latestNew))
        }
        // The call-back appointment: only the latest outcome's, if it is a CALLBACK.
        let appointmentID = callback.map { "callback-" + $0.id }
        let existing = h.callbackAppointments
        for id in existing where id != appointmentID {
            try query("delete-appointment", "DELETE FROM appointment WHERE id = ?").bind(id).execute()
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
                """).bind(appointmentID, accountID, date, from, to, now, callback.id).execute()
            if changes > 0 && !existing.contains(appointmentID) { audit.append(("appointment", nil, "\(appointmentID) \(date) \(from)-\(to)", callback.cause)) }
        }
        for a in audit {
            let cause = a.cause
            auditRows.add { row in
                row.append(now); row.append(run); row.append(accountID); row.append(cause?.source ?? "review of due promises")
                row.append(cause?.line); row.append(cause?.kind); row.append(cause?.id); row.append(cause?.actor)
                row.append(a.field); row.append(a.old); row.append(a.new)
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
        dirty.formUnion(ids)
        try flush(last: true) { _, _ in nil }
    }
}
