import Testing
@testable import FieldPlanRouting

/// Shared checks for one local-search operator over random states: the gain it reports
/// equals the cost change of its new sequences, and applying it through the local search's
/// feasibility gate never yields an infeasible plan.
enum MoveHarness {
    typealias Candidate = (gain: Int, changes: [RouteChange])

    static func exercise(seed: UInt64, rich: Bool = true, _ move: (SearchState, RoutingProblem, Int, Int) -> Candidate?) {
        let p = RandomProblems.make(seed: seed, jobs: 16, rich: rich)
        var s = RandomProblems.state(p, seed: seed)
        let ls = LocalSearch(p, neighbours: NeighbourLists(p, width: 10))
        var rng = RandomSource(seed: seed ^ 0xABCD)
        var tried = 0
        for _ in 0..<300 {
            let u = rng.below(p.jobs.count), v = rng.below(p.jobs.count)
            if u == v || s.routeOf[u] < 0 || s.routeOf[v] < 0 { continue }
            guard let c = move(s, p, u, v) else { continue }
            tried += 1
            var before = 0, after = 0
            for ch in c.changes {
                before += s.routes[ch.route].cost
                after += p.routeCost(vehicle: s.routes[ch.route].vehicle, ch.jobs)
            }
            #expect(c.gain == after - before, "seed \(seed) u \(u) v \(v)")
            // Sequences keep every job once.
            let old = c.changes.flatMap { s.routes[$0.route].jobs }.sorted()
            #expect(c.changes.flatMap(\.jobs).sorted() == old)
            if ls.applyIfFeasible(&s, c.changes) {
                let sol = RandomProblems.solution(s, p)
                #expect(p.check(sol).violations == [])
                #expect(sol.objective == s.objective)
                for r in s.routes { #expect(r.feasible) }
            }
        }
        #expect(tried > 0 || s.routes.filter { !$0.jobs.isEmpty }.count < 2)
    }
}
