/// Swap: exchanges jobs `u` and `v` of two different routes.
enum SwapMove {
    /// Cost change. - Complexity: O(1).
    static func gain(_ s: SearchState, _ p: RoutingProblem, u: Int, v: Int) -> Int {
        let r1 = s.routeOf[u], r2 = s.routeOf[v], i = s.posOf[u], k = s.posOf[v]
        let a = s.routes[r1].jobs, b = s.routes[r2].jobs
        let v1 = s.routes[r1].vehicle, v2 = s.routes[r2].vehicle
        let lu = p.jobs[u].location, lv = p.jobs[v].location
        let pa = p.locationAt(a, i - 1, vehicle: v1), na = p.locationAt(a, i + 1, vehicle: v1)
        let pb = p.locationAt(b, k - 1, vehicle: v2), nb = p.locationAt(b, k + 1, vehicle: v2)
        return p.cost(pa, lv) + p.cost(lv, na) - p.cost(pa, lu) - p.cost(lu, na)
            + p.cost(pb, lu) + p.cost(lu, nb) - p.cost(pb, lv) - p.cost(lv, nb)
    }

    static func build(_ s: SearchState, u: Int, v: Int) -> [RouteChange] {
        let r1 = s.routeOf[u], r2 = s.routeOf[v]
        var a = s.routes[r1].jobs, b = s.routes[r2].jobs
        a[s.posOf[u]] = v; b[s.posOf[v]] = u
        return [RouteChange(route: r1, jobs: a), RouteChange(route: r2, jobs: b)]
    }
}
