/// Local boundary moves that bring every zone's load into a band, moving as little as it can.
///
/// A zone above the band gives accounts to the nearest (in zone hops) zone with room, along
/// a chain of adjacent zones; a zone below the band takes from the nearest zone with a
/// surplus the same way. On each hop only accounts on the common boundary move (an account
/// with one of its nearest neighbours in the receiving zone), cheapest first: the least extra
/// distance to the receiving centre, plus a per-account penalty so that, in a stable rebuild,
/// new accounts move before accounts that already had a zone. Boundary-only moves keep zones
/// contiguous. Zone adjacency is kept up to date move by move through forward and reverse
/// neighbour lists.
/// - Complexity: O(n·k) to set up; per transfer O(size of the giving zones · k) plus a BFS
///   over the k × k zone adjacency.
struct BoundaryRepair {
    let xs: [Double]
    let ys: [Double]
    let weight: [Double]
    /// `neighbours[i * k + t]`: index of a near point, or -1 (none, or not movable).
    let neighbours: [Int32]
    let k: Int
    let penalty: [Double]
    let zoneCount: Int
    private(set) var zone: [Int32]
    private(set) var load: [Double]
    private var cx: [Double]
    private var cy: [Double]
    private var members: [[Int32]]
    private var reverseStart: [Int32]
    private var reverse: [Int32]
    /// Directed boundary links between zones, row-major `zoneCount²`.
    private var links: [Int32]
    private(set) var transfers = 0

    init(xs: [Double], ys: [Double], weight: [Double], neighbours: [Int32], k: Int, penalty: [Double],
         zone: [Int32], zoneCount: Int) {
        self.xs = xs; self.ys = ys; self.weight = weight
        self.neighbours = neighbours; self.k = k; self.penalty = penalty
        self.zone = zone; self.zoneCount = zoneCount
        let n = xs.count
        var load = [Double](repeating: 0, count: zoneCount)
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx, count = sx
        var members = [[Int32]](repeating: [], count: zoneCount)
        for i in 0..<n {
            let z = Int(zone[i])
            load[z] += weight[i]; sx[z] += xs[i]; sy[z] += ys[i]; count[z] += 1
            members[z].append(Int32(i))
        }
        self.load = load
        self.members = members
        cx = (0..<zoneCount).map { count[$0] > 0 ? sx[$0] / count[$0] : 0 }
        cy = (0..<zoneCount).map { count[$0] > 0 ? sy[$0] / count[$0] : 0 }
        var start = [Int32](repeating: 0, count: n + 1)
        for q in neighbours where q >= 0 { start[Int(q) + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var reverse = [Int32](repeating: 0, count: Int(start[n]))
        for i in 0..<n {
            for t in 0..<k {
                let q = Int(neighbours[i * k + t])
                if q >= 0 { reverse[Int(fill[q])] = Int32(i); fill[q] += 1 }
            }
        }
        reverseStart = start
        self.reverse = reverse
        var links = [Int32](repeating: 0, count: zoneCount * zoneCount)
        for i in 0..<n {
            for t in 0..<k {
                let q = Int(neighbours[i * k + t])
                if q >= 0 && zone[q] != zone[i] { links[Int(zone[i]) * zoneCount + Int(zone[q])] += 1 }
            }
        }
        self.links = links
    }

    /// Moves accounts until every load lies in `trigger` (lower, upper), each repaired zone
    /// ending inside `aim`, or until no chain can help. Returns whether all loads are in the
    /// trigger band.
    @discardableResult
    mutating func run(trigger: ClosedRange<Double>, aim: ClosedRange<Double>, target: Double) -> Bool {
        let maxTransfers = 40 * zoneCount + 100
        var stuck = [Bool](repeating: false, count: zoneCount)
        while transfers < maxTransfers {
            var worst = -1, worstViolation = 0.0
            for j in 0..<zoneCount where !stuck[j] {
                let v = max(load[j] - trigger.upperBound, trigger.lowerBound - load[j])
                if v > worstViolation { worstViolation = v; worst = j }
            }
            guard worst >= 0 else { break }
            transfers += 1
            let heavy = load[worst] > trigger.upperBound
            let (parent, hops) = breadthFirst(from: worst)
            // The nearest zone (in hops) on the other side of the mean, the most extreme first.
            var partner = -1
            for j in 0..<zoneCount where j != worst && hops[j] >= 0 {
                let fits = heavy ? load[j] < target : load[j] > target
                guard fits else { continue }
                if partner < 0 || hops[j] < hops[partner]
                    || (hops[j] == hops[partner] && (heavy ? load[j] < load[partner] : load[j] > load[partner])) {
                    partner = j
                }
            }
            guard partner >= 0 else { stuck[worst] = true; continue }
            var path = [partner]
            while path.last! != worst { path.append(parent[path.last!]) }
            if heavy { path.reverse() } // giver first
            let amount = heavy
                ? min(load[worst] - aim.upperBound, aim.upperBound - load[partner])
                : min(aim.lowerBound - load[worst], load[partner] - aim.lowerBound)
            guard amount > 0 else { stuck[worst] = true; continue }
            var carried = amount
            var progressed = true
            for h in 0..<(path.count - 1) {
                carried = transfer(from: path[h], to: path[h + 1], amount: carried)
                if carried <= 0 { progressed = false; break }
            }
            if !progressed { stuck[worst] = true }
        }
        for j in 0..<zoneCount where load[j] > trigger.upperBound || load[j] < trigger.lowerBound { return false }
        return true
    }

    /// Zone-adjacency BFS from `source`, neighbours in index order (deterministic).
    private func breadthFirst(from source: Int) -> (parent: [Int], hops: [Int]) {
        var parent = [Int](repeating: -1, count: zoneCount)
        var hops = [Int](repeating: -1, count: zoneCount)
        hops[source] = 0
        var queue = [source], head = 0
        while head < queue.count {
            let a = queue[head]; head += 1
            for b in 0..<zoneCount where hops[b] < 0 {
                if links[a * zoneCount + b] + links[b * zoneCount + a] > 0 {
                    hops[b] = hops[a] + 1; parent[b] = a; queue.append(b)
                }
            }
        }
        return (parent, hops)
    }

    /// Moves boundary accounts of `x` into `y`, cheapest first, until at least `amount` of
    /// load has moved; returns the load moved.
    private mutating func transfer(from x: Int, to y: Int, amount: Double) -> Double {
        var moved = 0.0
        var layers = 0
        while moved < amount && layers < 64 {
            layers += 1
            var candidates: [(score: Double, index: Int32)] = []
            var kept: [Int32] = []
            kept.reserveCapacity(members[x].count)
            for i32 in members[x] where zone[Int(i32)] == Int32(x) {
                kept.append(i32)
                let i = Int(i32)
                var touches = false
                for t in 0..<k {
                    let q = Int(neighbours[i * k + t])
                    if q >= 0 && zone[q] == Int32(y) { touches = true; break }
                }
                if !touches {
                    for s in Int(reverseStart[i])..<Int(reverseStart[i + 1]) where zone[Int(reverse[s])] == Int32(y) {
                        touches = true; break
                    }
                }
                guard touches else { continue }
                let toY = distance(i, y), toX = distance(i, x)
                candidates.append((toY - toX + penalty[i], i32))
            }
            members[x] = kept
            if candidates.isEmpty { break }
            candidates.sort { $0.score != $1.score ? $0.score < $1.score : $0.index < $1.index }
            for c in candidates {
                if moved >= amount { break }
                move(Int(c.index), to: y)
                moved += weight[Int(c.index)]
            }
        }
        return moved
    }

    private func distance(_ i: Int, _ z: Int) -> Double {
        let dx = xs[i] - cx[z], dy = ys[i] - cy[z]
        return (dx * dx + dy * dy).squareRoot()
    }

    /// Reassigns one point, keeping loads, member lists and zone links current.
    mutating func move(_ i: Int, to y: Int) {
        let x = Int(zone[i])
        guard x != y else { return }
        for t in 0..<k {
            let q = Int(neighbours[i * k + t])
            guard q >= 0 else { continue }
            let zq = Int(zone[q])
            if zq != x { links[x * zoneCount + zq] -= 1 }
            if zq != y { links[y * zoneCount + zq] += 1 }
        }
        for s in Int(reverseStart[i])..<Int(reverseStart[i + 1]) {
            let p = Int(reverse[s])
            let zp = Int(zone[p])
            if zp != x { links[zp * zoneCount + x] -= 1 }
            if zp != y { links[zp * zoneCount + y] += 1 }
        }
        zone[i] = Int32(y)
        load[x] -= weight[i]
        load[y] += weight[i]
        members[y].append(Int32(i))
    }

    /// Moves isolated accounts (none of their neighbours in their own zone, most of them in
    /// one other zone) to that zone when both loads stay inside `band` and the account has no
    /// penalty. Mends the odd enclave that boundary moves or ties can leave.
    /// - Complexity: O(n·k).
    mutating func dissolveEnclaves(band: ClosedRange<Double>) -> Int {
        var count = 0
        var votes = [Int](repeating: 0, count: zoneCount)
        for i in 0..<xs.count where penalty[i] == 0 {
            let own = Int(zone[i])
            var total = 0, ownVotes = 0
            var touched: [Int] = []
            for t in 0..<k {
                let q = Int(neighbours[i * k + t])
                guard q >= 0 else { continue }
                let z = Int(zone[q])
                total += 1
                if z == own { ownVotes += 1; continue }
                if votes[z] == 0 { touched.append(z) }
                votes[z] += 1
            }
            var best = -1
            for z in touched.sorted() where best < 0 || votes[z] > votes[best] { best = z }
            if ownVotes == 0, best >= 0, votes[best] * 2 > total,
               load[own] - weight[i] >= band.lowerBound, load[best] + weight[i] <= band.upperBound {
                move(i, to: best)
                count += 1
            }
            for z in touched { votes[z] = 0 }
        }
        return count
    }
}
