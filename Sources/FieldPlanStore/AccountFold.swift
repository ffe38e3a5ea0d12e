import FieldPlanCore

/// What an account's facts make of it (SPEC §3 outcome table, §6): its client snapshot and
/// every fact, folded in time order into its state, its promises, the review flags of its
/// outcomes, the credit that cleared it and its call-back, with the fact of this run that
/// moved each field. Pure: `AccountEffects` reads the history and writes what changed.
///
/// Facts of a run later than a field's snapshot move that field; facts of the snapshot's run
/// or earlier are taken as already inside it. Promises, holds, call-backs and flags follow
/// from all facts, whatever their run.
package struct AccountFold {
    package typealias Fact = AccountEffects.Fact
    package typealias Credit = AccountEffects.Credit
    package typealias Cause = AccountEffects.Cause
    package typealias State = AccountEffects.State

    /// A promise as the facts leave it.
    package struct Promise {
        package var outcome: String
        package var made: String
        package var amount: Int64
        package var due: CivilDate
        package var state: String
        package var paid: Int64
        /// Broken, but at least half was paid by its date.
        package var partial: Bool
    }

    /// The outcomes in time order, and each one's review flags.
    package let outcomes: [Fact]
    package let flags: [[String]]
    package let state: State
    package let promises: [Promise]
    /// The credit that brought the balance to zero.
    package let zeroCredit: Credit?
    /// The latest outcome when it is a CALLBACK.
    package let callback: Fact?
    /// The fact of this run that last moved each field, and the latest fact of this run.
    package let balanceCause: Cause?, statusCause: Cause?, locationCause: Cause?, latestNew: Cause?

    /// - Parameters:
    ///   - run: the import replaying the account: its facts are the new ones.
    ///   - today: the agency's date now, which decides whether a promise is broken.
    package init(_ h: AccountEffects.History, run: Int64, today: CivilDate) {
        let account = h.account
        let clientBalance = account.clientBalance, clientStatus = account.clientStatus
        let clientLat = account.clientLat, clientLon = account.clientLon
        let balanceRun = account.balanceRun, statusRun = account.statusRun, locationRun = account.locationRun
        let zoneAgent = account.zoneAgent

        // Sorted here: an ORDER BY would make SQLite build a temporary B-tree.
        var outcomes = h.outcomes
        outcomes.sort { ($0.epoch, $0.id) < ($1.epoch, $1.id) }
        // Credits: payments and field collections. A payment whose reference is the receipt
        // of a collection on this account is the posting of that collection: counted once.
        let receipts: Set<String> = outcomes.contains { $0.collected != nil }
            ? Set(outcomes.compactMap { $0.collected != nil ? $0.receipt : nil }.filter { !$0.isEmpty }) : []
        var credits: [Credit] = []
        for p in h.payments {
            if let ref = p.reference, receipts.contains(ref) { continue }
            credits.append(Credit(id: p.id, kind: "payment", at: p.at, epoch: p.epoch, day: String(p.at.prefix(10)),
                                  amount: p.amount, run: p.run,
                                  cause: Cause(kind: "payment", id: p.id, source: p.source, line: p.line, actor: p.channel ?? "accounts")))
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
        var promises: [Promise] = []
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
            promises.append(Promise(outcome: o.id, made: o.at, amount: amount, due: due, state: state, paid: paid,
                                  partial: state == "broken" && paid * 2 >= amount))
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
            guard o.code != .notVisited, outcomes.count > 1 else { continue }
            let earlier = visitsOfDay[o.day, default: [:]]
            if let other = earlier.filter({ $0.key != o.agent }).map(\.value).max() {
                flags[i].append("visited by \(outcomes[other].agent) the same day (\(outcomes[other].at))")
            }
            visitsOfDay[o.day, default: [:]][o.agent] = i
        }

        var new = State(balance: balance, status: status, lat: cleared ? nil : clientLat, lon: cleared ? nil : clientLon, holdUntil: holdUntil)
        if new.lat == nil || new.lon == nil { new.lat = nil; new.lon = nil }

        // The latest fact of this run, named for changes no single fact made.
        var latestNew: Cause?
        var latestNewEpoch = Int64.min
        for o in outcomes where o.run == run && o.epoch > latestNewEpoch { latestNew = o.cause; latestNewEpoch = o.epoch }
        for c in credits where c.run == run && c.kind == "payment" && c.epoch > latestNewEpoch { latestNew = c.cause; latestNewEpoch = c.epoch }

        self.outcomes = outcomes
        self.flags = flags
        self.state = new
        self.promises = promises
        self.zeroCredit = zeroCredit
        self.callback = callback
        self.balanceCause = balanceCause
        self.statusCause = statusCause
        self.locationCause = locationCause
        self.latestNew = latestNew
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
}
