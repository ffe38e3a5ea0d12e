/// Balanced k-means: Lloyd rounds whose assignment step is a capacity-constrained power
/// diagram.
///
/// Each point goes to the zone minimising ‖x − cⱼ‖² − αⱼ. With all αⱼ = 0 this is plain
/// k-means; the weights αⱼ are tuned (per-zone sign steps that grow while the sign holds and
/// halve when it flips, as in Rprop) until every zone's load is within the inner tolerance
/// of the target. A power diagram's cells are convex, so the zones come out compact and never
/// interleave; the centres then move to their zones' means, as in k-means, and the weights
/// are re-tuned from where they were.
///
/// Only the `candidateCount` nearest centres of a point are considered, which keeps an
/// assignment pass at O(n·m) instead of O(n·k).
/// - Complexity: per round O(n·k) for the candidate lists plus O(n·m) per weight step; memory
///   O(n·m).
struct PowerDiagramKMeans {
    let xs: [Double]
    let ys: [Double]
    let weight: [Double]
    let zoneCount: Int
    let candidateCount: Int
    var cx: [Double]
    var cy: [Double]
    private(set) var alpha: [Double]
    private(set) var assignment: [Int32]
    private(set) var load: [Double]
    private var step: [Double]
    private var lastSign: [Int8]
    private var candidates: [Int32]
    private var candidateDistance: [Double]
    let target: Double

    init(xs: [Double], ys: [Double], weight: [Double], centresX: [Double], centresY: [Double]) {
        self.xs = xs
        self.ys = ys
        self.weight = weight
        zoneCount = centresX.count
        candidateCount = min(centresX.count, 8)
        cx = centresX
        cy = centresY
        alpha = [Double](repeating: 0, count: zoneCount)
        assignment = [Int32](repeating: 0, count: xs.count)
        load = [Double](repeating: 0, count: zoneCount)
        step = [Double](repeating: 0, count: zoneCount)
        lastSign = [Int8](repeating: 0, count: zoneCount)
        candidates = [Int32](repeating: 0, count: xs.count * candidateCount)
        candidateDistance = [Double](repeating: 0, count: xs.count * candidateCount)
        target = weight.reduce(0, +) / Double(max(zoneCount, 1))
    }

    /// Runs up to `maxRounds` Lloyd rounds; returns the rounds used. Early rounds, while the
    /// centres still travel, tune the weights loosely and briefly. Balanced Lloyd rounds do
    /// not descend monotonically (the weights are re-tuned each round), so the best balanced
    /// state seen is kept, and the search stops after `patience` rounds without a 0.01 %
    /// improvement of the sum of squared distances.
    mutating func run(maxRounds: Int, innerTolerance: Double, timeLimit: Duration? = nil, patience: Int = 6) -> Int {
        guard !xs.isEmpty else { return 0 }
        let clock = ContinuousClock()
        let deadline = timeLimit.map { clock.now.advanced(by: $0) }
        updateCandidates(full: true)
        let scale = meanNearestSquaredDistance()
        for j in 0..<zoneCount { step[j] = 0.05 * scale }
        solveWeights(maxIterations: 30, tolerance: 0.05)
        var rounds = 1
        var best: (cost: Double, assignment: [Int32], cx: [Double], cy: [Double], load: [Double])?
        var sinceBest = 0
        while rounds < maxRounds {
            if let deadline, clock.now >= deadline { break }
            _ = moveCentres()
            rounds += 1
            updateCandidates(full: rounds % 8 == 0)
            for j in 0..<zoneCount { step[j] = max(step[j], 0.01 * scale); lastSign[j] = 0 }
            let late = rounds >= 4
            let settled = solveWeights(maxIterations: late ? 40 : 12, tolerance: late ? innerTolerance : max(innerTolerance, 0.05))
            guard late && settled else { continue }
            let cost = assignedCost()
            if let b = best, cost >= b.cost * (1 - 1e-4) {
                sinceBest += 1
                if cost < b.cost { best = (cost, assignment, cx, cy, load) }
                if sinceBest >= patience { break }
            } else {
                best = (cost, assignment, cx, cy, load)
                sinceBest = 0
            }
        }
        if let b = best {
            assignment = b.assignment; cx = b.cx; cy = b.cy; load = b.load
        }
        return rounds
    }

    /// Sum of squared distances of the points to their assigned centres.
    private func assignedCost() -> Double {
        var total = 0.0
        for i in 0..<xs.count {
            let j = Int(assignment[i])
            let dx = xs[i] - cx[j], dy = ys[i] - cy[j]
            total += dx * dx + dy * dy
        }
        return total
    }

    /// The m nearest centres of every point and their squared distances, looking at the
    /// centres near the point's previous nearest centre only (all centres when `full`).
    /// - Complexity: O(n·k) when full, O(n·c) otherwise, c = `centreNeighbourCount`.
    private mutating func updateCandidates(full: Bool) {
        if !full && zoneCount > Self.centreNeighbourCount {
            updateCandidatesLocally()
            return
        }
        let n = xs.count, m = candidateCount, k = zoneCount
        xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
                cx.withUnsafeBufferPointer { qx in
                    cy.withUnsafeBufferPointer { qy in
                        candidates.withUnsafeMutableBufferPointer { cand in
                            candidateDistance.withUnsafeMutableBufferPointer { dist in
                                for i in 0..<n {
                                    let base = i * m
                                    for t in 0..<m { dist[base + t] = .infinity; cand[base + t] = -1 }
                                    let x = px[i], y = py[i]
                                    var worst = Double.infinity
                                    for j in 0..<k {
                                        let dx = qx[j] - x, dy = qy[j] - y
                                        let d = dx * dx + dy * dy
                                        if d < worst { worst = Self.insertCandidate(j, distance: d, at: base, slots: m, cand, dist) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Puts centre `j` at squared distance `d` into a point's candidate list (`slots` entries
    /// from `base`, nearest first), dropping the farthest; the new farthest distance.
    @inline(__always)
    private static func insertCandidate(_ j: Int, distance d: Double, at base: Int, slots m: Int,
                                        _ cand: UnsafeMutableBufferPointer<Int32>, _ dist: UnsafeMutableBufferPointer<Double>) -> Double {
        var t = m - 1
        while t > 0 && dist[base + t - 1] > d {
            dist[base + t] = dist[base + t - 1]; cand[base + t] = cand[base + t - 1]; t -= 1
        }
        dist[base + t] = d; cand[base + t] = Int32(j)
        return dist[base + m - 1]
    }

    static let centreNeighbourCount = 20

    private mutating func updateCandidatesLocally() {
        let n = xs.count, m = candidateCount, k = zoneCount, c = Self.centreNeighbourCount
        // The c nearest centres of every centre (itself first).
        var near = [Int32](repeating: 0, count: k * c)
        var d2 = [Double](repeating: 0, count: k)
        var order = [Int](repeating: 0, count: k)
        for j in 0..<k {
            for l in 0..<k { let dx = cx[l] - cx[j], dy = cy[l] - cy[j]; d2[l] = dx * dx + dy * dy; order[l] = l }
            d2[j] = -1
            order.sort { d2[$0] != d2[$1] ? d2[$0] < d2[$1] : $0 < $1 }
            for t in 0..<c { near[j * c + t] = Int32(order[t]) }
        }
        xs.withUnsafeBufferPointer { px in
            ys.withUnsafeBufferPointer { py in
                cx.withUnsafeBufferPointer { qx in
                    cy.withUnsafeBufferPointer { qy in
                        candidates.withUnsafeMutableBufferPointer { cand in
                            candidateDistance.withUnsafeMutableBufferPointer { dist in
                                for i in 0..<n {
                                    let base = i * m
                                    let home = Int(cand[base])
                                    for t in 0..<m { dist[base + t] = .infinity; cand[base + t] = -1 }
                                    let x = px[i], y = py[i]
                                    var worst = Double.infinity
                                    for s in 0..<c {
                                        let j = Int(near[home * c + s])
                                        let dx = qx[j] - x, dy = qy[j] - y
                                        let d = dx * dx + dy * dy
                                        if d < worst { worst = Self.insertCandidate(j, distance: d, at: base, slots: m, cand, dist) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private func meanNearestSquaredDistance() -> Double {
        var sum = 0.0
        for i in 0..<xs.count { sum += candidateDistance[i * candidateCount] }
        return max(sum / Double(max(xs.count, 1)), 1)
    }

    /// Assigns every point to its cheapest candidate under the current weights.
    private mutating func assign() {
        let n = xs.count, m = candidateCount
        for j in 0..<zoneCount { load[j] = 0 }
        candidates.withUnsafeBufferPointer { cand in
            candidateDistance.withUnsafeBufferPointer { dist in
                alpha.withUnsafeBufferPointer { a in
                    weight.withUnsafeBufferPointer { w in
                        assignment.withUnsafeMutableBufferPointer { out in
                            load.withUnsafeMutableBufferPointer { l in
                                for i in 0..<n {
                                    let base = i * m
                                    var best = Int(cand[base])
                                    var bestCost = dist[base] - a[best]
                                    for t in 1..<m {
                                        let j = Int(cand[base + t])
                                        if j < 0 { break }
                                        let c = dist[base + t] - a[j]
                                        if c < bestCost { bestCost = c; best = j }
                                    }
                                    out[i] = Int32(best)
                                    l[best] += w[i]
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Tunes the power weights until every load is within `tolerance` of the target.
    @discardableResult
    private mutating func solveWeights(maxIterations: Int, tolerance: Double) -> Bool {
        for _ in 0..<maxIterations {
            assign()
            var worst = 0.0
            for j in 0..<zoneCount { worst = max(worst, abs(load[j] - target) / target) }
            if worst <= tolerance { return true }
            var mean = 0.0
            for j in 0..<zoneCount {
                let error = (load[j] - target) / target
                if abs(error) <= tolerance * 0.5 { lastSign[j] = 0; mean += alpha[j]; continue }
                let sign: Int8 = error > 0 ? 1 : -1
                if lastSign[j] == sign { step[j] *= 1.2 } else if lastSign[j] != 0 { step[j] *= 0.5 }
                lastSign[j] = sign
                alpha[j] -= Double(sign) * step[j]
                mean += alpha[j]
            }
            mean /= Double(zoneCount)
            for j in 0..<zoneCount { alpha[j] -= mean }
        }
        assign()
        var worst = 0.0
        for j in 0..<zoneCount { worst = max(worst, abs(load[j] - target) / target) }
        return worst <= tolerance
    }

    /// Moves each centre to the mean of its points; an empty zone restarts at the point
    /// farthest from its own centre. Returns the largest move.
    private mutating func moveCentres() -> Double {
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx
        var count = [Int](repeating: 0, count: zoneCount)
        for i in 0..<xs.count {
            let j = Int(assignment[i])
            sx[j] += xs[i]; sy[j] += ys[i]; count[j] += 1
        }
        var shift = 0.0
        var taken = Set<Int>()
        for j in 0..<zoneCount {
            var nx: Double, ny: Double
            if count[j] > 0 {
                nx = sx[j] / Double(count[j]); ny = sy[j] / Double(count[j])
            } else {
                var far = -1, farD = -1.0
                for i in 0..<xs.count where !taken.contains(i) {
                    let c = Int(assignment[i])
                    let dx = xs[i] - cx[c], dy = ys[i] - cy[c]
                    let d = dx * dx + dy * dy
                    if d > farD { farD = d; far = i }
                }
                guard far >= 0 else { continue }
                taken.insert(far)
                nx = xs[far]; ny = ys[far]
                alpha[j] = alpha.reduce(0, +) / Double(zoneCount)
            }
            let dx = nx - cx[j], dy = ny - cy[j]
            shift = max(shift, (dx * dx + dy * dy).squareRoot())
            cx[j] = nx; cy[j] = ny
        }
        return shift
    }
}
