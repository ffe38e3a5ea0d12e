import FieldPlanCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The documented priority of visiting an account on a given day (docs/planning.md). Points
/// add up, so a supervisor can see why one debtor outranks another:
///
/// | part | points |
/// | --- | --- |
/// | base | 10 |
/// | balance | 20 × log₂(1 + balance / 10,000) (10k → 20, 100k → 69, 1M → 133) |
/// | days past due | min(dpd, 360) / 10 (up to 36) |
/// | broken promise (date passed in the last 30 days, payments short) | +80 |
/// | promise due today or tomorrow, not yet covered | +60 |
/// | call-back requested for the day | +50 (and mandatory) |
/// | appointment for the day | +50 (and mandatory) |
/// | latest outcome REFUSED (escalation) | +30 |
/// | latest outcome NOT_VISITED (planned, not reached) | +20 |
/// | never visited | +25; otherwise min(days since last visit, 60) / 2 |
/// | latest contact a right-party contact who promised nothing | −10 (a phone call may do) |
///
/// The engine maximizes the sum of points of the visits made, then minimizes travel.
public enum PriorityModel {
    public struct Score: Sendable, Hashable {
        public var points: Int
        public var reason: VisitReason
    }

    public static func score(account: Account, history h: AccountHistory, date: CivilDate,
                             hasAppointment: Bool, hasCallback: Bool) -> Score {
        var points = 10
        let balance = Double(account.balance.minorUnits) / 100
        points += Int((20 * log2(1 + max(0, balance) / 10_000)).rounded())
        points += min(account.daysPastDue ?? 0, 360) / 10
        var reason = VisitReason.priority
        if let p = h.promise, h.paidSincePromise < p.amount {
            let daysLate = date.dayNumber - p.date.dayNumber
            if daysLate > 0 && daysLate <= 30 {
                points += 80
                reason = .brokenPromise
            } else if daysLate == 0 || daysLate == -1 {
                points += 60
                reason = .promiseDue
            }
        }
        if hasCallback { points += 50; reason = .callback }
        if hasAppointment { points += 50; reason = .appointment }
        switch h.latestCode {
        case .refused?: points += 30
        case .notVisited?: points += 20
        default: break
        }
        if let last = h.lastVisit {
            points += min(date.dayNumber - last.dayNumber, 60) / 2
        } else {
            points += 25
        }
        if h.latestContact == .debtor, h.latestCode != .ptp, reason == .priority { points -= 10 }
        return Score(points: max(1, points), reason: reason)
    }
}
