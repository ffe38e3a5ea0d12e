import Testing
@testable import FieldPlanRouting

@Suite struct TspSearchTests {
    static func brute(_ n: Int, _ d: [Int]) -> Int {
        var best = Int.max
        var perm = Array(1..<n)
        func go(_ k: Int) {
            if k == perm.count {
                var len = d[0 * n + perm[0]] + d[perm[perm.count - 1] * n]
                for i in 0..<(perm.count - 1) { len += d[perm[i] * n + perm[i + 1]] }
                best = min(best, len); return
            }
            for i in k..<perm.count { perm.swapAt(k, i); go(k + 1); perm.swapAt(k, i) }
        }
        go(0)
        return best
    }

    @Test(arguments: RandomProblems.seeds.prefix(12))
    func findsTheOptimumOfSmallTours(seed: UInt64) {
        var rng = RandomSource(seed: seed)
        let n = 8
        let pts = (0..<n).map { _ in (Double(rng.below(1000)), Double(rng.below(1000))) }
        var d = [Int](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n {
            let dx = pts[a].0 - pts[b].0, dy = pts[a].1 - pts[b].1
            d[a * n + b] = Int((dx * dx + dy * dy).squareRoot().rounded())
        } }
        var tsp = TspSearch(n: n, dist: d, seed: seed)
        let tour = tsp.run(limit: SearchLimit(seconds: nil, iterations: 300), start: .now)
        #expect(tour.sorted() == Array(0..<n))
        #expect(tour.first == 0)
        var len = 0
        for i in 0..<n { len += d[tour[i] * n + tour[(i + 1) % n]] }
        #expect(len == Self.brute(n, d))
    }

    @Test(arguments: RandomProblems.seeds.prefix(5))
    func largerToursStayPermutationsAndImprove(seed: UInt64) {
        var rng = RandomSource(seed: seed)
        let n = 200
        let pts = (0..<n).map { _ in (Double(rng.below(10000)), Double(rng.below(10000))) }
        var d = [Int](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n {
            let dx = pts[a].0 - pts[b].0, dy = pts[a].1 - pts[b].1
            d[a * n + b] = Int((dx * dx + dy * dy).squareRoot().rounded())
        } }
        var tsp = TspSearch(n: n, dist: d, seed: seed)
        let initial = tsp.length
        let tour = tsp.run(limit: SearchLimit(seconds: nil, iterations: 500), start: .now)
        #expect(tour.sorted() == Array(0..<n))
        var len = 0
        for i in 0..<n { len += d[tour[i] * n + tour[(i + 1) % n]] }
        #expect(len < initial)
    }
}
