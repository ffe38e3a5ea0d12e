/// A complete assignment during the search: one `SearchRoute` per vehicle, each job's route
/// and position (−1 when unassigned) and the objective totals, kept incrementally.
/// Copying it is cheap: routes are copy-on-write, so a candidate copies only what it touches.
struct SearchState: Sendable {
    var routes: [SearchRoute]
    var routeOf: [Int]
    var posOf: [Int]
    var cost = 0
    var missedMandatory = 0
    var missedPrize: Int64 = 0
    /// Routes changed since the local search last looked at them.
    var dirty: [Bool]

    init(_ p: RoutingProblem) {
        routes = (0..<p.vehicles.count).map { SearchRoute(vehicle: $0) }
        routeOf = [Int](repeating: -1, count: p.jobs.count)
        posOf = [Int](repeating: -1, count: p.jobs.count)
        dirty = [Bool](repeating: false, count: p.vehicles.count)
        for j in p.jobs { if j.mandatory { missedMandatory += 1 }; missedPrize += j.prize }
    }

    var objective: RoutingObjective { RoutingObjective(missedMandatory: missedMandatory, missedPrize: missedPrize, cost: cost) }

    /// Refreshes route `r`'s cache and positions after its `jobs` changed.
    /// - Complexity: O(stops of r).
    mutating func refresh(_ r: Int, _ p: RoutingProblem) {
        cost -= routes[r].cost
        dirty[r] = true
        routes[r].refresh(p)
        cost += routes[r].cost
        let jobs = routes[r].jobs
        for (i, j) in jobs.enumerated() { routeOf[j] = r; posOf[j] = i }
    }

    /// Inserts job `j` into route `r` before position `pos`.
    mutating func insert(_ j: Int, route r: Int, at pos: Int, _ p: RoutingProblem) {
        routes[r].jobs.insert(j, at: pos)
        if p.jobs[j].mandatory { missedMandatory -= 1 }
        missedPrize -= p.jobs[j].prize
        refresh(r, p)
    }

    /// Marks job `j` unassigned after the caller removed it from its route's `jobs`
    /// (the caller refreshes the route once for all removals).
    mutating func markRemoved(_ j: Int, _ p: RoutingProblem) {
        routeOf[j] = -1; posOf[j] = -1
        if p.jobs[j].mandatory { missedMandatory += 1 }
        missedPrize += p.jobs[j].prize
    }

    /// Replaces route `r`'s sequence wholesale (used by local-search moves).
    mutating func setJobs(_ r: Int, _ jobs: [Int], _ p: RoutingProblem) {
        routes[r].jobs = jobs
        refresh(r, p)
    }
}
