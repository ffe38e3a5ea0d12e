@testable import FieldPlanZoning
import Testing

struct SpatialGridTests {
    @Test(arguments: TestCity.seeds)
    func nearestNeighboursMatchBruteForce(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        var xs = (0..<600).map { _ in unit() * 5000 }, ys = (0..<600).map { _ in unit() * 3000 }
        // Duplicates and far outliers.
        xs += [xs[0], xs[0], 900_000, -40_000]; ys += [ys[0], ys[0], 10, 700_000]
        let k = 5
        let near = SpatialGrid(xs: xs, ys: ys).nearestNeighbours(k: k)
        for i in xs.indices {
            let brute = xs.indices.filter { $0 != i }.map { j in
                (((xs[j] - xs[i]) * (xs[j] - xs[i]) + (ys[j] - ys[i]) * (ys[j] - ys[i])).squareRoot(), j)
            }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            for t in 0..<k {
                #expect(abs(near.distance[i * k + t] - brute[t].0) < 1e-6)
            }
        }
    }
}
