/// The last pass of a build: fewer border accounts at no cost in spread.
///
/// A border account is one whose nearest neighbour lies in another zone (the share
/// `ZoningMetrics.contiguity` measures): on a map it is a house whose next-door neighbour is
/// visited by another agent. The exchanges before this pass follow the squared distance, so
/// a border may keep single accounts sticking into the next zone. This pass moves a border
/// account to the zone of its nearest neighbour when that lowers the number of border
/// accounts (counted exactly: the account itself and every account whose nearest neighbour
/// it is) and does not raise the sum of distances to the zone centres, which stay where they
/// were at the start of the pass. When the loads leave no room for a single move, an account
/// of the receiving zone on the same border goes the other way in the same step, chosen
/// among the 32 cheapest in distance so that the pair lowers the border count and the sum of
/// distances together.
///
/// Guarantees, move by move: the border count falls, the sum of distances to the fixed
/// centres does not rise, every load stays in the band (or no farther outside it than it
/// was), and accounts that are not `movable` stay. Accounts only join the zone of a
/// neighbour, so zones stay contiguous.
/// - Complexity: O(n·k) to set up a pass, then O(b·32) for b border accounts; a few passes.
///   Memory O(n·k).
struct BorderSmoothing {
    let input: BorderPassInput
    // The input's arrays, held directly for the hot loops (shared storage, no copy).
    private let xs: [Double], ys: [Double], weight: [Double], neighbours: [Int32]
    private let k: Int, zoneCount: Int
    private(set) var zone: [Int32]
    private(set) var load: [Double]
    /// Fixed centres: the zones' means when the pass was set up.
    let cx: [Double]
    let cy: [Double]
    /// Accounts whose nearest neighbour is `i`: `reverse[reverseStart[i]..<reverseStart[i + 1]]`.
    private let reverseStart: [Int32]
    private let reverse: [Int32]
    private(set) var moves = 0

    /// How many compensating accounts are tried for one border account.
    static let compensationCandidates = 32

    init(_ input: BorderPassInput, zone: [Int32]) {
        self.input = input
        xs = input.xs; ys = input.ys; weight = input.weight; neighbours = input.neighbours
        k = input.k; zoneCount = input.zoneCount
        self.zone = zone
        let xs = input.xs, ys = input.ys, weight = input.weight, neighbours = input.neighbours
        let k = input.k, zoneCount = input.zoneCount
        let n = xs.count
        var load = [Double](repeating: 0, count: zoneCount)
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx, c = sx
        for i in 0..<n {
            let z = Int(zone[i])
            load[z] += weight[i]; sx[z] += xs[i]; sy[z] += ys[i]; c[z] += 1
        }
        self.load = load
        cx = (0..<zoneCount).map { c[$0] > 0 ? sx[$0] / c[$0] : 0 }
        cy = (0..<zoneCount).map { c[$0] > 0 ? sy[$0] / c[$0] : 0 }
        var start = [Int32](repeating: 0, count: n + 1)
        for i in 0..<n where k > 0 && neighbours[i * k] >= 0 { start[Int(neighbours[i * k]) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var reverse = [Int32](repeating: 0, count: Int(start[n]))
        for i in 0..<n where k > 0 && neighbours[i * k] >= 0 {
            let q = Int(neighbours[i * k])
            reverse[Int(fill[q])] = Int32(i); fill[q] += 1
        }
        reverseStart = start
        self.reverse = reverse
    }

    /// Accounts whose nearest neighbour is in another zone.
    /// - Complexity: O(n).
    static func borderCount(zone: [Int32], neighbours: [Int32], k: Int) -> Int {
        var count = 0
        for i in zone.indices where k > 0 {
            let q = Int(neighbours[i * k])
            if q >= 0 && zone[q] != zone[i] { count += 1 }
        }
        return count
    }

    /// Sum of distances of the accounts to the given centres of their zones.
    /// - Complexity: O(n).
    static func distanceSum(xs: [Double], ys: [Double], zone: [Int32], cx: [Double], cy: [Double]) -> Double {
        var total = 0.0
        for i in xs.indices {
            let z = Int(zone[i])
            total += ((xs[i] - cx[z]) * (xs[i] - cx[z]) + (ys[i] - cy[z]) * (ys[i] - cy[z])).squareRoot()
        }
        return total
    }

    /// Passes over the border accounts until one changes nothing (at most `maxPasses`);
    /// returns the number of border accounts removed.
    @discardableResult
    mutating func run(maxPasses: Int = 6) -> Int {
        guard zoneCount > 1, k > 0, !xs.isEmpty else { return 0 }
        var removed = 0
        for _ in 0..<maxPasses {
            let gained = pass()
            removed += gained
            if gained == 0 { break }
        }
        return removed
    }

    @inline(__always)
    private func distance(_ i: Int, _ z: Int) -> Double {
        let dx = xs[i] - cx[z], dy = ys[i] - cy[z]
        return (dx * dx + dy * dy).squareRoot()
    }

    @inline(__always)
    private func canMove(_ i: Int) -> Bool { input.canMove(i) }

    @inline(__always)
    private func allowed(_ old: Double, _ new: Double) -> Bool { input.allowed(old, new) }

    /// Change of the border count if account `i` moved to zone `b`: its own status and that
    /// of every account whose nearest neighbour it is.
    private func borderDelta(_ i: Int, to b: Int32) -> Int {
        let a = zone[i]
        var delta = 0
        let q = Int(neighbours[i * k])
        if q >= 0 { delta += (zone[q] != b ? 1 : 0) - (zone[q] != a ? 1 : 0) }
        for t in Int(reverseStart[i])..<Int(reverseStart[i + 1]) {
            let r = Int(reverse[t])
            guard r != i else { continue }
            delta += (zone[r] != b ? 1 : 0) - (zone[r] != a ? 1 : 0)
        }
        return delta
    }

    private mutating func move(_ i: Int, to b: Int32) {
        load[Int(zone[i])] -= weight[i]; load[Int(b)] += weight[i]
        zone[i] = b
        moves += 1
    }

    /// One pass; returns the border accounts removed.
    private mutating func pass() -> Int {
        let n = xs.count
        // Compensation candidates: accounts of zone b with a neighbour in zone a, per ordered
        // pair (b, a), cheapest in distance first.
        var entries: [(pair: Int, cost: Double, index: Int32)] = []
        var seen = [Int32](repeating: -1, count: k)
        for j in 0..<n where canMove(j) {
            let b = Int(zone[j])
            var distinct = 0
            for t in 0..<k {
                let q = Int(neighbours[j * k + t])
                guard q >= 0 else { continue }
                let a = zone[q]
                if Int(a) == b || seen[0..<distinct].contains(a) { continue }
                seen[distinct] = a; distinct += 1
                entries.append((b * zoneCount + Int(a), distance(j, Int(a)) - distance(j, b), Int32(j)))
            }
        }
        entries.sort { $0.pair != $1.pair ? $0.pair < $1.pair : ($0.cost != $1.cost ? $0.cost < $1.cost : $0.index < $1.index) }
        var runs: [Int: Range<Int>] = [:]
        var s = 0
        while s < entries.count {
            var e = s
            while e < entries.count && entries[e].pair == entries[s].pair { e += 1 }
            runs[entries[s].pair] = s..<e
            s = e
        }
        var removed = 0
        for i in 0..<n where canMove(i) {
            let q = Int(neighbours[i * k])
            guard q >= 0, zone[q] != zone[i] else { continue }
            let a = zone[i], b = zone[q]
            let delta = borderDelta(i, to: b)
            guard delta < 0 else { continue }
            let cost = distance(i, Int(b)) - distance(i, Int(a))
            let wi = weight[i]
            if cost <= 0, allowed(load[Int(a)], load[Int(a)] - wi), allowed(load[Int(b)], load[Int(b)] + wi) {
                move(i, to: b)
                removed -= delta
                continue
            }
            // A compensating account of b on the border with a, in the same step.
            guard let run = runs[Int(b) * zoneCount + Int(a)] else { continue }
            var tried = 0
            for t in run {
                let (_, back, jj) = entries[t]
                if cost + back > 0 || tried >= Self.compensationCandidates { break }
                let j = Int(jj)
                guard j != i, zone[j] == b else { continue }
                tried += 1
                let wj = weight[j]
                guard allowed(load[Int(a)], load[Int(a)] - wi + wj), allowed(load[Int(b)], load[Int(b)] + wi - wj) else { continue }
                move(i, to: b)
                let total = delta + borderDelta(j, to: a)
                if total < 0 {
                    move(j, to: a)
                    removed -= total
                    break
                }
                move(i, to: a)
                moves -= 2
            }
        }
        return removed
    }
}
