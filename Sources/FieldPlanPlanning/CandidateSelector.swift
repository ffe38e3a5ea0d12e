import FieldPlanCore

/// Decides who may be visited on the day and by whom (SPEC §5 hard rules and the compliance
/// limits of §3): plannable status, a location, the minimum gap since the last visit, holds
/// from outcomes, `no_visit_before`, `max_visits_per_month`, visiting days and hours.
/// Appointments and call-backs are mandatory; when one cannot be planned it is reported
/// with its reason instead.
public struct CandidateSelector: Sendable {
    public let input: PlanningInput

    public init(input: PlanningInput) { self.input = input }

    /// The agents who work on the day, in id order.
    public var workingAgents: [Agent] {
        let weekday = input.date.weekday
        return input.agents
            .filter { $0.isActive && $0.works(on: weekday) && !input.absentAgents.contains($0.id) }
            .filter { input.onlyAgents?.contains($0.id) ?? true }
            .sorted { $0.id < $1.id }
    }

    public struct Selection: Sendable {
        public var agents: [Agent]
        public var candidates: [Candidate]
        public var unplanned: [UnplannedVisit]
    }

    /// - Complexity: O(accounts + appointments + agents²).
    public func select() -> Selection {
        let date = input.date
        let settings = input.settings
        let agents = workingAgents
        guard settings.visitDays.contains(date.weekday) else {
            return Selection(agents: [], candidates: [], unplanned: input.appointments.filter { $0.date == date }.map {
                UnplannedVisit(accountID: $0.accountID, agentID: $0.agentID, reason: "\(date.weekday.rawValue) is not a visiting day (settings visit_days)")
            })
        }
        let working = Set(agents.map(\.id))
        let neighbours = Self.neighbours(of: input.absentAgents, among: agents, all: input.agents)
        let appointmentsToday = Dictionary(grouping: input.appointments.filter { $0.date == date }, by: \.accountID)
        var candidates: [Candidate] = []
        var unplanned: [UnplannedVisit] = []

        for account in input.accounts.sorted(by: { $0.id < $1.id }) {
            let h = input.history[account.id] ?? .none
            let appointment = appointmentsToday[account.id]?.min { $0.window.from < $1.window.from }
            let callback = h.callback.flatMap { $0.date == date ? $0 : nil }
            let mustVisit = appointment != nil || callback != nil
            let what = appointment != nil ? "appointment \(appointment!.id)" : "call-back"

            // Who may visit.
            var agentIDs: [String]
            var urgentFromAbsentZone = false
            if let a = appointment?.agentID {
                agentIDs = working.contains(a) ? [a] : []
                if agentIDs.isEmpty {
                    unplanned.append(UnplannedVisit(accountID: account.id, agentID: a,
                                                    reason: "\(what): agent \(a) is not working on \(date) (\(date.weekday.rawValue))"))
                    continue
                }
            } else if input.zoneAgents == nil {
                agentIDs = agents.map(\.id)
            } else if let zone = account.zoneID, let owner = input.zoneAgents?[zone] {
                if working.contains(owner) {
                    agentIDs = [owner]
                } else if input.absentAgents.contains(owner) {
                    agentIDs = neighbours[owner] ?? []
                    urgentFromAbsentZone = true
                } else {
                    agentIDs = []
                }
            } else {
                agentIDs = mustVisit ? agents.map(\.id) : []
            }
            if agentIDs.isEmpty {
                if mustVisit {
                    unplanned.append(UnplannedVisit(accountID: account.id, agentID: nil, reason: "\(what): no working agent covers the account's zone"))
                }
                continue
            }

            if let reason = exclusion(account, h, mustVisit: mustVisit) {
                if mustVisit { unplanned.append(UnplannedVisit(accountID: account.id, agentID: agentIDs.first, reason: "\(what): \(reason)")) }
                continue
            }
            guard let location = account.location else { continue }

            // When.
            var window = settings.visitingHours
            if let w = account.visitWindow {
                guard let both = window.intersection(w) else {
                    if mustVisit { unplanned.append(UnplannedVisit(accountID: account.id, agentID: agentIDs.first, reason: "\(what): the account's window \(w.from)-\(w.to) is outside visiting hours \(settings.visitingHours.from)-\(settings.visitingHours.to)")) }
                    continue
                }
                window = both
            }
            if let requested = appointment?.window ?? callback?.window {
                guard let both = window.intersection(requested) else {
                    unplanned.append(UnplannedVisit(accountID: account.id, agentID: agentIDs.first, reason: "\(what): window \(requested.from)-\(requested.to) is outside visiting hours ∩ the account's window \(window.from)-\(window.to)"))
                    continue
                }
                window = both
            }
            let score = PriorityModel.score(account: account, history: h, date: date, hasAppointment: appointment != nil, hasCallback: callback != nil)
            // An absent agent's zone only sends its urgent stops to the neighbours.
            if urgentFromAbsentZone && !mustVisit && score.reason == .priority { continue }
            candidates.append(Candidate(account: account, location: location, window: window,
                                        serviceMinutes: account.serviceMinutes ?? settings.serviceMinutes, priority: score.points,
                                        reason: score.reason, mandatory: mustVisit, agentIDs: agentIDs))
        }
        return Selection(agents: agents, candidates: candidates, unplanned: unplanned)
    }

    /// Why the account may not be visited today, or nil.
    func exclusion(_ a: Account, _ h: AccountHistory, mustVisit: Bool) -> String? {
        let date = input.date
        let status = a.status ?? .open
        if !status.isPlannable { return "status is \(status.rawValue)" }
        switch h.latestCode {
        case .dispute?: return "disputed on \(h.latestDate!)"
        case .deceased?: return "reported deceased on \(h.latestDate!)"
        case .legal?: return "under legal hold since \(h.latestDate!)"
        case .doNotReturn?: return "do not return (\(h.latestDate!))"
        case .moved?, .wrongAddress?:
            if !h.updatedAfterLatest { return "needs tracing: \(h.latestCode!.rawValue) on \(h.latestDate!)" }
        case .hardship?:
            if let d = h.latestDate, date.dayNumber - d.dayNumber < 30 { return "hardship: no visits until \(d.adding(days: 30))" }
        case .claimsPaid?:
            if let d = h.latestDate, date.dayNumber - d.dayNumber < 14, !h.paidSinceLatest { return "says already paid: held until \(d.adding(days: 14)) or a payment" }
        default: break
        }
        if a.location == nil { return "no location (needs tracing)" }
        if let d = a.noVisitBefore, d > date { return "no visit before \(d)" }
        if mustVisit { return nil }
        if let last = h.lastVisit, date.dayNumber - last.dayNumber < input.settings.minGapDays {
            return "visited on \(last), less than \(input.settings.minGapDays) days ago"
        }
        let monthly = a.maxVisitsPerMonth ?? input.settings.maxVisitsPerMonth
        if h.visitsThisMonth >= monthly { return "already \(h.visitsThisMonth) visits this month (limit \(monthly))" }
        return nil
    }

    /// For each absent agent, the two working agents whose bases are nearest to theirs.
    static func neighbours(of absent: Set<String>, among working: [Agent], all: [Agent]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for a in all where absent.contains(a.id) {
            let near = working.sorted {
                (a.base.greatCircleMetres(to: $0.base), $0.id) < (a.base.greatCircleMetres(to: $1.base), $1.id)
            }
            result[a.id] = near.prefix(2).map(\.id)
        }
        return result
    }
}
