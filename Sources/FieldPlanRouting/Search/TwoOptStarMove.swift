/// 2-opt*: exchanges the tails of two routes after `u` and after `v` (each route keeps its
/// own vehicle, hence its start and end locations).
/// - Complexity: gain O(1), build O(stops).
enum TwoOptStarMove {
    /// Cost change. - Complexity: O(1).
    static func gain(_ s: SearchState, _ p: RoutingProblem, u: Int, v: Int) -> Int {
        let r1 = s.routeOf[u], r2 = s.routeOf[v], i = s.posOf[u], k = s.posOf[v]
        let a = s.routes[r1].jobs, b = s.routes[r2].jobs
        let v1 = s.routes[r1].vehicle, v2 = s.routes[r2].vehicle
        let lu = p.jobs[u].location, lv = p.jobs[v].location
        // After the move: u is followed by b[k+1] (or r1's end), v by a[i+1] (or r2's end).
        let nuNew = k + 1 < b.count ? p.jobs[b[k + 1]].location : p.vehicles[v1].endLocation
        let nvNew = i + 1 < a.count ? p.jobs[a[i + 1]].location : p.vehicles[v2].endLocation
        let nuOld = p.locationAt(a, i + 1, vehicle: v1), nvOld = p.locationAt(b, k + 1, vehicle: v2)
        var g = p.cost(lu, nuNew) + p.cost(lv, nvNew) - p.cost(lu, nuOld) - p.cost(lv, nvOld)
        // Each tail now ends at the other vehicle's end location.
        let e1 = p.vehicles[v1].endLocation, e2 = p.vehicles[v2].endLocation
        if e1 != e2 {
            if i + 1 < a.count { let l = p.jobs[a[a.count - 1]].location; g += p.cost(l, e2) - p.cost(l, e1) }
            if k + 1 < b.count { let l = p.jobs[b[b.count - 1]].location; g += p.cost(l, e1) - p.cost(l, e2) }
        }
        return g
    }

    static func build(_ s: SearchState, u: Int, v: Int) -> [RouteChange] {
        let r1 = s.routeOf[u], r2 = s.routeOf[v], i = s.posOf[u], k = s.posOf[v]
        let a = s.routes[r1].jobs, b = s.routes[r2].jobs
        return [RouteChange(route: r1, jobs: Array(a[...i]) + Array(b[(k + 1)...])),
                RouteChange(route: r2, jobs: Array(b[...k]) + Array(a[(i + 1)...]))]
    }
}
