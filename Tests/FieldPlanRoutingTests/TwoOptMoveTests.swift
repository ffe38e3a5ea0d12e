import Testing
@testable import FieldPlanRouting

@Suite struct TwoOptMoveTests {
    @Test(arguments: RandomProblems.seeds.prefix(20))
    func gainIsExactAndAppliedMovesAreFeasible(seed: UInt64) {
        MoveHarness.exercise(seed: seed) { s, p, u, v in
            guard s.routeOf[u] == s.routeOf[v] else { return nil }
            let (a, b) = s.posOf[u] < s.posOf[v] ? (u, v) : (v, u)
            guard s.posOf[a] + 1 < s.posOf[b] else { return nil }
            return (TwoOptMove.gain(s, p, u: a, v: b), TwoOptMove.build(s, u: a, v: b))
        }
    }
}
