import FieldPlanCore

/// Computes SPEC §7's reports from the facts of a period: a pure function of `ReportFacts`,
/// the agency's clock and the moment the report is run, so anyone holding the same export
/// gets the same figures (docs/reports.md gives every definition).
///
/// Every figure is first counted per (day, row) and then summed, which is what makes a
/// range report equal to the sum of its days and the rows add up to the total.
/// - Complexity: O(f log f) for f facts (the attribution sorts each paying account's visits).
public struct ReportBuilder: Sendable {
    public let clock: AgencyClock
    /// When the report is run: promises past their date without cover are broken as of now.
    public let nowEpoch: Int64

    public init(clock: AgencyClock, nowEpoch: Int64) {
        self.clock = clock
        self.nowEpoch = nowEpoch
    }

    /// The agency's date today.
    public var today: CivilDate { clock.localDate(nowEpoch) }

    /// - Parameter previous: for the monthly report, the facts of the month before.
    public func report(_ kind: ReportKind, facts: ReportFacts, by grouping: ReportGrouping, previous: ReportFacts? = nil) -> Report {
        var tally = Tally(facts: facts, first: facts.from, last: facts.to, grouping: grouping, buckets: kind == .monthly, clock: clock, today: today)
        tally.count()
        var report = tally.report(kind, generatedAt: clock.instant(nowEpoch))
        if kind == .monthly {
            report.previous = previous.map { self.report(.range, facts: $0, by: .agent).total }
            report.dpd = tally.dpdBuckets()
            if grouping == .agent {
                report.ranking = AgentRanking(rows: report.rows)
            } else {
                report.ranking = AgentRanking(rows: self.report(.range, facts: facts, by: .agent).rows)
            }
        }
        return report
    }

    /// The monthly report of `facts.from`…`facts.to` with the total of the month `previous`,
    /// from one gathering that covers both (the facts start at `previous`'s first day; their
    /// `from` is this month's). It equals `report(.monthly, facts:, by:, previous:)` given the
    /// same facts twice, with the previous month's dates on the second copy, but counts each
    /// fact once: by agent one tally over both months serves the rows, the days, the ranking
    /// and the previous total; by zone or client a second one, by agent, serves the last two.
    public func monthly(facts: ReportFacts, previous: ClosedRange<CivilDate>, by grouping: ReportGrouping) -> Report {
        var agents = Tally(facts: facts, first: min(previous.lowerBound, facts.from), last: max(previous.upperBound, facts.to), grouping: .agent,
                           buckets: grouping == .agent, clock: clock, today: today)
        agents.count()
        let byAgent = agents.report(.monthly, generatedAt: clock.instant(nowEpoch))
        var report = byAgent
        var buckets = agents
        if grouping != .agent {
            var other = Tally(facts: facts, first: facts.from, last: facts.to, grouping: grouping, buckets: true, clock: clock, today: today)
            other.count()
            report = other.report(.monthly, generatedAt: clock.instant(nowEpoch))
            buckets = other
        }
        report.previous = agents.total(previous)
        report.dpd = buckets.dpdBuckets()
        report.ranking = AgentRanking(rows: byAgent.rows)
        return report
    }
}

/// The counting state of one report: figures per (row, day) in one flat array, rows and
/// accounts interned to small integers as they are met, so that each fact costs a string
/// hash or two and the rest is integer work.
///
/// It counts every day from `first` to `last`; the report's own period (the main one) is
/// `facts.from`…`facts.to` within them, and days before are counted only for the previous
/// month's total.
private struct Tally {
    let facts: ReportFacts
    let grouping: ReportGrouping
    let clock: AgencyClock
    let today: CivilDate
    let first: Int
    let dayCount: Int
    /// Day indices of the main period.
    let main: Range<Int>
    /// Whether the days-past-due buckets are counted (the monthly report's, main period only).
    let buckets: Bool
    /// Whether the facts come numbered (`ReportFacts.accountIDs`): their keys are used as they
    /// are and no account id is hashed.
    let numbered: Bool

    /// A planned stop: its day and row, whether it was visited or reported that day, and the
    /// same account's stop planned before it (-1: none).
    struct Stop {
        var day: Int32
        var row: Int32
        var next: Int32
        var visited = false
        var reported = false
    }

    var rowIndex: [String: Int] = [:]
    var rowIDs: [String] = []
    /// Rows that a fact of the main period named (the rows of the report, with the agents).
    var namedInMain: [Bool] = []
    /// `cells[row * dayCount + day]`.
    var cells: [ReportFigures] = []
    /// Accounts interned (or numbered by the facts): key → id, its row by zone or client and
    /// its bucket (-1: not yet looked up), so each account's details are looked up once.
    var accountKey: [String: Int32] = [:]
    var accountIDs: [String] = []
    var groupRows: [Int32] = []
    var bucketOf: [Int8] = []
    /// Planned stops, one per account and day, chained by account from `stopHead[key]` (-1:
    /// none): an account has a stop or two in a period, so a lookup is an array walk where a
    /// dictionary by (day, account) cost a hash per stop and per outcome.
    var stops: [Stop] = []
    var stopHead: [Int32] = []
    var dpdVisits = [Int](repeating: 0, count: DPDBucket.labels.count)
    var dpdCollected = [Int64](repeating: 0, count: DPDBucket.labels.count)
    /// The agent row met last: facts come in runs of one agent (plans are by agent).
    var lastAgent: (id: String, row: Int)?

    init(facts: ReportFacts, first: CivilDate, last: CivilDate, grouping: ReportGrouping, buckets: Bool, clock: AgencyClock, today: CivilDate) {
        self.facts = facts
        self.grouping = grouping
        self.clock = clock
        self.today = today
        self.buckets = buckets
        self.first = first.dayNumber
        dayCount = max(0, last.dayNumber - first.dayNumber + 1)
        let lower = min(dayCount, max(0, facts.from.dayNumber - self.first))
        main = lower..<max(lower, min(dayCount, facts.to.dayNumber - self.first + 1))
        numbered = facts.carriesAccountKeys
        if numbered {
            accountIDs = facts.accountIDs
            groupRows = [Int32](repeating: -1, count: accountIDs.count)
            bucketOf = [Int8](repeating: -1, count: accountIDs.count)
            stopHead = [Int32](repeating: -1, count: accountIDs.count)
        } else {
            accountKey.reserveCapacity(facts.outcomes.count + facts.payments.count + facts.routes.reduce(0) { $0 + $1.stops.count })
        }
    }

    mutating func count() {
        countPlans()
        countOutcomes()
        countPayments()
        countPromises()
    }

    /// The day's place in the span, or nil outside it.
    func dayIndex(_ day: CivilDate) -> Int? {
        let d = day.dayNumber - first
        return d >= 0 && d < dayCount ? d : nil
    }

    mutating func row(_ id: String) -> Int {
        if let r = rowIndex[id] { return r }
        let r = rowIDs.count
        rowIndex[id] = r
        rowIDs.append(id)
        namedInMain.append(false)
        cells.append(contentsOf: repeatElement(ReportFigures(), count: dayCount))
        return r
    }

    mutating func agentRow(_ id: String) -> Int {
        if let last = lastAgent, last.id == id { return last.row }
        let r = row(id)
        lastAgent = (id, r)
        return r
    }

    /// The key of a fact's account: the one it carries when the facts are numbered.
    mutating func key(_ id: String, _ given: Int32) -> Int { numbered ? Int(given) : key(id) }

    mutating func key(_ id: String) -> Int {
        if let k = accountKey[id] { return Int(k) }
        let k = accountIDs.count
        accountKey[id] = Int32(k)
        accountIDs.append(id)
        groupRows.append(-1)
        bucketOf.append(-1)
        stopHead.append(-1)
        return k
    }

    /// The account's row by zone or client.
    mutating func groupRow(_ k: Int) -> Int {
        if groupRows[k] >= 0 { return Int(groupRows[k]) }
        let info = details(k)
        let r = grouping == .zone ? row(info?.zoneID ?? ReportRow.unzonedID) : row(info?.client ?? "unknown")
        groupRows[k] = Int32(r)
        return r
    }

    /// What the facts say of account `k`.
    func details(_ k: Int) -> ReportFacts.AccountInfo? { numbered ? facts.accountInfo[k] : facts.accounts[accountIDs[k]] }

    /// The account's days-past-due bucket.
    mutating func bucket(_ k: Int) -> Int {
        if bucketOf[k] >= 0 { return Int(bucketOf[k]) }
        let b = DPDBucket.labels.firstIndex(of: DPDBucket.label(for: details(k)?.daysPastDue))!
        bucketOf[k] = Int8(b)
        return b
    }

    /// The cell of a fact of `day` on account `k` made or earned by `agent`; marks its row as
    /// named when the day is in the main period.
    mutating func cell(day: Int, account k: Int, agent: String?) -> Int {
        let r = grouping == .agent ? agentRow(agent ?? ReportRow.unattributedID) : groupRow(k)
        if main.contains(day) { namedInMain[r] = true }
        return r * dayCount + day
    }

    /// The index in `stops` of account `k`'s stop on `day`, if it has one.
    func stop(day: Int, account k: Int) -> Int? {
        var i = stopHead[k]
        while i >= 0 {
            if stops[Int(i)].day == day { return Int(i) }
            i = stops[Int(i)].next
        }
        return nil
    }

    /// Plans account `k` on `day` in `row`; a second stop on the same account and day takes
    /// the first one's place.
    mutating func plan(day: Int, account k: Int, row: Int) {
        if let i = stop(day: day, account: k) {
            stops[i] = Stop(day: Int32(day), row: Int32(row), next: stops[i].next)
        } else {
            stops.append(Stop(day: Int32(day), row: Int32(row), next: stopHead[k]))
            stopHead[k] = Int32(stops.count - 1)
        }
    }

    /// Planned stops and kilometres. By agent a route's whole travel is the agent's; by zone
    /// or client each stop takes the leg that leads to it, and the last stop also the legs
    /// that lead to no account (the break, the way back to base), so rows add up.
    mutating func countPlans() {
        for route in facts.routes {
            guard let day = dayIndex(route.date) else { continue }
            var legs = 0
            for (i, stop) in route.stops.enumerated() {
                let k = numbered ? Int(route.stopKeys[i]) : key(stop.accountID)
                let c = cell(day: day, account: k, agent: route.agentID)
                plan(day: day, account: k, row: c / dayCount)
                legs += stop.legMetres
                cells[c].planned += 1
                if grouping != .agent {
                    cells[c].kmPlannedMetres += stop.legMetres + (i == route.stops.count - 1 ? route.travelMetres - legs : 0)
                }
            }
            if grouping == .agent {
                let r = agentRow(route.agentID)
                if main.contains(day) { namedInMain[r] = true }
                cells[r * dayCount + day].kmPlannedMetres += route.travelMetres
            }
        }
    }

    mutating func countOutcomes() {
        for o in facts.outcomes {
            guard let day = dayIndex(clock.localDate(o.visitedEpoch)) else { continue }
            let k = key(o.accountID, o.accountKey)
            let c = cell(day: day, account: k, agent: o.agentID)
            var planned = false
            if let i = stop(day: day, account: k) {
                planned = true
                stops[i].reported = true
                if o.code != .notVisited { stops[i].visited = true }
            }
            cells[c].countOutcome(o.code)
            if o.code == .notVisited {
                cells[c].notVisited += 1
                continue
            }
            cells[c].visits += 1
            if !planned { cells[c].unplannedVisits += 1 }
            if o.contact == .debtor || o.contact == .thirdParty { cells[c].contacts += 1 }
            if o.contact == .debtor { cells[c].rpc += 1 }
            if o.code == .ptp {
                cells[c].ptp += 1
                cells[c].ptpMinor += o.promiseMinor ?? 0
            }
            let inBuckets = buckets && main.contains(day)
            if inBuckets { dpdVisits[bucket(k)] += 1 }
            if o.code == .paid || o.code == .partial {
                cells[c].collectedMinor += o.collectedMinor ?? 0
                if inBuckets { dpdCollected[bucket(k)] += o.collectedMinor ?? 0 }
            }
        }
        // Each planned stop counts in its own (planned) row, visited by whoever came.
        for stop in stops {
            let c = Int(stop.row) * dayCount + Int(stop.day)
            if stop.visited { cells[c].plannedVisited += 1 }
            if !stop.reported { cells[c].noReport += 1 }
        }
    }

    /// Posted payments, less those that post a field collection (already counted at the
    /// visit), each attributed to the agent of the latest right-party or PTP visit on the
    /// account within `attributionDays` before it was paid. The paying accounts' candidate
    /// visits are grouped by account key (a counting sort), each group in time order.
    mutating func countPayments() {
        let payKeys = facts.payments.map { key($0.accountID, $0.accountKey) }
        let accounts = accountIDs.count
        var paying = [Bool](repeating: false, count: accounts)
        for k in payKeys { paying[k] = true }
        var hasReceipt = [Bool](repeating: false, count: accounts)
        for r in facts.receipts { if let k = numbered ? r.accountKey : accountKey[r.accountID] { hasReceipt[Int(k)] = true } }

        var candidates: [(key: Int32, epoch: Int64, agent: String)] = []
        for o in facts.outcomes where o.contact == .debtor || o.code == .ptp {
            if let k = numbered ? o.accountKey : accountKey[o.accountID], paying[Int(k)] { candidates.append((k, o.visitedEpoch, o.agentID)) }
        }
        var start = [Int](repeating: 0, count: accounts + 1)
        for c in candidates { start[Int(c.key) + 1] += 1 }
        for k in 0..<accounts { start[k + 1] += start[k] }
        var earners = [(epoch: Int64, agent: String)](repeating: (0, ""), count: candidates.count)
        var next = start
        for c in candidates {
            earners[next[Int(c.key)]] = (c.epoch, c.agent)
            next[Int(c.key)] += 1
        }
        for k in 0..<accounts where start[k + 1] - start[k] > 1 {
            earners[start[k]..<start[k + 1]].sort { ($0.epoch, $0.agent) < ($1.epoch, $1.agent) }
        }

        let window = Int64(facts.attributionDays) * 86_400
        for (p, k) in zip(facts.payments, payKeys) {
            guard let day = dayIndex(clock.localDate(p.paidEpoch)) else { continue }
            if let reference = p.reference, hasReceipt[k], facts.receipts.contains(AccountReceipt(accountID: p.accountID, receipt: reference)) {
                continue
            }
            var agent: String?
            var i = start[k + 1]
            while i > start[k] {
                i -= 1
                if earners[i].epoch <= p.paidEpoch && earners[i].epoch >= p.paidEpoch - window {
                    agent = earners[i].agent
                    break
                }
            }
            cells[cell(day: day, account: k, agent: agent)].collectedMinor += p.amountMinor
            if buckets && main.contains(day) { dpdCollected[bucket(k)] += p.amountMinor }
        }
    }

    /// Promises due in the period by their state as of the report's run: a pending promise
    /// whose date has passed is broken now even if no import has judged it yet; a broken one
    /// with at least half paid by its date is partially kept (docs/sync.md).
    mutating func countPromises() {
        for p in facts.promises {
            guard let day = dayIndex(p.due) else { continue }
            var state = p.state
            if state == .pending && p.due < today { state = p.paidMinor >= p.amountMinor ? .kept : .broken }
            let partial = state == .broken && p.paidMinor * 2 >= p.amountMinor
            let c = cell(day: day, account: grouping == .agent ? -1 : key(p.accountID, p.accountKey), agent: p.agentID)
            switch state {
            case .pending: cells[c].pending += 1
            case .cancelled: cells[c].cancelled += 1
            case .kept, .broken:
                if state == .kept { cells[c].kept += 1 } else if partial { cells[c].partial += 1 } else { cells[c].broken += 1 }
                cells[c].settledPromisedMinor += p.amountMinor
                cells[c].settledPaidMinor += min(p.paidMinor, p.amountMinor)
            }
        }
    }

    /// The report of the main period: its rows, their total and each day's total.
    func report(_ kind: ReportKind, generatedAt: Instant) -> Report {
        let rows = rows()
        var total = ReportFigures()
        for row in rows { total += row.figures }
        var days: [(date: CivilDate, figures: ReportFigures)] = []
        for d in main {
            var sum = ReportFigures()
            for r in rowIDs.indices { sum += cells[r * dayCount + d] }
            days.append((CivilDate(dayNumber: first + d), sum))
        }
        return Report(kind: kind, from: facts.from, to: facts.to, grouping: grouping, generatedAt: generatedAt,
                      rows: rows, total: total, days: days)
    }

    /// The total of every row over the days of `period` (within the span).
    func total(_ period: ClosedRange<CivilDate>) -> ReportFigures {
        var sum = ReportFigures()
        let lower = min(dayCount, max(0, period.lowerBound.dayNumber - first))
        let days = lower..<max(lower, min(dayCount, period.upperBound.dayNumber - first + 1))
        for r in rowIDs.indices {
            for d in days { sum += cells[r * dayCount + d] }
        }
        return sum
    }

    /// The rows of the main period: every agent (or zone) of the store, whether or not it
    /// did anything, then any other id its facts named; `unattributed` last and always
    /// there by agent.
    func rows() -> [ReportRow] {
        var sums: [String: ReportFigures] = [:]
        for (r, id) in rowIDs.enumerated() where namedInMain[r] {
            var sum = ReportFigures()
            for d in main { sum += cells[r * dayCount + d] }
            sums[id] = sum
        }
        var ids: Set<String> = Set(sums.keys)
        switch grouping {
        case .agent:
            ids.formUnion(facts.agents.keys)
            ids.insert(ReportRow.unattributedID)
        case .zone: ids.formUnion(facts.zones.keys)
        case .client: break
        }
        let last: String? = switch grouping {
        case .agent: ReportRow.unattributedID
        case .zone: ReportRow.unzonedID
        case .client: nil
        }
        let ordered = ids.filter { $0 != last }.sorted() + (last.map { ids.contains($0) ? [$0] : [] } ?? [])
        return ordered.map { id in
            let name: String? = switch grouping {
            case .agent: facts.agents[id]
            case .zone: facts.zones[id] ?? nil
            case .client: id
            }
            return ReportRow(id: id, name: name, figures: sums[id] ?? ReportFigures())
        }
    }

    func dpdBuckets() -> [DPDBucket] {
        var buckets = DPDBucket.labels.map { DPDBucket(label: $0) }
        for slice in facts.portfolio {
            let i = DPDBucket.labels.firstIndex(of: DPDBucket.label(for: slice.daysPastDue))!
            buckets[i].accounts += slice.accounts
            buckets[i].balanceMinor += slice.balanceMinor
        }
        for i in buckets.indices {
            buckets[i].visits = dpdVisits[i]
            buckets[i].collectedMinor = dpdCollected[i]
        }
        return buckets
    }
}
