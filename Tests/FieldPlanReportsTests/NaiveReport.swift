import FieldPlanCore
import FieldPlanReports

/// SPEC §7's definitions written out again, as plainly as possible and apart from the
/// builder, for the property tests: one figure at a time, straight from the facts, for the
/// whole agency (`agent == nil`) or for one agent (`unattributed` for payments nobody earned).
struct NaiveReport {
    let facts: ReportFacts
    let nowEpoch: Int64
    let offset = ReportHistory.offset

    func day(_ epoch: Int64) -> CivilDate {
        let local = epoch + Int64(offset)
        return CivilDate(dayNumber: Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400))
    }

    func inPeriod(_ d: CivilDate) -> Bool { d >= facts.from && d <= facts.to }

    var stops: [(day: CivilDate, agent: String, account: String)] {
        facts.routes.filter { inPeriod($0.date) }.flatMap { r in r.stops.map { (r.date, r.agentID, $0.accountID) } }
    }

    var periodOutcomes: [ReportFacts.VisitOutcome] { facts.outcomes.filter { inPeriod(day($0.visitedEpoch)) } }

    func visits(_ agent: String?) -> [ReportFacts.VisitOutcome] {
        periodOutcomes.filter { $0.code != .notVisited && (agent == nil || $0.agentID == agent) }
    }

    func figure(_ name: String, agent: String?) -> Int64 {
        let mine = { (a: String) in agent == nil || a == agent }
        switch name {
        case "planned": return Int64(stops.filter { mine($0.agent) }.count)
        case "visits": return Int64(visits(agent).count)
        case "planned_visited":
            return Int64(stops.filter { s in mine(s.agent) && periodOutcomes.contains { $0.code != .notVisited && $0.accountID == s.account && day($0.visitedEpoch) == s.day } }.count)
        case "unplanned_visits":
            return Int64(visits(agent).filter { v in !stops.contains { $0.account == v.accountID && $0.day == day(v.visitedEpoch) } }.count)
        case "not_visited": return Int64(periodOutcomes.filter { $0.code == .notVisited && mine($0.agentID) }.count)
        case "no_report":
            return Int64(stops.filter { s in mine(s.agent) && !periodOutcomes.contains { $0.accountID == s.account && day($0.visitedEpoch) == s.day } }.count)
        case "contacts": return Int64(visits(agent).filter { $0.contact == .debtor || $0.contact == .thirdParty }.count)
        case "rpc": return Int64(visits(agent).filter { $0.contact == .debtor }.count)
        case "ptp": return Int64(visits(agent).filter { $0.code == .ptp }.count)
        case "ptp_amount": return visits(agent).filter { $0.code == .ptp }.reduce(0) { $0 + $1.promiseMinor! }
        case "kept", "partial", "broken", "cancelled", "pending":
            return Int64(promisesDue(agent).filter { state($0) == name }.count)
        case "collected":
            let collections = visits(agent).filter { $0.code == .paid || $0.code == .partial }.reduce(0) { $0 + $1.collectedMinor! }
            let posted = facts.payments.filter { p in
                inPeriod(day(p.paidEpoch)) && !(p.reference.map { facts.receipts.contains(AccountReceipt(accountID: p.accountID, receipt: $0)) } ?? false)
                    && (agent == nil || earner(p) == agent)
            }
            return collections + posted.reduce(0) { $0 + $1.amountMinor }
        case "km_planned": return Int64(facts.routes.filter { inPeriod($0.date) && mine($0.agentID) }.reduce(0) { $0 + $1.travelMetres })
        default: fatalError("no figure \(name)")
        }
    }

    func promisesDue(_ agent: String?) -> [ReportFacts.PromiseDue] {
        facts.promises.filter { inPeriod($0.due) && (agent == nil || $0.agentID == agent) }
    }

    func state(_ p: ReportFacts.PromiseDue) -> String {
        let today = day(nowEpoch)
        var s = p.state.rawValue
        if s == "pending" && p.due < today { s = p.paidMinor >= p.amountMinor ? "kept" : "broken" }
        if s == "broken" && 2 * p.paidMinor >= p.amountMinor { s = "partial" }
        return s
    }

    /// The agent of the latest right-party or PTP visit within the window before the payment.
    func earner(_ p: ReportFacts.PostedPayment) -> String {
        let window = Int64(facts.attributionDays) * 86_400
        let candidates = facts.outcomes.filter {
            $0.accountID == p.accountID && ($0.contact == .debtor || $0.code == .ptp) && $0.visitedEpoch <= p.paidEpoch
                && $0.visitedEpoch >= p.paidEpoch - window
        }
        guard let latest = candidates.max(by: { ($0.visitedEpoch, $0.agentID) < ($1.visitedEpoch, $1.agentID) }) else { return ReportRow.unattributedID }
        return latest.agentID
    }

    static let additive = ["planned", "visits", "planned_visited", "unplanned_visits", "not_visited", "no_report", "contacts", "rpc",
                           "ptp", "ptp_amount", "kept", "partial", "broken", "cancelled", "pending", "collected", "km_planned"]
}

extension ReportFigures {
    /// The figure SPEC §7 names `key`.
    func value(_ key: String) -> Int64 {
        switch key {
        case "planned": Int64(planned)
        case "visits": Int64(visits)
        case "planned_visited": Int64(plannedVisited)
        case "unplanned_visits": Int64(unplannedVisits)
        case "not_visited": Int64(notVisited)
        case "no_report": Int64(noReport)
        case "contacts": Int64(contacts)
        case "rpc": Int64(rpc)
        case "ptp": Int64(ptp)
        case "ptp_amount": ptpMinor
        case "kept": Int64(kept)
        case "partial": Int64(partial)
        case "broken": Int64(broken)
        case "cancelled": Int64(cancelled)
        case "pending": Int64(pending)
        case "collected": collectedMinor
        case "km_planned": Int64(kmPlannedMetres)
        default: fatalError("no figure \(key)")
        }
    }
}
