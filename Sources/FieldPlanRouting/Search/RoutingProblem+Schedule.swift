extension RoutingProblem {
    /// The earliest service start at or after `ready` inside one of the job's windows, or
    /// `infinity` when every window has closed.
    /// - Complexity: O(windows of the job).
    @inline(__always) func serviceStart(job j: Int, ready: Int) -> Int {
        if ready >= RoutingProblem.infinity { return RoutingProblem.infinity }
        let ws = jobs[j].windows
        if ws.isEmpty { return ready }
        for w in ws where ready <= w.to { return max(ready, w.from) }
        return RoutingProblem.infinity
    }

    /// When the vehicle is ready at the next location if it takes its break in the gap that
    /// starts when it is free at time `free` and needs `travel` to get there: on arrival when
    /// the window allows (absorbing waiting), else before leaving; `infinity` if neither fits.
    @inline(__always) static func breakReady(free: Int, travel: Int, rule b: BreakRule) -> (ready: Int, start: Int) {
        let a = max(free + travel, b.window.from)
        if a <= b.window.to { return (a + b.duration, a) }
        let s = max(free, b.window.from)
        if s <= b.window.to { return (s + b.duration + travel, s) }
        return (RoutingProblem.infinity, RoutingProblem.infinity)
    }

    /// Time windows, shift and break of a sequence: the time the vehicle is done at its end
    /// location (`infinity` if infeasible) and the gap holding the break (−1 without one).
    ///
    /// The sequence is `seq` with `insert` placed before position `at` (no insertion when
    /// `insert < 0`). A two-state forward pass (break taken / not yet) keeps the earliest
    /// feasible time of each state, which is exact because waiting is allowed and every
    /// step is monotone in time.
    /// - Complexity: O(stops + windows), no allocation.
    func routeEnd(vehicle vi: Int, _ seq: [Int], insert: Int = -1, at: Int = 0) -> (end: Int, gap: Int) {
        let inf = RoutingProblem.infinity
        let veh = vehicles[vi]
        let n = seq.count + (insert >= 0 ? 1 : 0)
        var loc = veh.startLocation
        var dNo = veh.shift.from
        var dWith = inf
        var gapWith = -1
        for k in 0...n {
            let j: Int
            if k == n { j = -1 } else if insert < 0 || k < at { j = seq[k] } else if k == at { j = insert } else { j = seq[k - 1] }
            let next = j >= 0 ? jobs[j].location : veh.endLocation
            let t = travelTime[loc * locationCount + next]
            var readyW = dWith >= inf ? inf : dWith + t
            var gap = gapWith
            if let b = veh.breakRule, dNo < inf {
                let r = RoutingProblem.breakReady(free: dNo, travel: t, rule: b).ready
                if r < readyW { readyW = r; gap = k }
            }
            let readyN = dNo >= inf ? inf : dNo + t
            if j >= 0 {
                let svc = jobs[j].service
                let sN = serviceStart(job: j, ready: readyN)
                let sW = serviceStart(job: j, ready: readyW)
                dNo = sN >= inf ? inf : sN + svc
                dWith = sW >= inf ? inf : sW + svc
                gapWith = gap
                if dNo >= inf && dWith >= inf { return (inf, -1) }
                loc = jobs[j].location
            } else {
                let done = veh.breakRule != nil ? readyW : readyN
                return done <= veh.shift.to ? (done, veh.breakRule != nil ? gap : -1) : (inf, -1)
            }
        }
        return (inf, -1)
    }

    /// Builds the reported schedule of a feasible sequence (earliest service starts, the
    /// break in the gap `routeEnd` chose, departure just in time for the first stop), or
    /// nil if the sequence is infeasible.
    /// - Complexity: O(stops + windows).
    func schedule(vehicle vi: Int, _ seq: [Int]) -> VehicleRoute? {
        guard !seq.isEmpty else { return nil }
        let (end, gap) = routeEnd(vehicle: vi, seq)
        guard end < RoutingProblem.infinity else { return nil }
        let veh = vehicles[vi]
        var visits: [Visit] = []
        visits.reserveCapacity(seq.count)
        var loc = veh.startLocation
        var free = veh.shift.from
        var tt = 0, dist = 0
        var pb: PlannedBreak?
        var arrivalEnd = 0
        for k in 0...seq.count {
            let next = k < seq.count ? jobs[seq[k]].location : veh.endLocation
            let t = travelTime[loc * locationCount + next]
            tt += t; dist += distance[loc * locationCount + next]
            var arrival = free + t
            var ready = arrival
            if let b = veh.breakRule, gap == k {
                let (r, s) = RoutingProblem.breakReady(free: free, travel: t, rule: b)
                pb = PlannedBreak(afterStop: k, start: s)
                ready = r
                if s < free + t { arrival = r }
            }
            if k < seq.count {
                let j = seq[k]
                let s = serviceStart(job: j, ready: ready)
                visits.append(Visit(job: j, arrival: arrival, serviceStart: s, departure: s + jobs[j].service))
                free = s + jobs[j].service
                loc = next
            } else {
                arrivalEnd = arrival
            }
        }
        // Leave just in time: waiting at the first stop moves to the start location, so the
        // reported departure is the latest that keeps every service start unchanged.
        var departure = veh.shift.from
        if pb?.afterStop != 0 {
            let wait = visits[0].serviceStart - visits[0].arrival
            departure += wait
            visits[0].arrival += wait
        }
        return VehicleRoute(vehicle: vi, visits: visits, plannedBreak: pb, start: departure, end: arrivalEnd,
                            travelTime: tt, distance: dist, cost: timeWeight * tt + distanceWeight * dist + veh.fixedCost)
    }
}
