/// First-improvement local search over granular neighbourhoods: for each routed job `u`
/// and each of its `width` nearest routed neighbours `v`, tries relocate (u next to v),
/// swap, 2-opt* and intra-route 2-opt. A move's cost change is computed first (O(1) for
/// inter-route moves); only improving moves pay for the O(stops) feasibility check of the
/// new sequences, so the common case stays cheap without time-warp bookkeeping.
/// Terminates because every applied move strictly lowers the travel cost.
struct LocalSearch {
    let p: RoutingProblem
    let nb: NeighbourLists
    let width: Int

    init(_ p: RoutingProblem, neighbours: NeighbourLists, width: Int = 30) {
        self.p = p; nb = neighbours; self.width = min(width, neighbours.width)
    }

    /// Applies `changes` if every new sequence is feasible; returns whether it did.
    @discardableResult
    func applyIfFeasible(_ s: inout SearchState, _ changes: [RouteChange]) -> Bool {
        for c in changes where !p.isFeasible(vehicle: s.routes[c.route].vehicle, c.jobs) { return false }
        for c in changes { s.setJobs(c.route, c.jobs, p) }
        return true
    }

    /// Runs to a local optimum. With `all` false, only jobs of routes marked dirty (changed
    /// since the last run) start moves, then jobs of the routes those moves changed, and so
    /// on: a route-level don't-look bit that keeps the search cheap between iterations.
    /// - Complexity: O(passes × active jobs × width) gain evaluations.
    func run(_ s: inout SearchState, all: Bool = true) {
        var active = all ? [Bool](repeating: true, count: s.routes.count) : s.dirty
        var improved = true
        var passes = 0
        while improved && passes < 50 {
            improved = false
            passes += 1
            for r in s.dirty.indices { s.dirty[r] = false }
            for u in 0..<p.jobs.count where s.routeOf[u] >= 0 && active[s.routeOf[u]] {
                for k in 0..<min(width, nb.count(u)) {
                    let v = nb.neighbour(u, k)
                    if s.routeOf[v] < 0 || s.routeOf[u] < 0 { continue }
                    if tryMoves(&s, u, v) { improved = true }
                }
            }
            active = s.dirty
        }
        for r in s.dirty.indices { s.dirty[r] = false }
    }

    /// Tries every operator for the pair (u, v); applies the first improving feasible one.
    func tryMoves(_ s: inout SearchState, _ u: Int, _ v: Int) -> Bool {
        let ru = s.routeOf[u], rv = s.routeOf[v]
        if ru != rv {
            let veh = s.routes[rv].vehicle
            if p.isAllowed(job: u, vehicle: veh) {
                for side in 0..<2 {
                    let pos = s.posOf[v] + side
                    if RelocateMove.gain(s, p, u: u, target: rv, position: pos) < 0,
                       applyIfFeasible(&s, RelocateMove.build(s, u: u, target: rv, position: pos)) { return true }
                }
            }
            if SwapMove.gain(s, p, u: u, v: v) < 0, applyIfFeasible(&s, SwapMove.build(s, u: u, v: v)) { return true }
            if TwoOptStarMove.gain(s, p, u: u, v: v) < 0, applyIfFeasible(&s, TwoOptStarMove.build(s, u: u, v: v)) { return true }
            // Tails after the predecessors: links u's predecessor to v (u and v end up adjacent).
            let iu = s.posOf[u], iv = s.posOf[v]
            if iu > 0 && iv > 0 {
                let pu = s.routes[ru].jobs[iu - 1], pv = s.routes[rv].jobs[iv - 1]
                if TwoOptStarMove.gain(s, p, u: pu, v: pv) < 0, applyIfFeasible(&s, TwoOptStarMove.build(s, u: pu, v: pv)) { return true }
            }
        } else {
            let iu = s.posOf[u], iv = s.posOf[v]
            // Relocate u right after / before v within the route.
            let after = iv > iu ? iv : iv + 1
            let before = iv > iu ? iv - 1 : iv
            for side in 0..<2 {
                let pos = side == 0 ? after : before
                if pos == iu { continue }
                if RelocateMove.gain(s, p, u: u, target: ru, position: pos) < 0,
                   applyIfFeasible(&s, RelocateMove.build(s, u: u, target: ru, position: pos)) { return true }
            }
            if iu + 1 < iv, TwoOptMove.gain(s, p, u: u, v: v) < 0, applyIfFeasible(&s, TwoOptMove.build(s, u: u, v: v)) { return true }
        }
        return false
    }
}
