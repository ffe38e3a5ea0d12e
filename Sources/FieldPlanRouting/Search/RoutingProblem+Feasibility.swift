extension RoutingProblem {
    /// Whether `seq` is a feasible route for vehicle `v`: capacity, stop limit, allowed
    /// vehicle, windows, shift and break.
    /// - Complexity: O(stops + windows).
    func isFeasible(vehicle v: Int, _ seq: [Int]) -> Bool {
        if seq.isEmpty { return true }
        let veh = vehicles[v]
        if let m = veh.maxStops, seq.count > m { return false }
        if let c = veh.capacity {
            var load = 0
            for j in seq { load += jobs[j].demand }
            if load > c { return false }
        }
        if allowed != nil { for j in seq where !isAllowed(job: j, vehicle: v) { return false } }
        return routeEnd(vehicle: v, seq).end < RoutingProblem.infinity
    }

    /// Cost of `seq` on vehicle `v` as `SearchRoute.cost` counts it (0 when empty).
    /// - Complexity: O(stops).
    func routeCost(vehicle v: Int, _ seq: [Int]) -> Int {
        if seq.isEmpty { return 0 }
        let veh = vehicles[v]
        var prev = veh.startLocation, c = veh.fixedCost
        for j in seq { c += cost(prev, jobs[j].location); prev = jobs[j].location }
        return c + cost(prev, veh.endLocation)
    }

    /// Location before / after position `i` of route `jobs` on vehicle `v` (the vehicle's
    /// start for i = −1, its end for i = count).
    @inline(__always) func locationAt(_ jobs: [Int], _ i: Int, vehicle v: Int) -> Int {
        if i < 0 { return vehicles[v].startLocation }
        if i >= jobs.count { return vehicles[v].endLocation }
        return self.jobs[jobs[i]].location
    }
}
