import FieldPlanZoning
import Foundation

/// Seeded synthetic cities for property tests: a few dense neighbourhoods and a sparse
/// background around Nairobi, service times of 15–30 minutes.
enum TestCity {
    static let seeds: [UInt64] = [1, 2, 3, 4, 5]

    static func points(count: Int, seed: UInt64, prefix: String = "a", hoodSeed: UInt64 = 42) -> [ZonePoint] {
        var rng = SplitMix64(seed: seed &* 7919 &+ 13)
        func unit() -> Double { Double(rng.next() >> 11) * 0x1p-53 }
        func gauss() -> Double { (-2 * log(max(unit(), 1e-12))).squareRoot() * cos(2 * .pi * unit()) }
        var hr = SplitMix64(seed: hoodSeed)
        func hu() -> Double { Double(hr.next() >> 11) * 0x1p-53 }
        let hoods = (0..<6).map { _ in ((hu() - 0.5) * 16_000, (hu() - 0.5) * 16_000, 600 + hu() * 2000) }
        let lat0 = -1.286, lon0 = 36.817
        return (0..<count).map { i in
            var x: Double, y: Double
            if unit() < 0.2 {
                x = (unit() - 0.5) * 20_000; y = (unit() - 0.5) * 20_000
            } else {
                let h = hoods[Int(rng.next() % 6)]
                x = h.0 + gauss() * h.2; y = h.1 + gauss() * h.2
            }
            let service = [15.0, 20, 20, 25, 30][Int(rng.next() % 5)]
            return ZonePoint(id: "\(prefix)\(i)", latitude: lat0 + y / 111_195,
                             longitude: lon0 + x / (111_195 * cos(lat0 * .pi / 180)), serviceMinutes: service)
        }
    }

    static func zones(_ count: Int) -> [ZoneSpec] { (1...count).map { ZoneSpec(id: "Z\($0)") } }

    /// Loads per built zone recomputed from the summaries.
    static func loads(_ result: ZoningResult, balance: ZoningOptions.Balance) -> [Double] {
        result.zones.filter { !$0.locked }.map { balance == .accounts ? Double($0.accounts) : $0.workloadHours }
    }

    /// The points with their zone from a result, as the store would hand them to a rebuild.
    static func zoned(_ points: [ZonePoint], _ result: ZoningResult) -> [ZonePoint] {
        var out = points
        for i in out.indices { out[i].currentZone = result.zoneOfPoint[i] }
        return out
    }
}
