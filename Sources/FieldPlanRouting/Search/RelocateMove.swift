/// Relocate: moves job `u` to route `target` before position `position` of that route's
/// sequence *without u* (so positions are those after the removal when it is the same route).
enum RelocateMove {
    /// Cost change. - Complexity: O(1).
    static func gain(_ s: SearchState, _ p: RoutingProblem, u: Int, target r2: Int, position: Int) -> Int {
        let r1 = s.routeOf[u], i = s.posOf[u]
        let a = s.routes[r1].jobs, v1 = s.routes[r1].vehicle
        let lu = p.jobs[u].location
        let removal: Int
        if a.count == 1 { removal = -s.routes[r1].cost } else {
            let pl = p.locationAt(a, i - 1, vehicle: v1), nl = p.locationAt(a, i + 1, vehicle: v1)
            removal = p.cost(pl, nl) - p.cost(pl, lu) - p.cost(lu, nl)
        }
        if r1 != r2 { return removal + s.routes[r2].insertionDelta(u, at: position, p) }
        // Same route: insert into the sequence without u, whose index k maps to a[k < i ? k : k + 1].
        @inline(__always) func loc(_ k: Int) -> Int { p.locationAt(a, k < i ? k : k + 1, vehicle: v1) }
        let before = loc(position - 1), after = loc(position)
        return removal + p.cost(before, lu) + p.cost(lu, after) - p.cost(before, after)
    }

    static func build(_ s: SearchState, u: Int, target r2: Int, position: Int) -> [RouteChange] {
        let r1 = s.routeOf[u]
        var a = s.routes[r1].jobs
        a.remove(at: s.posOf[u])
        if r1 == r2 { a.insert(u, at: position); return [RouteChange(route: r1, jobs: a)] }
        var b = s.routes[r2].jobs
        b.insert(u, at: position)
        return [RouteChange(route: r1, jobs: a), RouteChange(route: r2, jobs: b)]
    }
}
