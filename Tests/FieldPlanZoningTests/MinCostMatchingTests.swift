@testable import FieldPlanZoning
import Testing

struct MinCostMatchingTests {
    /// Brute force over all permutations of a small matrix.
    private func best(_ cost: [Double], _ n: Int) -> Double {
        var best = Double.infinity
        func go(_ row: Int, _ used: [Bool], _ sum: Double) {
            if row == n { best = min(best, sum); return }
            for c in 0..<n where !used[c] { var u = used; u[c] = true; go(row + 1, u, sum + cost[row * n + c]) }
        }
        go(0, [Bool](repeating: false, count: n), 0)
        return best
    }

    @Test(arguments: TestCity.seeds)
    func matchesBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        for n in 1...6 {
            let cost = (0..<(n * n)).map { _ in Double(rng.next() % 100) - 20 }
            let match = MinCostMatching.solve(cost: cost, n: n)
            #expect(Set(match).count == n)
            let total = (0..<n).reduce(0.0) { $0 + cost[$1 * n + match[$1]] }
            #expect(total == best(cost, n))
        }
    }
}
