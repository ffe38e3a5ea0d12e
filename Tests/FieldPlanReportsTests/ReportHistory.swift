import FieldPlanCore
import FieldPlanReports

/// A generated agency history for the report property tests: plans, outcomes (some not on
/// the plan, some by another agent, some just after midnight), payments (some posting a field
/// collection, some far from any visit) and promises in every state, over a few days.
struct ReportHistory {
    static let offset = 3 * 3600
    static let clock = AgencyClock(fixedOffsetSeconds: offset)
    let facts: ReportFacts
    let nowEpoch: Int64

    init(seed: UInt64, from: CivilDate = CivilDate("2026-11-02")!, days: Int = 5) {
        var g = SeededGenerator(seed: seed)
        let to = from.adding(days: days - 1)
        let agents = (1...4).map { "AG\($0)" }
        let zones = ["Z1", "Z2", "Z3"]
        var accounts: [String: ReportFacts.AccountInfo] = [:]
        for i in 1...40 {
            accounts["A\(i)"] = .init(zoneID: i % 7 == 0 ? nil : zones[i % 3], client: ["Bank", "Sacco"][i % 2],
                                      daysPastDue: i % 11 == 0 ? nil : Int.random(in: 0...150, using: &g))
        }
        let ids = accounts.keys.sorted()
        func epoch(_ day: CivilDate, _ hour: Int, _ minute: Int) -> Int64 {
            Int64(day.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 - Self.offset)
        }
        var routes: [ReportFacts.PlannedRoute] = []
        var outcomes: [ReportFacts.VisitOutcome] = []
        var payments: [ReportFacts.PostedPayment] = []
        var receipts: Set<AccountReceipt> = []
        var promises: [ReportFacts.PromiseDue] = []
        // Days before the period too, for the attribution window and out-of-period facts.
        for d in -3..<(days + 1) {
            let day = from.adding(days: d)
            var free = ids.shuffled(using: &g)
            for agent in agents where Bool.random(using: &g) || d >= 0 {
                let n = Int.random(in: 0...5, using: &g)
                let stops = (0..<min(n, free.count)).map { _ in (accountID: free.removeLast(), legMetres: Int.random(in: 100...9000, using: &g)) }
                let travel = stops.isEmpty ? 0 : stops.reduce(0) { $0 + $1.legMetres } + Int.random(in: 0...5000, using: &g)
                routes.append(.init(date: day, agentID: agent, travelMetres: travel, stops: stops))
                for stop in stops where Int.random(in: 0..<10, using: &g) < 7 {
                    let visitor = Int.random(in: 0..<6, using: &g) == 0 ? agents.randomElement(using: &g)! : agent
                    outcomes.append(Self.outcome(stop.accountID, visitor, epoch(day, Int.random(in: 8...18, using: &g), 5), &g))
                }
            }
            // Unplanned visits, one just after local midnight.
            for _ in 0..<Int.random(in: 0...3, using: &g) {
                outcomes.append(Self.outcome(ids.randomElement(using: &g)!, agents.randomElement(using: &g)!,
                                             epoch(day, Int.random(in: 0...1, using: &g), 10), &g))
            }
            // Payments: some post a field collection's receipt, some earn nobody.
            for _ in 0..<Int.random(in: 0...4, using: &g) {
                let account = ids.randomElement(using: &g)!
                let withReceipt = outcomes.filter { $0.accountID == account && $0.receipt != nil }.randomElement(using: &g)
                let reference = withReceipt != nil && Bool.random(using: &g) ? withReceipt!.receipt : "BANK-\(g.next() % 1000)"
                payments.append(.init(accountID: account, paidEpoch: epoch(day, Int.random(in: 0...23, using: &g), 30),
                                      amountMinor: Int64.random(in: 100...50_000, using: &g), reference: reference))
            }
        }
        for o in outcomes { if let r = o.receipt { receipts.insert(AccountReceipt(accountID: o.accountID, receipt: r)) } }
        for o in outcomes where o.code == .ptp {
            let made = Self.clock.localDate(o.visitedEpoch)
            let due = made.adding(days: Int.random(in: 0...4, using: &g))
            let amount = o.promiseMinor!
            let paid = [0, amount / 3, amount / 2, amount, amount + 100].randomElement(using: &g)!
            let state = ReportFacts.PromiseDue.State.allCases.randomElement(using: &g)!
            promises.append(.init(accountID: o.accountID, agentID: o.agentID, due: due, amountMinor: amount, paidMinor: paid, state: state))
        }
        var portfolio: [ReportFacts.PortfolioSlice] = []
        for (dpd, group) in Dictionary(grouping: ids, by: { accounts[$0]!.daysPastDue }) {
            portfolio.append(.init(daysPastDue: dpd, accounts: group.count, balanceMinor: Int64(group.count) * 10_000))
        }
        facts = ReportFacts(from: from, to: to, agents: Dictionary(uniqueKeysWithValues: agents.map { ($0, "Agent \($0)") }),
                            zones: Dictionary(uniqueKeysWithValues: zones.map { ($0, "Zone \($0)") }), routes: routes,
                            outcomes: outcomes, payments: payments, receipts: receipts, promises: promises, accounts: accounts,
                            portfolio: portfolio.sorted { ($0.daysPastDue ?? -1) < ($1.daysPastDue ?? -1) }, attributionDays: 2)
        nowEpoch = epoch(from.adding(days: 2), 12, 0)
    }

    static func outcome(_ account: String, _ agent: String, _ epoch: Int64, _ g: inout SeededGenerator) -> ReportFacts.VisitOutcome {
        let code = OutcomeCode.allCases.randomElement(using: &g)!
        var o = ReportFacts.VisitOutcome(accountID: account, agentID: agent, visitedEpoch: epoch, code: code,
                                         contact: code == .notVisited ? nil : code == .ptp ? .debtor : ContactType.allCases.randomElement(using: &g))
        if code == .ptp { o.promiseMinor = Int64.random(in: 1_000...90_000, using: &g) }
        if code == .paid || code == .partial {
            o.collectedMinor = Int64.random(in: 500...40_000, using: &g)
            o.receipt = Bool.random(using: &g) ? "R\(g.next() % 100_000)" : nil
        }
        return o
    }
}
