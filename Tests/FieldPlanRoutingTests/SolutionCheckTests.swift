import Testing
@testable import FieldPlanRouting

@Suite struct SolutionCheckTests {
    @Test(arguments: RandomProblems.seeds.prefix(10))
    func tamperedSolutionsAreCaught(seed: UInt64) throws {
        let p = RandomProblems.make(seed: seed, jobs: 12)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 50), seed: seed)
        try #require(p.check(s).isValid)
        guard let r = s.routes.first, let first = r.visits.first else { return }
        var late = s
        late.routes[0].visits[0].serviceStart += 100_000
        late.routes[0].visits[0].departure += 100_000
        #expect(!p.check(late).isValid)
        var dup = s
        dup.unassigned.append(UnassignedJob(job: first.job, reason: .noRoomLeft))
        #expect(!p.check(dup).isValid)
        var wrongCost = s
        wrongCost.objective.cost += 1
        #expect(!p.check(wrongCost).isValid)
        var dropped = s
        dropped.routes[0].visits.removeFirst()
        #expect(!p.check(dropped).isValid)
        var unknown = s
        unknown.routes[0].visits[0].job = p.jobs.count + 5
        #expect(!p.check(unknown).isValid)
        var twice = s
        twice.routes.append(s.routes[0])
        #expect(!p.check(twice).isValid)
    }
}
