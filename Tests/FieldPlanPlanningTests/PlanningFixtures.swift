import FieldPlanCore
import FieldPlanPlanning

/// Generated planning days: a seeded sample city, its agents, appointments and some history.
enum PlanningFixtures {
    static let date = CivilDate("2026-12-01")!   // a Tuesday

    static func input(seed: UInt64, accounts: Int = 300, agents: Int = 4, zones: Bool = true, appointments: Int = 8) -> PlanningInput {
        var options = SampleAgency.Options()
        options.accounts = accounts
        options.agents = agents
        options.seed = seed
        options.appointments = appointments
        options.startDate = date
        let sample = SampleAgency(options: options)
        var list: [Account] = []
        sample.forEachAccount { list.append($0) }
        let agentList = sample.agents()
        var zoneAgents: [String: String]? = zones ? [:] : nil
        if zones {
            // Nearest base decides the zone: a simple stand-in for the zoning module.
            for agent in agentList { zoneAgents?["Z-\(agent.id)"] = agent.id }
            for i in list.indices {
                guard let loc = list[i].location else { continue }
                let nearest = agentList.min { loc.greatCircleMetres(to: $0.base) < loc.greatCircleMetres(to: $1.base) }!
                list[i].zoneID = "Z-\(nearest.id)"
            }
        }
        var rng = SeededGenerator(seed: seed &+ 5)
        var history: [String: AccountHistory] = [:]
        for a in list where Double.random(in: 0..<1, using: &rng) < 0.3 {
            var h = AccountHistory()
            h.lastVisit = date.adding(days: -Int.random(in: 1...40, using: &rng))
            h.latestDate = h.lastVisit
            h.latestCode = [.notHome, .refused, .ptp, .callback, .hardship, .claimsPaid].randomElement(using: &rng)!
            if h.latestCode == .ptp { h.promise = .init(amount: Money(minorUnits: 500_000), date: date.adding(days: Int.random(in: -3...1, using: &rng))) }
            if h.latestCode == .callback { h.callback = .init(date: date, window: nil) }
            history[a.id] = h
        }
        return PlanningInput(date: date, settings: Settings(), utcOffsetSeconds: 3 * 3600, agents: agentList,
                             accounts: list, zoneAgents: zoneAgents, appointments: sample.appointments(), history: history)
    }
}
