@testable import FieldPlanZoning
import Testing

struct WorkloadModelTests {
    /// On uniform points the additive estimate agrees with β·√(n·A) (BHH) within 10 %.
    @Test(arguments: TestCity.seeds)
    func agreesWithBeardwoodOnUniformPoints(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let side = 4000.0, n = 2000
        let xs = (0..<n).map { _ in Double(rng.next() >> 11) * 0x1p-53 * side }
        let ys = (0..<n).map { _ in Double(rng.next() >> 11) * 0x1p-53 * side }
        let k = WorkloadModel.neighbours
        let near = SpatialGrid(xs: xs, ys: ys).nearestNeighbours(k: k)
        let model = WorkloadModel(roadFactor: 1.3, speedKmh: 25)
        let sum = (0..<n).reduce(0.0) { $0 + model.travelHours(neighbourDistance: near.distance[$1 * k + k - 1], rank: k) }
        let reference = model.hullTravelHours(count: n, area: side * side)
        #expect(abs(sum / reference - 1) < 0.10)
    }

    @Test func followsTheTravelSettings() {
        let slow = WorkloadModel(roadFactor: 1.3, speedKmh: 25), fast = WorkloadModel(roadFactor: 1.3, speedKmh: 50)
        #expect(abs(slow.travelHours(neighbourDistance: 500, rank: 6) - 2 * fast.travelHours(neighbourDistance: 500, rank: 6)) < 1e-12)
        #expect(slow.travelHours(neighbourDistance: 500, rank: 0) == 0)
    }
}
