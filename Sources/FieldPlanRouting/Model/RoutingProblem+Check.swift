extension RoutingProblem {
    /// Recomputes feasibility and cost of `solution` from scratch, independently of the
    /// search's cached evaluation: every job at most once, each either routed or listed as
    /// unassigned; vehicles used once; allowed vehicles; capacity; stop limits; every
    /// reported arrival, service start and departure consistent with travel times, windows,
    /// the shift and the break; route totals and the objective equal to what is reported.
    /// - Complexity: O(J + V + total stops).
    public func check(_ solution: RoutingSolution) -> SolutionCheck {
        var v: [String] = []
        var seen = [Int](repeating: 0, count: jobs.count)
        var usedVehicle = [Bool](repeating: false, count: vehicles.count)
        var total = 0
        for (ri, r) in solution.routes.enumerated() {
            guard (0..<vehicles.count).contains(r.vehicle) else { v.append("route \(ri): vehicle \(r.vehicle) out of range"); continue }
            if usedVehicle[r.vehicle] { v.append("route \(ri): vehicle \(r.vehicle) used twice") }
            usedVehicle[r.vehicle] = true
            let veh = vehicles[r.vehicle]
            if r.visits.isEmpty { v.append("route \(ri): empty route listed") }
            if let m = veh.maxStops, r.visits.count > m { v.append("route \(ri): \(r.visits.count) stops > max \(m)") }
            var load = 0, tt = 0, dist = 0
            var loc = veh.startLocation
            var ready = r.start  // time the vehicle may leave `loc`
            if r.start < veh.shift.from { v.append("route \(ri): starts \(r.start) before shift \(veh.shift.from)") }
            var breakDone = false
            if veh.breakRule == nil, r.plannedBreak != nil { v.append("route \(ri): break on a vehicle without one") }
            for k in 0...r.visits.count {
                if k < r.visits.count, !(0..<jobs.count).contains(r.visits[k].job) { v.append("route \(ri): job \(r.visits[k].job) out of range"); return SolutionCheck(violations: v, objective: solution.objective) }
                let nextLoc = k < r.visits.count ? jobs[r.visits[k].job].location : veh.endLocation
                let t = travelTime[loc * locationCount + nextLoc]
                tt += t; dist += distance[loc * locationCount + nextLoc]
                total += self.cost(loc, nextLoc)
                var arrival = ready + t
                var earliestService = arrival
                if let b = veh.breakRule, let pb = r.plannedBreak, pb.afterStop == k {
                    breakDone = true
                    if pb.start < b.window.from || pb.start > b.window.to { v.append("route \(ri): break starts \(pb.start) outside \(b.window.from)–\(b.window.to)") }
                    if pb.start < ready { v.append("route \(ri): break starts \(pb.start) before the vehicle is free at \(ready)") }
                    if pb.start >= ready + t { earliestService = pb.start + b.duration } // taken on arrival
                    else { arrival = pb.start + b.duration + t; earliestService = arrival } // taken before leaving
                }
                if k < r.visits.count {
                    let vis = r.visits[k]
                    let job = jobs[vis.job]
                    seen[vis.job] += 1
                    load += job.demand
                    if let a = job.allowedVehicles, !a.contains(r.vehicle) { v.append("route \(ri): job \(vis.job) not allowed on vehicle \(r.vehicle)") }
                    if vis.arrival != arrival { v.append("route \(ri): job \(vis.job) arrival \(vis.arrival), recomputed \(arrival)") }
                    if vis.serviceStart < earliestService { v.append("route \(ri): job \(vis.job) service starts \(vis.serviceStart) before \(earliestService)") }
                    if !job.windows.isEmpty, !job.windows.contains(where: { $0.from <= vis.serviceStart && vis.serviceStart <= $0.to }) {
                        v.append("route \(ri): job \(vis.job) service starts \(vis.serviceStart) outside its windows")
                    }
                    if vis.departure != vis.serviceStart + job.service { v.append("route \(ri): job \(vis.job) departure \(vis.departure) ≠ start + service") }
                    ready = vis.departure
                    loc = job.location
                } else {
                    if r.end != arrival { v.append("route \(ri): end \(r.end), recomputed \(arrival)") }
                    if max(arrival, earliestService) > veh.shift.to { v.append("route \(ri): back at \(max(arrival, earliestService)) after shift end \(veh.shift.to)") }
                }
            }
            if veh.breakRule != nil, !breakDone { v.append("route \(ri): break missing") }
            if let c = veh.capacity, load > c { v.append("route \(ri): load \(load) > capacity \(c)") }
            if r.travelTime != tt { v.append("route \(ri): travel time \(r.travelTime), recomputed \(tt)") }
            if r.distance != dist { v.append("route \(ri): distance \(r.distance), recomputed \(dist)") }
            total += veh.fixedCost
            let rc = timeWeight * tt + distanceWeight * dist + veh.fixedCost
            if r.cost != rc { v.append("route \(ri): cost \(r.cost), recomputed \(rc)") }
        }
        var missedMandatory = 0
        var missedPrize: Int64 = 0
        for u in solution.unassigned {
            guard (0..<jobs.count).contains(u.job) else { v.append("unassigned job \(u.job) out of range"); continue }
            seen[u.job] += 1
        }
        for (j, c) in seen.enumerated() {
            if c == 0 { v.append("job \(j) neither routed nor listed as unassigned") }
            if c > 1 { v.append("job \(j) appears \(c) times") }
        }
        for u in solution.unassigned where (0..<jobs.count).contains(u.job) {
            if jobs[u.job].mandatory { missedMandatory += 1 }
            missedPrize += jobs[u.job].prize
        }
        let obj = RoutingObjective(missedMandatory: missedMandatory, missedPrize: missedPrize, cost: total)
        if obj != solution.objective { v.append("objective \(solution.objective), recomputed \(obj)") }
        return SolutionCheck(violations: v, objective: obj)
    }
}
