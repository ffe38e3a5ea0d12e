import FieldPlanCore

/// Times one agent's visits in a given order, as a supervisor's edit leaves them: leave the
/// base (or the last kept stop) as late as the first window allows, start each visit as
/// early as travel and its window let, take the break where it ends the day earliest.
/// It is the checker's rules run forwards, so an edit it accepts passes the checker, and an
/// edit it refuses is refused with the rule it breaks.
/// - Complexity: O(n²) for n visits (every place of the break is tried).
public struct RouteScheduler: Sendable {
    public var agent: Agent
    public var model: any TravelMatrixSource
    /// Stops that stay as they are before the scheduled ones.
    public var kept: KeptRoute?
    /// Where the kept stops end (the last kept visit's location).
    public var keptEnd: Coordinate?

    public init(agent: Agent, model: any TravelMatrixSource, kept: KeptRoute? = nil, keptEnd: Coordinate? = nil) {
        self.agent = agent
        self.model = model
        self.kept = kept
        self.keptEnd = keptEnd
    }

    /// The route with `visits` in this order after the kept stops, or the rule it breaks.
    public func schedule(_ visits: [Candidate]) -> Result<AgentRoute, PlanEditRefusal> {
        let keptVisits = kept?.route.visitCount ?? 0
        if let m = agent.maxVisits, visits.count + keptVisits > m {
            return .failure(PlanEditRefusal(rule: "max_visits", "\(agent.id) would have \(visits.count + keptVisits) visits (max_visits \(m))"))
        }
        let rule = kept?.keepsBreak == true || visits.count + keptVisits == 0 ? nil : agent.breakRule
        var best: AgentRoute?
        var failure: (progress: Int, refusal: PlanEditRefusal)?
        for position in rule == nil ? [-1] : Array(0...visits.count) {
            switch timed(visits, breakAfter: position, rule: rule) {
            case .success(let r):
                if best == nil || r.end < best!.end { best = r }
            case .failure(let f):
                if failure == nil || f.progress > failure!.progress { failure = (f.progress, f.refusal) }
            }
        }
        if let best { return .success(best) }
        return .failure(failure!.refusal)
    }

    struct Failure: Error {
        var progress: Int
        var refusal: PlanEditRefusal
    }

    func timed(_ visits: [Candidate], breakAfter: Int, rule: BreakRule?) -> Result<AgentRoute, Failure> {
        do {
            return try timedThrowing(visits, breakAfter: breakAfter, rule: rule)
        } catch {
            return .failure(Failure(progress: 0, refusal: PlanEditRefusal(rule: "travel", "travel \(model.name): \(error)")))
        }
    }

    func timedThrowing(_ visits: [Candidate], breakAfter: Int, rule: BreakRule?) throws -> Result<AgentRoute, Failure> {
        var stops = kept?.route.stops ?? []
        var position = keptEnd ?? agent.base
        var metres = kept?.route.travelMetres ?? 0, seconds = kept?.route.travelSeconds ?? 0, priority = kept?.route.priority ?? 0
        var start = kept?.route.start ?? agent.shift.from.minutes * 60
        var free = kept?.freeAt ?? start
        if kept == nil, breakAfter != 0, let first = visits.first {
            // Leave so as to be at the first door when its window opens, not earlier.
            let firstLeg = try model.leg(from: agent.base, to: first.location).seconds
            start = max(start, first.window.from.minutes * 60 - firstLeg)
            free = start
        }
        func takeBreak(_ progress: Int) -> Failure? {
            guard let rule else { return nil }
            let at = max(free, rule.window.from.minutes * 60)
            if at > rule.window.to.minutes * 60 {
                return Failure(progress: progress, refusal: PlanEditRefusal(rule: "break", "\(agent.id) could not start the break inside \(rule.window.from)-\(rule.window.to) (free at \(Self.clock(free)))"))
            }
            stops.append(PlannedStop(seq: 0, accountID: nil, eta: at, etd: at + rule.minutes * 60, window: rule.window,
                                     legMetres: 0, legSeconds: 0, reason: .break, priority: 0))
            free = at + rule.minutes * 60
            return nil
        }
        for (k, c) in visits.enumerated() {
            if k == breakAfter, let f = takeBreak(k) { return .failure(f) }
            let trip = try model.leg(from: position, to: c.location)
            let leg = trip.seconds, legMetres = trip.metres
            let eta = max(free + leg, c.window.from.minutes * 60)
            if eta > c.window.to.minutes * 60 {
                return .failure(Failure(progress: k, refusal: PlanEditRefusal(rule: "window",
                    "\(c.account.id) would start at \(Self.clock(free + leg)), after its window \(c.window.from)-\(c.window.to) closes")))
            }
            stops.append(PlannedStop(seq: 0, accountID: c.account.id, eta: eta, etd: eta + c.serviceMinutes * 60, window: c.window,
                                     legMetres: legMetres, legSeconds: leg, reason: c.reason, priority: c.priority))
            metres += legMetres
            seconds += leg
            priority += c.priority
            free = eta + c.serviceMinutes * 60
            position = c.location
        }
        if breakAfter == visits.count, let f = takeBreak(visits.count) { return .failure(f) }
        let homeTrip = try model.leg(from: position, to: agent.base)
        let home = homeTrip.seconds, homeMetres = homeTrip.metres
        let end = free + home
        if end > agent.shift.to.minutes * 60 {
            return .failure(Failure(progress: visits.count, refusal: PlanEditRefusal(rule: "shift end",
                "\(agent.id) would be back at \(Self.clock(end)), after the shift ends at \(agent.shift.to)")))
        }
        for i in stops.indices { stops[i].seq = i + 1 }
        if stops.isEmpty { return .success(AgentRoute(agentID: agent.id, start: start, end: start, travelMetres: 0, travelSeconds: 0, priority: 0, stops: [])) }
        return .success(AgentRoute(agentID: agent.id, start: start, end: end, travelMetres: metres + homeMetres,
                                   travelSeconds: seconds + home, priority: priority, stops: stops))
    }

    static func clock(_ secondsOfDay: Int) -> String {
        let m = (secondsOfDay + 59) / 60
        return LocalTime(minutes: m % (24 * 60)).description
    }
}
