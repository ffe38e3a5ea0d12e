/// What every compactness pass after the balanced assignment works on (`BorderExchange`,
/// `BorderSmoothing`, `SpreadRefinement`): the planar points, their loads, their near
/// neighbours, the load band and which accounts may move. One value, shared by the passes
/// of a build, so the arrays are not copied per pass (copy-on-write).
struct BorderPassInput {
    let xs: [Double]
    let ys: [Double]
    let weight: [Double]
    /// `neighbours[i * k + t]`: index of a near point (nearest first), or -1.
    let neighbours: [Int32]
    let k: Int
    let zoneCount: Int
    /// Every load must stay within `lower...upper`, or no farther outside it than it was.
    let lower: Double
    let upper: Double
    /// Accounts that may move (nil: all of them).
    let movable: [Bool]?

    init(xs: [Double], ys: [Double], weight: [Double], neighbours: [Int32], k: Int, zoneCount: Int,
         band: ClosedRange<Double>, movable: [Bool]? = nil) {
        self.xs = xs; self.ys = ys; self.weight = weight
        self.neighbours = neighbours; self.k = k
        self.zoneCount = zoneCount
        lower = band.lowerBound; upper = band.upperBound
        self.movable = movable
    }

    /// The same accounts within another band.
    func with(band: ClosedRange<Double>) -> BorderPassInput {
        BorderPassInput(xs: xs, ys: ys, weight: weight, neighbours: neighbours, k: k, zoneCount: zoneCount,
                        band: band, movable: movable)
    }

    @inline(__always)
    func canMove(_ i: Int) -> Bool { movable.map { $0[i] } ?? true }

    /// How far a load lies outside the band (0 inside).
    @inline(__always)
    func excess(_ l: Double) -> Double { max(l - upper, lower - l, 0) }

    /// A load change is allowed when the new load is in the band or no farther out than before.
    @inline(__always)
    func allowed(_ old: Double, _ new: Double) -> Bool { excess(new) <= excess(old) }

    /// Load of every zone.
    /// - Complexity: O(n).
    func loads(of zone: [Int32]) -> [Double] {
        var load = [Double](repeating: 0, count: zoneCount)
        for i in xs.indices { load[Int(zone[i])] += weight[i] }
        return load
    }
}
