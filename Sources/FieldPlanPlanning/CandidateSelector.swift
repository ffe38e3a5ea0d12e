import FieldPlanCore

/// Decides who may be visited on the day and by whom (SPEC §5 hard rules and the compliance
/// limits of §3): plannable status, a location, the minimum gap since the last visit, holds
/// from outcomes, `no_visit_before`, `max_visits_per_month`, visiting days and hours.
/// Appointments and call-backs are mandatory; when one cannot be planned it is reported
/// with its reason instead.
public struct CandidateSelector: Sendable {
    public let input: PlanningInput
    /// Each account's first appointment after the day and within `min_gap_days` of it.
    let bookedAfter: [String: Appointment]

    public init(input: PlanningInput) {
        self.input = input
        let date = input.date, last = input.date.adding(days: input.settings.minGapDays)
        var booked: [String: Appointment] = [:]
        for a in input.appointments where a.date > date && a.date <= last {
            if let b = booked[a.accountID], (b.date, b.id) <= (a.date, a.id) { continue }
            booked[a.accountID] = a
        }
        bookedAfter = booked
    }

    /// The agents who work on the day, in id order. An agent with a kept route (locked, or
    /// visits with an outcome) works even when `--agents` leaves them out: the route stays.
    /// In a re-plan from a time (`fromTime`), an absent agent whose morning is kept still
    /// works: the kept stops stand, and nothing new is given to them.
    public var workingAgents: [Agent] {
        let weekday = input.date.weekday
        let kept = Set(input.keptRoutes.map(\.agentID))
        let absentKept = input.fromTime == nil ? [] : kept
        return input.agents
            .filter { $0.isActive && $0.works(on: weekday) && (!input.absentAgents.contains($0.id) || absentKept.contains($0.id)) }
            .filter { kept.contains($0.id) || (input.onlyAgents?.contains($0.id) ?? true) }
            .sorted { $0.id < $1.id }
    }

    /// Why nobody can be planned on the day (not a visiting day, no active agent works that
    /// weekday, every one of them absent or left out), or nil when someone works.
    public var nobodyWorking: String? {
        let date = input.date
        let weekday = date.weekday.rawValue
        guard input.settings.visitDays.contains(date.weekday) else {
            return "\(date) is a \(weekday), not a visiting day (settings visit_days: \(input.settings.visitDays.map(\.rawValue).joined(separator: ",")))"
        }
        guard workingAgents.isEmpty else { return nil }
        let onDuty = input.agents.filter { $0.isActive && $0.works(on: date.weekday) }
        if onDuty.isEmpty { return "no active agent works on \(weekday) (\(date))" }
        if onDuty.allSatisfy({ input.absentAgents.contains($0.id) }) {
            return "every agent who works on \(weekday) is absent (\(onDuty.map(\.id).joined(separator: ", ")))"
        }
        return "none of the agents asked for works on \(weekday) (\(date)) or all of them are absent"
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
        // Who may be given visits: an absent agent kept for their morning takes nothing new.
        let takers = agents.filter { !input.absentAgents.contains($0.id) }
        let working = Set(takers.map(\.id))
        let neighbours = Self.neighbours(of: input.absentAgents, among: takers, all: input.agents)
        let appointmentsToday = Dictionary(grouping: input.appointments.filter { $0.date == date }, by: \.accountID)
        let locked = Set(input.keptRoutes.filter(\.locked).map(\.agentID))
        let kept = Set(input.keptRoutes.flatMap(\.accountIDs))
        var candidates: [Candidate] = []
        var unplanned: [UnplannedVisit] = []

        for account in input.accounts.sorted(by: { $0.id < $1.id }) {
            // Already visited today, or kept on the plan as it was: never planned again.
            if kept.contains(account.id) || input.visitedToday.contains(account.id) { continue }
            let h = input.history[account.id] ?? .none
            let appointment = appointmentsToday[account.id]?.min { $0.window.from < $1.window.from }
            let callback = h.callback.flatMap { $0.date == date ? $0 : nil }
            let mustVisit = appointment != nil || callback != nil
            let what = appointment != nil ? "appointment \(appointment!.id)" : "call-back"

            // Who may visit.
            var agentIDs: [String]
            var urgentFromAbsentZone = false
            if let a = appointment?.agentID, input.fromTime != nil, input.absentAgents.contains(a) {
                // Re-planning the rest of the day: the absent agent's appointment moves on.
                agentIDs = neighbours[a] ?? []
            } else if let a = appointment?.agentID {
                agentIDs = working.contains(a) ? [a] : []
                if agentIDs.isEmpty {
                    unplanned.append(UnplannedVisit(accountID: account.id, agentID: a,
                                                    reason: "\(what): agent \(a) is not working on \(date) (\(date.weekday.rawValue))"))
                    continue
                }
            } else if input.zoneAgents == nil {
                agentIDs = takers.map(\.id)
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
                agentIDs = mustVisit ? takers.map(\.id) : []
            }
            if !locked.isEmpty && agentIDs.contains(where: locked.contains) {
                let before = agentIDs
                agentIDs.removeAll(where: locked.contains)
                if agentIDs.isEmpty {
                    if mustVisit {
                        unplanned.append(UnplannedVisit(accountID: account.id, agentID: before.first,
                                                        reason: "\(what): the route of \(before.joined(separator: ", ")) is locked (plan unlock)"))
                    }
                    continue
                }
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
            let requested = appointment?.window ?? callback?.window
            let window: TimeWindow
            switch Self.window(hours: settings.visitingHours, account: account.visitWindow, requested: requested) {
            case .success(let w): window = w
            case .failure(let why):
                if mustVisit { unplanned.append(UnplannedVisit(accountID: account.id, agentID: agentIDs.first, reason: "\(what): \(why.message)")) }
                continue
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

    /// Why a visit has no usable window: a message for the unplanned list.
    public struct WindowProblem: Error, Sendable, Hashable {
        public var message: String
    }

    /// When a visit may start: visiting hours ∩ the account's standing window ∩ the
    /// requested window (appointment or call-back). When that is empty or a single instant,
    /// the debtor's own request wins over the account's standing window (visiting hours, the
    /// law, still bound it); when even that is empty or an instant, there is no window.
    /// A window of zero length is never returned (no 10:00–10:00 stop).
    public static func window(hours: TimeWindow, account: TimeWindow?, requested: TimeWindow?) -> Result<TimeWindow, WindowProblem> {
        func usable(_ w: TimeWindow?) -> TimeWindow? { w.flatMap { $0.from < $0.to ? $0 : nil } }
        let standing = account.map { hours.intersection($0) } ?? hours
        guard let requested else {
            if let w = usable(standing) { return .success(w) }
            let a = account!
            return .failure(WindowProblem(message: "the account's window \(a.from)-\(a.to) \(Self.meets(a, hours)) visiting hours \(hours.from)-\(hours.to)"))
        }
        if let w = usable(standing.flatMap { $0.intersection(requested) }) { return .success(w) }
        if let w = usable(hours.intersection(requested)) { return .success(w) }
        return .failure(WindowProblem(message: "window \(requested.from)-\(requested.to) \(Self.meets(requested, hours)) visiting hours \(hours.from)-\(hours.to)"))
    }

    static func meets(_ w: TimeWindow, _ hours: TimeWindow) -> String {
        guard let both = w.intersection(hours) else { return "is outside" }
        return both.from < both.to ? "is inside" : "only touches at \(both.from)"
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
        if let far = input.offRoad[a.id] { return far }
        if let d = a.noVisitBefore, d > date { return "no visit before \(d)" }
        if mustVisit { return nil }
        let gap = input.settings.minGapDays
        if let booked = bookedSoon(a.id, h) {
            return "\(booked) (not anticipated within min_gap_days \(gap))"
        }
        if let last = h.lastVisit, date.dayNumber - last.dayNumber < gap {
            return "visited on \(last), less than \(input.settings.minGapDays) days ago"
        }
        let monthly = a.maxVisitsPerMonth ?? input.settings.maxVisitsPerMonth
        if h.visitsThisMonth >= monthly { return "already \(h.visitsThisMonth) visits this month (limit \(monthly))" }
        return nil
    }

    /// An appointment or a call-back booked after the day but within `min_gap_days` of it:
    /// visiting on the 11th someone who asked for the 12th is a complaint.
    func bookedSoon(_ accountID: String, _ h: AccountHistory) -> String? {
        let date = input.date
        let last = date.adding(days: input.settings.minGapDays)
        if let a = bookedAfter[accountID] { return "appointment \(a.id) is booked for \(a.date)" }
        if let c = h.callback, c.date > date, c.date <= last { return "a call-back is booked for \(c.date)" }
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
