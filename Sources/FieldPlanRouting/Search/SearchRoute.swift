/// One vehicle's route inside the search, with the cached data that makes a move's
/// feasibility and cost O(1) on simple problems (one window per job, no breaks):
/// `start[i]`, the earliest service start of stop i, and `latest[i]`, the latest service
/// start of stop i that keeps the rest of the route feasible (forward / backward slack).
struct SearchRoute: Sendable {
    var vehicle: Int
    var jobs: [Int] = []
    var start: [Int] = []
    var latest: [Int] = []
    var load = 0
    /// Weighted travel cost start → … → end plus the fixed cost; 0 when empty.
    var cost = 0
    var feasible = true

    init(vehicle: Int) { self.vehicle = vehicle }

    /// Recomputes every cached value from `jobs`.
    /// - Complexity: O(stops).
    mutating func refresh(_ p: RoutingProblem) {
        load = 0; cost = 0; feasible = true
        let n = jobs.count
        start.removeAll(keepingCapacity: true)
        latest.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let veh = p.vehicles[vehicle]
        var prev = veh.startLocation
        var t = veh.shift.from
        for i in 0..<n {
            let j = jobs[i]
            let loc = p.jobs[j].location
            cost += p.cost(prev, loc)
            load += p.jobs[j].demand
            if p.isSimple {
                let s = max(t + p.time(prev, loc), p.earliest[j])
                if s > p.latest[j] { feasible = false }
                start.append(s)
                t = s + p.jobs[j].service
            }
            prev = loc
        }
        cost += p.cost(prev, veh.endLocation) + veh.fixedCost
        if let c = veh.capacity, load > c { feasible = false }
        if let m = veh.maxStops, n > m { feasible = false }
        if p.isSimple {
            if t + p.time(prev, veh.endLocation) > veh.shift.to { feasible = false }
            latest = [Int](repeating: 0, count: n)
            var l = veh.shift.to - p.time(prev, veh.endLocation)
            for i in stride(from: n - 1, through: 0, by: -1) {
                let j = jobs[i]
                l = min(p.latest[j], l - p.jobs[j].service)
                latest[i] = l
                if i > 0 { l -= p.time(p.jobs[jobs[i - 1]].location, p.jobs[j].location) }
            }
        } else if p.routeEnd(vehicle: vehicle, jobs).end >= RoutingProblem.infinity {
            feasible = false
        }
    }

    /// Whether job `j` can be inserted before position `pos` (0…count) keeping the route
    /// feasible in time. Capacity, stop limit and allowed vehicle are checked by the caller.
    /// - Complexity: O(1) on simple problems, else O(stops).
    @inline(__always) func canInsert(_ j: Int, at pos: Int, _ p: RoutingProblem) -> Bool {
        guard p.isSimple else { return p.routeEnd(vehicle: vehicle, jobs, insert: j, at: pos).end < RoutingProblem.infinity }
        let veh = p.vehicles[vehicle]
        let loc = p.jobs[j].location
        let prevLoc: Int, prevFree: Int
        if pos == 0 { prevLoc = veh.startLocation; prevFree = veh.shift.from } else {
            let pj = jobs[pos - 1]
            prevLoc = p.jobs[pj].location; prevFree = start[pos - 1] + p.jobs[pj].service
        }
        let s = max(prevFree + p.time(prevLoc, loc), p.earliest[j])
        if s > p.latest[j] { return false }
        let free = s + p.jobs[j].service
        if pos == jobs.count { return free + p.time(loc, veh.endLocation) <= veh.shift.to }
        return free + p.time(loc, p.jobs[jobs[pos]].location) <= latest[pos]
    }

    /// Cost change of inserting job `j` before position `pos`.
    /// - Complexity: O(1).
    @inline(__always) func insertionDelta(_ j: Int, at pos: Int, _ p: RoutingProblem) -> Int {
        let veh = p.vehicles[vehicle]
        let loc = p.jobs[j].location
        let a = pos == 0 ? veh.startLocation : p.jobs[jobs[pos - 1]].location
        let b = pos == jobs.count ? veh.endLocation : p.jobs[jobs[pos]].location
        return p.cost(a, loc) + p.cost(loc, b) - p.cost(a, b) + (jobs.isEmpty ? veh.fixedCost : 0)
    }
}
