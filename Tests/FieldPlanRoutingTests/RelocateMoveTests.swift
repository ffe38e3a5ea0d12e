import Testing
@testable import FieldPlanRouting

@Suite struct RelocateMoveTests {
    @Test(arguments: RandomProblems.seeds.prefix(20))
    func gainIsExactAndAppliedMovesAreFeasible(seed: UInt64) {
        var flip = false
        MoveHarness.exercise(seed: seed) { s, p, u, v in
            flip.toggle()
            let r = s.routeOf[v]
            let sameRoute = s.routeOf[u] == r
            var pos = s.posOf[v] + (flip ? 1 : 0)
            if sameRoute && s.posOf[v] > s.posOf[u] { pos -= 1 }
            let limit = s.routes[r].jobs.count - (sameRoute ? 1 : 0)
            guard pos >= 0 && pos <= limit else { return nil }
            return (RelocateMove.gain(s, p, u: u, target: r, position: pos), RelocateMove.build(s, u: u, target: r, position: pos))
        }
    }
}
