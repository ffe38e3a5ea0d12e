import Testing
@testable import FieldPlanRouting

@Suite struct NeighbourListsTests {
    @Test(arguments: RandomProblems.seeds.prefix(10))
    func neighboursAreSortedAndShareAnAllowedVehicle(seed: UInt64) {
        let p = RandomProblems.make(seed: seed, jobs: 20)
        let nb = NeighbourLists(p, width: 8)
        for a in 0..<p.jobs.count {
            var last = Int.min
            for k in 0..<nb.count(a) {
                let b = nb.neighbour(a, k)
                #expect(b != a)
                #expect((0..<p.vehicles.count).contains { p.isAllowed(job: a, vehicle: $0) && p.isAllowed(job: b, vehicle: $0) })
                let la = p.jobs[a].location, lb = p.jobs[b].location
                let c = min(p.cost(la, lb), p.cost(lb, la))
                #expect(c >= last)
                last = c
            }
        }
    }
}
