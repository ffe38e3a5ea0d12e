/// 2-opt within one route: reverses the stops strictly after `u` up to and including `v`
/// (u before v). Exact for asymmetric costs.
enum TwoOptMove {
    /// Cost change. - Complexity: O(length of the reversed segment).
    static func gain(_ s: SearchState, _ p: RoutingProblem, u: Int, v: Int) -> Int {
        let r = s.routeOf[u], i = s.posOf[u], k = s.posOf[v]
        let a = s.routes[r].jobs, veh = s.routes[r].vehicle
        let lu = p.locationAt(a, i, vehicle: veh), after = p.locationAt(a, k + 1, vehicle: veh)
        var old = p.cost(lu, p.jobs[a[i + 1]].location) + p.cost(p.jobs[a[k]].location, after)
        var new = p.cost(lu, p.jobs[a[k]].location) + p.cost(p.jobs[a[i + 1]].location, after)
        var m = i + 1
        while m < k {
            let x = p.jobs[a[m]].location, y = p.jobs[a[m + 1]].location
            old += p.cost(x, y); new += p.cost(y, x)
            m += 1
        }
        return new - old
    }

    static func build(_ s: SearchState, u: Int, v: Int) -> [RouteChange] {
        let r = s.routeOf[u], i = s.posOf[u], k = s.posOf[v]
        var a = s.routes[r].jobs
        a[(i + 1)...k].reverse()
        return [RouteChange(route: r, jobs: a)]
    }
}
