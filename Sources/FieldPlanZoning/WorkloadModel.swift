import Foundation

/// Estimates the travel each account adds to a tour of its zone.
///
/// Beardwood–Halton–Hammersley: a shortest tour through n points of density f is about
/// β·∫√f dA, which is β·Σᵢ 1/√f(xᵢ) over the points themselves. Estimating f at each account
/// from the distance to its 6th nearest neighbour makes the estimate additive (a zone's
/// travel is the sum over its accounts), so balancing can move single accounts and know the
/// exact change, and it stays right for zones of uneven density, where β·√(n·area) of the
/// convex hull overstates travel. Distances are turned into time by the SPEC §4 model:
/// × road factor, at the configured speed.
/// - Complexity: O(1) per point given its neighbour distances.
public struct WorkloadModel: Sendable, Hashable {
    /// The BHH constant for the Euclidean plane.
    public static let beardwoodConstant = 0.7124
    /// Neighbours used for the density estimate.
    public static let neighbours = 6

    public let roadFactor: Double
    public let speedKmh: Double
    private let factors: [Double]

    public init(roadFactor: Double, speedKmh: Double) {
        self.roadFactor = roadFactor
        self.speedKmh = speedKmh
        let perMetre = roadFactor / (speedKmh * 1000)
        // E[r_k] = Γ(k+½)/(Γ(k)·√(πλ)) for a Poisson process; divide it out so that the
        // estimate of 1/√λ from the k-th neighbour distance is unbiased.
        factors = (0...Self.neighbours).map { k in
            guard k > 0 else { return 0 }
            let bias = exp(lgamma(Double(k) + 0.5) - lgamma(Double(k))) / Double(k).squareRoot()
            return Self.beardwoodConstant * (Double.pi / Double(k)).squareRoot() / bias * perMetre
        }
    }

    /// Travel hours that the account adds, from its distance in metres to its `rank`-th
    /// nearest neighbour (`rank` ≤ `neighbours`; 0 when the account is alone).
    public func travelHours(neighbourDistance r: Double, rank: Int) -> Double {
        guard rank > 0, r.isFinite else { return 0 }
        return factors[min(rank, Self.neighbours)] * r
    }

    /// Travel for a tour of `count` points spread over `area` square metres, the textbook
    /// β·√(n·A) estimate; kept for comparison in benchmarks.
    public func hullTravelHours(count: Int, area: Double) -> Double {
        Self.beardwoodConstant * (Double(count) * area).squareRoot() * roadFactor / (speedKmh * 1000)
    }
}
