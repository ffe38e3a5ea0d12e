import Testing
@testable import FieldPlanRouting

@Suite struct TwoOptStarMoveTests {
    @Test(arguments: RandomProblems.seeds.prefix(20))
    func gainIsExactAndAppliedMovesAreFeasible(seed: UInt64) {
        MoveHarness.exercise(seed: seed) { s, p, u, v in
            guard s.routeOf[u] != s.routeOf[v] else { return nil }
            return (TwoOptStarMove.gain(s, p, u: u, v: v), TwoOptStarMove.build(s, u: u, v: v))
        }
    }
}
