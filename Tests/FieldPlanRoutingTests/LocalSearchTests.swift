import Testing
@testable import FieldPlanRouting

@Suite struct LocalSearchTests {
    @Test(arguments: RandomProblems.seeds.prefix(20))
    func localSearchKeepsPlansFeasibleAndNeverWorsens(seed: UInt64) {
        let p = RandomProblems.make(seed: seed, jobs: 18)
        var s = RandomProblems.state(p, seed: seed)
        let before = s.objective
        LocalSearch(p, neighbours: NeighbourLists(p, width: 20)).run(&s)
        #expect(s.objective <= before)
        let sol = RandomProblems.solution(s, p)
        #expect(p.check(sol).violations == [])
        #expect(sol.objective == s.objective)
    }

    @Test(arguments: RandomProblems.seeds.prefix(10))
    func insertionChecksAgreeWithFullSimulation(seed: UInt64) {
        // The O(1) cached test of a simple problem must agree with simulating the sequence.
        let p = RandomProblems.make(seed: seed, jobs: 20, rich: false)
        let s = RandomProblems.state(p, seed: seed)
        for r in s.routes where !r.jobs.isEmpty {
            for j in 0..<p.jobs.count where s.routeOf[j] != r.vehicle {
                for pos in 0...r.jobs.count {
                    var seq = r.jobs; seq.insert(j, at: pos)
                    #expect(r.canInsert(j, at: pos, p) == (p.routeEnd(vehicle: r.vehicle, seq).end < RoutingProblem.infinity))
                }
            }
        }
    }
}
