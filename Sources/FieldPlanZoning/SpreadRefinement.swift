/// Compactness on the true objective: Hartigan-style moves and swaps of border accounts that
/// lower the spread, the sum of distances of the accounts to their zones' means, with the
/// means recomputed for every move.
///
/// The exchanges before this pass minimise the sum of *squared* distances with the centres
/// held still for a round, as k-means does; the figure `zones list` shows and the benchmark
/// compares is the mean *distance* to the zone's mean. A move of account i from zone a to b
/// shifts both means, and with them every member's distance, so its exact effect is
///   Δ = [S_a(a∖i) − S_a(a)] + [S_b(b∪i) − S_b(b)],
/// where S(z) sums the distances to z's own mean. Each zone keeps the gradient g and the
/// Hessian H of its sum of distances with respect to the centre, so a shift δ of the mean
/// costs g·δ + ½·δᵀHδ (second order: δ is the account's offset over the zone's size, metres
/// against kilometres) and the account's own distance is exact; one candidate costs O(1).
/// A move is made when Δ < 0 and both loads stay in the band; when the band leaves no room,
/// the best blocked candidates a → b and b → a go together as a swap when the pair's Δ
/// (cross terms included) is negative. Every pass starts from the exact figures (g, H and
/// means recomputed), and ends by measuring the exact objective: a pass that did not lower
/// it is undone and ends the refinement, so the objective never rises.
///
/// Only accounts with a near neighbour in the receiving zone move, so zones stay contiguous;
/// accounts that are not `movable` stay; loads stay in the band or no farther outside it
/// than they were.
/// - Complexity: O(n·k) per pass for the n·k candidate moves (k neighbours), plus
///   O(c log c) to sort the c blocked candidates for swaps; a pass is O(n) more for the
///   exact objective. At most `maxPasses` passes, usually 5–15. Memory O(n + z).
struct SpreadRefinement {
    let input: BorderPassInput
    // The input's arrays, held directly for the hot loops (shared storage, no copy).
    private let xs: [Double], ys: [Double], weight: [Double], neighbours: [Int32]
    private let k: Int, zoneCount: Int
    private(set) var zone: [Int32]
    private(set) var load: [Double]
    // Per zone: size, coordinate sums, mean, gradient and Hessian of the sum of distances.
    private var count: [Double], sx: [Double], sy: [Double], cx: [Double], cy: [Double]
    private var gx: [Double], gy: [Double], hxx: [Double], hxy: [Double], hyy: [Double]
    /// Passes run, single moves and swaps made (for benchmarks and tests).
    private(set) var passes = 0
    private(set) var moves = 0
    private(set) var swaps = 0

    /// Distances below this (metres) count as this in the Hessian, which would otherwise
    /// blow up for an account sitting on its zone's mean.
    static let nearest = 10.0

    init(_ input: BorderPassInput, zone: [Int32]) {
        self.input = input
        xs = input.xs; ys = input.ys; weight = input.weight; neighbours = input.neighbours
        k = input.k; zoneCount = input.zoneCount
        self.zone = zone
        load = input.loads(of: zone)
        let zeros = [Double](repeating: 0, count: input.zoneCount)
        count = zeros; sx = zeros; sy = zeros; cx = zeros; cy = zeros
        gx = zeros; gy = zeros; hxx = zeros; hxy = zeros; hyy = zeros
    }

    /// The objective: sum of distances of the accounts to their zones' means (n × the mean
    /// spread).
    /// - Complexity: O(n).
    static func objective(xs: [Double], ys: [Double], zone: [Int32], zoneCount: Int) -> Double {
        ZoneBuilder.spread(xs: xs, ys: ys, zone: zone, zoneCount: zoneCount)
    }

    /// Passes until one gains less than 10⁻⁶ of the objective or does not gain at all (then
    /// it is undone); returns the objective's total decrease.
    @discardableResult
    mutating func run(maxPasses: Int = 40) -> Double {
        guard zoneCount > 1, k > 0, !xs.isEmpty else { return 0 }
        var current = Self.objective(xs: xs, ys: ys, zone: zone, zoneCount: zoneCount)
        let start = current
        while passes < maxPasses {
            passes += 1
            let saved = (zone, load, moves, swaps)
            pass()
            let after = Self.objective(xs: xs, ys: ys, zone: zone, zoneCount: zoneCount)
            if after >= current {
                (zone, load, moves, swaps) = saved
                break
            }
            let gain = current - after
            current = after
            if gain < current * 1e-6 { break }
        }
        return start - current
    }

    /// Exact means, gradients and Hessians from the current assignment.
    private mutating func refresh() {
        for z in 0..<zoneCount { count[z] = 0; sx[z] = 0; sy[z] = 0; gx[z] = 0; gy[z] = 0; hxx[z] = 0; hxy[z] = 0; hyy[z] = 0 }
        for i in xs.indices { let z = Int(zone[i]); count[z] += 1; sx[z] += xs[i]; sy[z] += ys[i] }
        for z in 0..<zoneCount where count[z] > 0 { cx[z] = sx[z] / count[z]; cy[z] = sy[z] / count[z] }
        for i in xs.indices { add(i, to: Int(zone[i]), sign: 1) }
    }

    /// Adds (sign 1) or removes (sign −1) account i's share of zone z's gradient and Hessian
    /// at z's current mean.
    @inline(__always)
    private mutating func add(_ i: Int, to z: Int, sign: Double) {
        let dx = cx[z] - xs[i], dy = cy[z] - ys[i]
        let r = (dx * dx + dy * dy).squareRoot()
        guard r > 1e-9 else { return }
        let ux = dx / r, uy = dy / r, h = sign / max(r, Self.nearest)
        gx[z] += sign * ux; gy[z] += sign * uy
        hxx[z] += (1 - ux * ux) * h; hxy[z] -= ux * uy * h; hyy[z] += (1 - uy * uy) * h
    }

    /// Change of zone z's sum of distances (its current members) when its mean moves by (dx, dy).
    @inline(__always)
    private func shift(_ z: Int, _ dx: Double, _ dy: Double) -> Double {
        gx[z] * dx + gy[z] * dy + 0.5 * (hxx[z] * dx * dx + 2 * hxy[z] * dx * dy + hyy[z] * dy * dy)
    }

    @inline(__always)
    private func distance(_ x: Double, _ y: Double, _ px: Double, _ py: Double) -> Double {
        ((x - px) * (x - px) + (y - py) * (y - py)).squareRoot()
    }

    /// Δ of zone a's sum when account i leaves it.
    @inline(__always)
    private func leaving(_ i: Int, _ a: Int) -> Double {
        let n = count[a]
        guard n > 1 else { return .infinity }
        let dx = (cx[a] - xs[i]) / (n - 1), dy = (cy[a] - ys[i]) / (n - 1)
        return shift(a, dx, dy) - distance(xs[i], ys[i], cx[a] + dx, cy[a] + dy)
    }

    /// Δ of zone b's sum when account i joins it.
    @inline(__always)
    private func joining(_ i: Int, _ b: Int) -> Double {
        let n = count[b]
        let dx = (xs[i] - cx[b]) / (n + 1), dy = (ys[i] - cy[b]) / (n + 1)
        return shift(b, dx, dy) + distance(xs[i], ys[i], cx[b] + dx, cy[b] + dy)
    }

    /// Δ of zone a's sum when account i leaves it and account j joins it (sizes unchanged).
    @inline(__always)
    private func trading(_ i: Int, for j: Int, in a: Int) -> Double {
        let n = count[a]
        let dx = (xs[j] - xs[i]) / n, dy = (ys[j] - ys[i]) / n
        let mx = cx[a] + dx, my = cy[a] + dy
        return shift(a, dx, dy) - distance(xs[i], ys[i], mx, my) + distance(xs[j], ys[j], mx, my)
    }

    /// Moves account i to zone b, keeping the zones' figures up to date to second order.
    private mutating func move(_ i: Int, to b: Int) {
        let a = Int(zone[i])
        add(i, to: a, sign: -1)
        let na = count[a] - 1
        let dax = na > 0 ? (cx[a] - xs[i]) / na : 0, day = na > 0 ? (cy[a] - ys[i]) / na : 0
        gx[a] += hxx[a] * dax + hxy[a] * day; gy[a] += hxy[a] * dax + hyy[a] * day
        count[a] = na; sx[a] -= xs[i]; sy[a] -= ys[i]
        if na > 0 { cx[a] = sx[a] / na; cy[a] = sy[a] / na }
        let nb = count[b] + 1
        let dbx = (xs[i] - cx[b]) / nb, dby = (ys[i] - cy[b]) / nb
        gx[b] += hxx[b] * dbx + hxy[b] * dby; gy[b] += hxy[b] * dbx + hyy[b] * dby
        count[b] = nb; sx[b] += xs[i]; sy[b] += ys[i]
        cx[b] = sx[b] / nb; cy[b] = sy[b] / nb
        add(i, to: b, sign: 1)
        load[a] -= weight[i]; load[b] += weight[i]
        zone[i] = Int32(b)
    }

    /// One pass: single moves in account order, then swaps among the moves the loads blocked.
    private mutating func pass() {
        refresh()
        var blocked: [(pair: Int, delta: Double, index: Int32)] = []
        var seen = [Int32](repeating: -1, count: k)
        for i in xs.indices where input.canMove(i) {
            let a = Int(zone[i])
            var distinct = 0
            var bestZone = -1, bestDelta = -1e-3
            var leave = Double.nan
            for t in 0..<k {
                let q = Int(neighbours[i * k + t])
                guard q >= 0 else { continue }
                let b = zone[q]
                if Int(b) == a || seen[0..<distinct].contains(b) { continue }
                seen[distinct] = b; distinct += 1
                if leave.isNaN { leave = leaving(i, a) }
                let delta = leave + joining(i, Int(b))
                guard delta < -1e-3 else { continue }
                if input.allowed(load[a], load[a] - weight[i]) && input.allowed(load[Int(b)], load[Int(b)] + weight[i]) {
                    if delta < bestDelta { bestDelta = delta; bestZone = Int(b) }
                } else {
                    blocked.append((a * zoneCount + Int(b), delta, Int32(i)))
                }
            }
            if bestZone >= 0 { move(i, to: bestZone); moves += 1 }
        }
        guard !blocked.isEmpty else { return }
        blocked.sort { $0.pair != $1.pair ? $0.pair < $1.pair : ($0.delta != $1.delta ? $0.delta < $1.delta : $0.index < $1.index) }
        var runs: [(pair: Int, range: Range<Int>)] = []
        var s = 0
        while s < blocked.count {
            var e = s
            while e < blocked.count && blocked[e].pair == blocked[s].pair { e += 1 }
            runs.append((blocked[s].pair, s..<e))
            s = e
        }
        func run(_ pair: Int) -> Range<Int>? {
            var lo = 0, hi = runs.count
            while lo < hi { let mid = (lo + hi) / 2; if runs[mid].pair < pair { lo = mid + 1 } else { hi = mid } }
            return lo < runs.count && runs[lo].pair == pair ? runs[lo].range : nil
        }
        for (pair, forward) in runs {
            let a = pair / zoneCount, b = pair % zoneCount
            guard a < b, let backward = run(b * zoneCount + a) else { continue }
            var p = forward.lowerBound, q = backward.lowerBound
            while p < forward.upperBound && q < backward.upperBound && blocked[p].delta + blocked[q].delta < 0 {
                let i = Int(blocked[p].index), j = Int(blocked[q].index)
                guard Int(zone[i]) == a else { p += 1; continue }
                guard Int(zone[j]) == b else { q += 1; continue }
                let newA = load[a] - weight[i] + weight[j], newB = load[b] + weight[i] - weight[j]
                guard input.allowed(load[a], newA) && input.allowed(load[b], newB) else {
                    if weight[i] > weight[j] { p += 1 } else { q += 1 }
                    continue
                }
                let delta = trading(i, for: j, in: a) + trading(j, for: i, in: b)
                if delta < -1e-3 {
                    move(i, to: b); move(j, to: a)
                    swaps += 1
                    p += 1; q += 1
                } else if blocked[p].delta > blocked[q].delta {
                    p += 1
                } else {
                    q += 1
                }
            }
        }
    }
}
