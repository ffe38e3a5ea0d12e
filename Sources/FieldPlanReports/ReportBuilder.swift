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
        var tally = Tally(facts: facts, grouping: grouping, clock: clock, today: today)
        tally.countPlans()
        tally.countOutcomes()
        tally.countPayments()
        tally.countPromises()

        let rows = tally.rows()
        var total = ReportFigures()
        for row in rows { total += row.figures }
        var days: [(date: CivilDate, figures: ReportFigures)] = []
        var day = facts.from
        while day <= facts.to {
            days.append((day, tally.byDay[day] ?? ReportFigures()))
            day = day.adding(days: 1)
        }
        var report = Report(kind: kind, from: facts.from, to: facts.to, grouping: grouping, generatedAt: clock.instant(nowEpoch),
                            rows: rows, total: total, days: days)
        if kind == .monthly {
            report.previous = previous.map { self.report(.range, facts: $0, by: .agent).total }
            report.dpd = tally.dpdBuckets()
            if grouping == .agent {
                report.ranking = AgentRanking(rows: rows)
            } else {
                report.ranking = AgentRanking(rows: self.report(.range, facts: facts, by: .agent).rows)
            }
        }
        return report
    }
}

/// The counting state of one report: figures per (day, row) as facts are met.
private struct Tally {
    let facts: ReportFacts
    let grouping: ReportGrouping
    let clock: AgencyClock
    let today: CivilDate

    struct Key: Hashable {
        var day: CivilDate
        var row: String
    }

    struct DayAccount: Hashable {
        var day: CivilDate
        var account: String
    }

    var figures: [Key: ReportFigures] = [:]
    var byDay: [CivilDate: ReportFigures] = [:]
    /// Planned stops: the (day, account) pairs and the row each is counted in.
    var plannedStops: [DayAccount: String] = [:]
    var visitedStops: Set<DayAccount> = []
    var reportedStops: Set<DayAccount> = []
    var dpdVisits: [String: Int] = [:]
    var dpdCollected: [String: Int64] = [:]

    init(facts: ReportFacts, grouping: ReportGrouping, clock: AgencyClock, today: CivilDate) {
        self.facts = facts
        self.grouping = grouping
        self.clock = clock
        self.today = today
    }

    func inPeriod(_ day: CivilDate) -> Bool { day >= facts.from && day <= facts.to }

    /// The row of a fact on `account` made or earned by `agent`.
    func row(account: String, agent: String?) -> String {
        switch grouping {
        case .agent: return agent ?? ReportRow.unattributedID
        case .zone: return facts.accounts[account]?.zoneID ?? ReportRow.unzonedID
        case .client: return facts.accounts[account]?.client ?? "unknown"
        }
    }

    func bucket(_ account: String) -> String { DPDBucket.label(for: facts.accounts[account]?.daysPastDue) }

    mutating func add(_ day: CivilDate, _ row: String, _ change: (inout ReportFigures) -> Void) {
        change(&figures[Key(day: day, row: row), default: ReportFigures()])
        change(&byDay[day, default: ReportFigures()])
    }

    /// Planned stops and kilometres. By agent a route's whole travel is the agent's; by zone
    /// or client each stop takes the leg that leads to it, and the last stop also the legs
    /// that lead to no account (the break, the way back to base), so rows add up.
    mutating func countPlans() {
        let kmPerStop = grouping != .agent
        for route in facts.routes where inPeriod(route.date) {
            var legs = 0
            for (i, stop) in route.stops.enumerated() {
                let row = row(account: stop.accountID, agent: route.agentID)
                plannedStops[DayAccount(day: route.date, account: stop.accountID)] = row
                legs += stop.legMetres
                let rest = i == route.stops.count - 1 ? route.travelMetres - legs : 0
                add(route.date, row) { f in
                    f.planned += 1
                    if kmPerStop { f.kmPlannedMetres += stop.legMetres + rest }
                }
            }
            if !kmPerStop {
                add(route.date, route.agentID) { $0.kmPlannedMetres += route.travelMetres }
            }
        }
    }

    mutating func countOutcomes() {
        for o in facts.outcomes {
            let day = clock.localDate(o.visitedEpoch)
            guard inPeriod(day) else { continue }
            let row = row(account: o.accountID, agent: o.agentID)
            let stop = DayAccount(day: day, account: o.accountID)
            reportedStops.insert(stop)
            let planned = plannedStops[stop] != nil
            if o.code != .notVisited && planned { visitedStops.insert(stop) }
            add(day, row) { f in
                f.outcomes[o.code, default: 0] += 1
                if o.code == .notVisited {
                    f.notVisited += 1
                    return
                }
                f.visits += 1
                if !planned { f.unplannedVisits += 1 }
                if o.contact == .debtor || o.contact == .thirdParty { f.contacts += 1 }
                if o.contact == .debtor { f.rpc += 1 }
                if o.code == .ptp {
                    f.ptp += 1
                    f.ptpMinor += o.promiseMinor ?? 0
                }
                if o.code == .paid || o.code == .partial { f.collectedMinor += o.collectedMinor ?? 0 }
            }
            if o.code != .notVisited {
                dpdVisits[bucket(o.accountID), default: 0] += 1
                if o.code == .paid || o.code == .partial {
                    dpdCollected[bucket(o.accountID), default: 0] += o.collectedMinor ?? 0
                }
            }
        }
        // Each planned stop counts in its own (planned) row, visited by whoever came.
        for (stop, row) in plannedStops {
            let visited = visitedStops.contains(stop)
            let reported = reportedStops.contains(stop)
            add(stop.day, row) { f in
                if visited { f.plannedVisited += 1 }
                if !reported { f.noReport += 1 }
            }
        }
    }

    /// Posted payments, less those that post a field collection (already counted at the
    /// visit), each attributed to the agent of the latest right-party or PTP visit on the
    /// account within `attributionDays` before it was paid.
    mutating func countPayments() {
        var earners: [String: [(epoch: Int64, agent: String)]] = [:]
        let paying = Set(facts.payments.map(\.accountID))
        for o in facts.outcomes where paying.contains(o.accountID) && (o.contact == .debtor || o.code == .ptp) {
            earners[o.accountID, default: []].append((o.visitedEpoch, o.agentID))
        }
        for key in earners.keys { earners[key]!.sort { ($0.epoch, $0.agent) < ($1.epoch, $1.agent) } }
        let window = Int64(facts.attributionDays) * 86_400
        for p in facts.payments {
            let day = clock.localDate(p.paidEpoch)
            guard inPeriod(day) else { continue }
            if let reference = p.reference, facts.receipts.contains(AccountReceipt(accountID: p.accountID, receipt: reference)) {
                continue
            }
            let agent = earners[p.accountID]?.last { $0.epoch <= p.paidEpoch && $0.epoch >= p.paidEpoch - window }?.agent
            add(day, row(account: p.accountID, agent: agent)) { $0.collectedMinor += p.amountMinor }
            dpdCollected[bucket(p.accountID), default: 0] += p.amountMinor
        }
    }

    /// Promises due in the period by their state as of the report's run: a pending promise
    /// whose date has passed is broken now even if no import has judged it yet; a broken one
    /// with at least half paid by its date is partially kept (docs/sync.md).
    mutating func countPromises() {
        for p in facts.promises where inPeriod(p.due) {
            var state = p.state
            if state == .pending && p.due < today { state = p.paidMinor >= p.amountMinor ? .kept : .broken }
            let partial = state == .broken && p.paidMinor * 2 >= p.amountMinor
            add(p.due, row(account: p.accountID, agent: p.agentID)) { f in
                switch state {
                case .pending: f.pending += 1
                case .cancelled: f.cancelled += 1
                case .kept, .broken:
                    if state == .kept { f.kept += 1 } else if partial { f.partial += 1 } else { f.broken += 1 }
                    f.settledPromisedMinor += p.amountMinor
                    f.settledPaidMinor += min(p.paidMinor, p.amountMinor)
                }
            }
        }
    }

    /// The rows: every agent (or zone) of the store, whether or not it did anything, then
    /// any other id the facts named; `unattributed` last and always there by agent.
    func rows() -> [ReportRow] {
        var sums: [String: ReportFigures] = [:]
        for (key, f) in figures { sums[key.row, default: ReportFigures()] += f }
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
        var buckets = Dictionary(uniqueKeysWithValues: DPDBucket.labels.map { ($0, DPDBucket(label: $0)) })
        for slice in facts.portfolio {
            let label = DPDBucket.label(for: slice.daysPastDue)
            buckets[label]!.accounts += slice.accounts
            buckets[label]!.balanceMinor += slice.balanceMinor
        }
        for (label, n) in dpdVisits { buckets[label]!.visits += n }
        for (label, m) in dpdCollected { buckets[label]!.collectedMinor += m }
        return DPDBucket.labels.map { buckets[$0]! }
    }
}
