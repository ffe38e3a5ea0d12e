import FieldPlanCore
import FieldPlanReports

/// A small fixed agency's day for the report golden files: two agents, two zones and an
/// unzoned account; planned, visited, unvisited and unplanned stops; a posted payment that
/// is a field collection's receipt (counted once), one earned by a visit and one nobody
/// earned; promises kept, partially kept, broken and pending.
enum SampleReport {
    static let clock = AgencyClock(fixedOffsetSeconds: 3 * 3600)
    static let day = CivilDate("2026-12-01")!

    static func at(_ date: String, _ hour: Int, _ minute: Int = 0) -> Int64 {
        Int64(CivilDate(date)!.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 - 3 * 3600)
    }

    static var facts: ReportFacts {
        var f = ReportFacts(from: day, to: day, agents: ["AG01": "Wanjiru Otieno", "AG02": "Kiprop Njoroge"],
                            zones: ["Z01": "Kilimani", "Z02": "Eastleigh"], attributionDays: 30)
        f.accounts = [
            "A1": .init(zoneID: "Z01", client: "Equity", daysPastDue: 45),
            "A2": .init(zoneID: "Z01", client: "Equity", daysPastDue: 95),
            "A3": .init(zoneID: "Z01", client: "KCB", daysPastDue: 12),
            "A4": .init(zoneID: "Z02", client: "KCB", daysPastDue: 70),
            "A5": .init(zoneID: "Z02", client: "Stima Sacco", daysPastDue: 120),
            "A6": .init(zoneID: nil, client: "Stima Sacco", daysPastDue: nil),
        ]
        f.routes = [
            .init(date: day, agentID: "AG01", travelMetres: 18_400, stops: [("A1", 3_200), ("A2", 2_100), ("A3", 4_000)]),
            .init(date: day, agentID: "AG02", travelMetres: 22_750, stops: [("A4", 6_500), ("A5", 5_250)]),
        ]
        f.outcomes = [
            .init(accountID: "A1", agentID: "AG01", visitedEpoch: at("2026-12-01", 9, 10), code: .ptp, contact: .debtor, promiseMinor: 1_500_000),
            .init(accountID: "A2", agentID: "AG01", visitedEpoch: at("2026-12-01", 10, 5), code: .partial, contact: .debtor,
                  collectedMinor: 250_000, receipt: "RC-1001"),
            .init(accountID: "A3", agentID: "AG01", visitedEpoch: at("2026-12-01", 11, 40), code: .notVisited),
            .init(accountID: "A4", agentID: "AG02", visitedEpoch: at("2026-12-01", 9, 30), code: .notHome, contact: ContactType.none),
            .init(accountID: "A6", agentID: "AG02", visitedEpoch: at("2026-12-01", 15, 0), code: .refused, contact: .thirdParty),
            // An earlier right-party visit that earns A5's payment today.
            .init(accountID: "A5", agentID: "AG02", visitedEpoch: at("2026-11-20", 14, 0), code: .ptp, contact: .debtor, promiseMinor: 400_000),
        ]
        f.payments = [
            .init(accountID: "A2", paidEpoch: at("2026-12-01", 16, 0), amountMinor: 250_000, reference: "RC-1001"),
            .init(accountID: "A5", paidEpoch: at("2026-12-01", 12, 0), amountMinor: 300_000, reference: "MPESA-77"),
            .init(accountID: "A6", paidEpoch: at("2026-12-01", 13, 0), amountMinor: 100_000, reference: "BANK-9"),
        ]
        f.receipts = [AccountReceipt(accountID: "A2", receipt: "RC-1001")]
        f.promises = [
            .init(accountID: "A5", agentID: "AG02", due: day, amountMinor: 400_000, paidMinor: 300_000, state: .broken),
            .init(accountID: "A3", agentID: "AG01", due: day, amountMinor: 200_000, paidMinor: 200_000, state: .kept),
            .init(accountID: "A4", agentID: "AG02", due: day, amountMinor: 500_000, paidMinor: 0, state: .pending),
        ]
        return f
    }

    /// Run the evening after, so the pending promise of the day is broken by then.
    static let now = at("2026-12-02", 8)

    static func report(by: ReportGrouping = .agent) -> Report {
        ReportBuilder(clock: clock, nowEpoch: now).report(.daily, facts: facts, by: by)
    }
}
