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
        let byDay = tally.byDay
        var days: [(date: CivilDate, figures: ReportFigures)] = []
        var day = facts.from
        while day <= facts.to {
            days.append((day, byDay[day] ?? ReportFigures()))
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

/// The counting state of one report: figures per (row, day) in one flat array, rows and
/// accounts interned to small integers as they are met, so that each fact costs a couple of
/// string hashes and the rest is integer work.
private struct Tally {
    let facts: ReportFacts
    let grouping: ReportGrouping
    let clock: AgencyClock
    let today: CivilDate
    let first: Int
    let dayCount: Int

    /// What one account means for this report, worked out once.
    struct AccountSlot {
        var index: Int
        /// Its row by zone or client (unused by agent).
        var row: Int
        var bucket: Int
    }

    /// A planned stop: its row, and whether it was visited or reported that day.
    struct Stop {
        var row: Int
        var visited = false
        var reported = false
    }

    var rowIndex: [String: Int] = [:]
    var rowIDs: [String] = []
    /// `cells[row * dayCount + day]`.
    var cells: [ReportFigures] = []
    var accounts: [String: AccountSlot] = [:]
    var stops: [UInt64: Stop] = [:]
    var dpdVisits = [Int](repeating: 0, count: DPDBucket.labels.count)
    var dpdCollected = [Int64](repeating: 0, count: DPDBucket.labels.count)

    init(facts: ReportFacts, grouping: ReportGrouping, clock: AgencyClock, today: CivilDate) {
        self.facts = facts
        self.grouping = grouping
        self.clock = clock
        self.today = today
        first = facts.from.dayNumber
        dayCount = max(0, facts.to.dayNumber - facts.from.dayNumber + 1)
        accounts.reserveCapacity(facts.outcomes.count + facts.routes.count * 4)
    }

    /// The day's place in the period, or nil outside it.
    func dayIndex(_ day: CivilDate) -> Int? {
        let d = day.dayNumber - first
        return d >= 0 && d < dayCount ? d : nil
    }

    mutating func row(_ id: String) -> Int {
        if let r = rowIndex[id] { return r }
        let r = rowIDs.count
        rowIndex[id] = r
        rowIDs.append(id)
        cells.append(contentsOf: repeatElement(ReportFigures(), count: dayCount))
        return r
    }

    mutating func account(_ id: String) -> AccountSlot {
        if let slot = accounts[id] { return slot }
        let info = facts.accounts[id]
        let groupRow: Int = switch grouping {
        case .agent: -1
        case .zone: row(info?.zoneID ?? ReportRow.unzonedID)
        case .client: row(info?.client ?? "unknown")
        }
        let bucket = DPDBucket.labels.firstIndex(of: DPDBucket.label(for: info?.daysPastDue))!
        let slot = AccountSlot(index: accounts.count, row: groupRow, bucket: bucket)
        accounts[id] = slot
        return slot
    }

    /// The row of a fact on `account` made or earned by `agent`.
    mutating func row(account: AccountSlot, agent: String?) -> Int {
        grouping == .agent ? row(agent ?? ReportRow.unattributedID) : account.row
    }

    static func key(_ day: Int, _ account: AccountSlot) -> UInt64 { UInt64(day) << 32 | UInt64(account.index) }

    /// Planned stops and kilometres. By agent a route's whole travel is the agent's; by zone
    /// or client each stop takes the leg that leads to it, and the last stop also the legs
    /// that lead to no account (the break, the way back to base), so rows add up.
    mutating func countPlans() {
        for route in facts.routes {
            guard let day = dayIndex(route.date) else { continue }
            var legs = 0
            for (i, stop) in route.stops.enumerated() {
                let slot = account(stop.accountID)
                let r = row(account: slot, agent: route.agentID)
                stops[Self.key(day, slot)] = Stop(row: r)
                legs += stop.legMetres
                cells[r * dayCount + day].planned += 1
                if grouping != .agent {
                    cells[r * dayCount + day].kmPlannedMetres += stop.legMetres + (i == route.stops.count - 1 ? route.travelMetres - legs : 0)
                }
            }
            if grouping == .agent { cells[row(route.agentID) * dayCount + day].kmPlannedMetres += route.travelMetres }
        }
    }

    mutating func countOutcomes() {
        for o in facts.outcomes {
            guard let day = dayIndex(clock.localDate(o.visitedEpoch)) else { continue }
            let slot = account(o.accountID)
            let r = row(account: slot, agent: o.agentID)
            let key = Self.key(day, slot)
            let planned = stops[key] != nil
            if planned {
                stops[key]!.reported = true
                if o.code != .notVisited { stops[key]!.visited = true }
            }
            let c = r * dayCount + day
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
            dpdVisits[slot.bucket] += 1
            if o.code == .paid || o.code == .partial {
                cells[c].collectedMinor += o.collectedMinor ?? 0
                dpdCollected[slot.bucket] += o.collectedMinor ?? 0
            }
        }
        // Each planned stop counts in its own (planned) row, visited by whoever came.
        for (key, stop) in stops {
            let c = stop.row * dayCount + Int(key >> 32)
            if stop.visited { cells[c].plannedVisited += 1 }
            if !stop.reported { cells[c].noReport += 1 }
        }
    }

    /// Posted payments, less those that post a field collection (already counted at the
    /// visit), each attributed to the agent of the latest right-party or PTP visit on the
    /// account within `attributionDays` before it was paid.
    mutating func countPayments() {
        var earners: [String: [(epoch: Int64, agent: String)]] = [:]
        let paying = Set(facts.payments.map(\.accountID))
        for o in facts.outcomes where (o.contact == .debtor || o.code == .ptp) && paying.contains(o.accountID) {
            earners[o.accountID, default: []].append((o.visitedEpoch, o.agentID))
        }
        for key in earners.keys { earners[key]!.sort { ($0.epoch, $0.agent) < ($1.epoch, $1.agent) } }
        let window = Int64(facts.attributionDays) * 86_400
        for p in facts.payments {
            guard let day = dayIndex(clock.localDate(p.paidEpoch)) else { continue }
            if let reference = p.reference, facts.receipts.contains(AccountReceipt(accountID: p.accountID, receipt: reference)) {
                continue
            }
            let agent = earners[p.accountID]?.last { $0.epoch <= p.paidEpoch && $0.epoch >= p.paidEpoch - window }?.agent
            let slot = account(p.accountID)
            cells[row(account: slot, agent: agent) * dayCount + day].collectedMinor += p.amountMinor
            dpdCollected[slot.bucket] += p.amountMinor
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
            let c = row(account: account(p.accountID), agent: p.agentID) * dayCount + day
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

    /// The total of each day over every row.
    var byDay: [CivilDate: ReportFigures] {
        var result: [CivilDate: ReportFigures] = [:]
        for d in 0..<dayCount {
            var sum = ReportFigures()
            for r in rowIDs.indices { sum += cells[r * dayCount + d] }
            result[CivilDate(dayNumber: first + d)] = sum
        }
        return result
    }

    /// The rows: every agent (or zone) of the store, whether or not it did anything, then
    /// any other id the facts named; `unattributed` last and always there by agent.
    func rows() -> [ReportRow] {
        var sums: [String: ReportFigures] = [:]
        for (r, id) in rowIDs.enumerated() {
            var sum = ReportFigures()
            for d in 0..<dayCount { sum += cells[r * dayCount + d] }
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
