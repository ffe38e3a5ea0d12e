/// Compactness after balance: moves and exchanges of accounts across zone borders that lower
/// the total squared distance to the zone centres while every load stays in a band.
///
/// A balanced assignment (power-diagram k-means plus boundary repair) pulls every zone toward
/// the mean load, although the band only asks for loads between `lower` and `upper`; zones
/// strictly inside the band pay compactness for nothing. Each round fixes the centres at the
/// zones' means and, for every pair of touching zones, solves the two-zone exchange
/// exactly for counts (a min-cost flow between two nodes is a sorted merge): border accounts
/// of either zone, ranked by how much nearer the other centre is, first move one way while
/// the loads allow (transfers), then go in pairs, one each way, while the pair's gain is
/// positive (exchanges keep the loads). Then a negative-cycle pass over the zone graph
/// (Bellman–Ford on the best single move of every ordered pair of touching zones) finds
/// rotations a → b → c → a that no pair can make because every zone sits at a bound. The
/// centres then move to the new means, as in Lloyd's algorithm, and rounds repeat until the
/// gain of a round falls below 10⁻⁵ of the objective.
///
/// Only accounts with a near neighbour in the receiving zone move, so zones stay contiguous.
/// With fixed centres every applied move lowers the objective by its gain and the mean step
/// never raises it, so the objective never increases; loads end inside the band, or no
/// farther outside it than they started.
/// - Complexity: per round O(n·k log(n·k)) for the n·k (k neighbours) candidate moves, plus
///   O(z·e) for the cycle pass over z zones and e touching pairs; memory O(n·k).
struct BorderExchange {
    let input: BorderPassInput
    // The input's arrays, held directly for the hot loops (shared storage, no copy).
    private let xs: [Double], ys: [Double], weight: [Double], neighbours: [Int32]
    private let k: Int, zoneCount: Int
    private(set) var zone: [Int32]
    private(set) var load: [Double]
    private(set) var cx: [Double]
    private(set) var cy: [Double]
    private(set) var moves = 0

    init(_ input: BorderPassInput, zone: [Int32]) {
        self.input = input
        xs = input.xs; ys = input.ys; weight = input.weight; neighbours = input.neighbours
        k = input.k; zoneCount = input.zoneCount
        self.zone = zone
        load = input.loads(of: zone)
        cx = []; cy = []
        updateCentres()
    }

    /// Sum of squared distances of the accounts to their zones' means (what k-means and
    /// size-constrained k-means minimise).
    /// - Complexity: O(n).
    static func objective(xs: [Double], ys: [Double], zone: [Int32], zoneCount: Int) -> Double {
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx, c = sx
        for i in 0..<xs.count { let z = Int(zone[i]); sx[z] += xs[i]; sy[z] += ys[i]; c[z] += 1 }
        var total = 0.0
        for i in 0..<xs.count {
            let z = Int(zone[i])
            let dx = xs[i] - sx[z] / c[z], dy = ys[i] - sy[z] / c[z]
            total += dx * dx + dy * dy
        }
        return total
    }

    /// Rounds of exchanges and centre moves until they settle; returns the rounds run.
    @discardableResult
    mutating func run(maxRounds: Int = 60) -> Int {
        guard zoneCount > 1, !xs.isEmpty else { return 0 }
        var rounds = 0
        while rounds < maxRounds {
            rounds += 1
            let before = Self.objective(xs: xs, ys: ys, zone: zone, zoneCount: zoneCount)
            let gained = exchangeRound()
            updateCentres()
            if gained <= before * 1e-5 { break }
        }
        return rounds
    }

    private mutating func updateCentres() {
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx, c = sx
        for i in 0..<xs.count { let z = Int(zone[i]); sx[z] += xs[i]; sy[z] += ys[i]; c[z] += 1 }
        cx = (0..<zoneCount).map { c[$0] > 0 ? sx[$0] / c[$0] : (cx.isEmpty ? 0 : cx[$0]) }
        cy = (0..<zoneCount).map { c[$0] > 0 ? sy[$0] / c[$0] : (cy.isEmpty ? 0 : cy[$0]) }
    }

    @inline(__always)
    private func d2(_ i: Int, _ z: Int) -> Double {
        let dx = xs[i] - cx[z], dy = ys[i] - cy[z]
        return dx * dx + dy * dy
    }

    @inline(__always)
    private func allowed(_ old: Double, _ new: Double) -> Bool { input.allowed(old, new) }

    private mutating func move(_ i: Int, to b: Int) {
        let a = Int(zone[i])
        load[a] -= weight[i]; load[b] += weight[i]
        zone[i] = Int32(b)
        moves += 1
    }

    /// One round with fixed centres; returns the total gain (decrease of the objective).
    private mutating func exchangeRound() -> Double {
        // Candidate moves: an account to a zone one of its neighbours is in.
        var entries: [(pair: Int, gain: Double, index: Int32)] = []
        entries.reserveCapacity(xs.count / 2)
        var seen = [Int32](repeating: -1, count: k)
        for i in 0..<xs.count {
            if !input.canMove(i) { continue }
            let a = Int(zone[i])
            var distinct = 0
            for t in 0..<k {
                let q = Int(neighbours[i * k + t])
                guard q >= 0 else { continue }
                let b = zone[q]
                if Int(b) == a || seen[0..<distinct].contains(b) { continue }
                seen[distinct] = b; distinct += 1
                entries.append((a * zoneCount + Int(b), d2(i, a) - d2(i, Int(b)), Int32(i)))
            }
        }
        guard !entries.isEmpty else { return 0 }
        entries.sort { $0.pair != $1.pair ? $0.pair < $1.pair : ($0.gain != $1.gain ? $0.gain > $1.gain : $0.index < $1.index) }
        // Where each ordered pair's run of entries starts.
        var runs: [Int: Range<Int>] = [:]
        var s = 0
        while s < entries.count {
            var e = s
            while e < entries.count && entries[e].pair == entries[s].pair { e += 1 }
            runs[entries[s].pair] = s..<e
            s = e
        }
        var gained = 0.0
        let pairs = Set(runs.keys.map { min($0 / zoneCount, $0 % zoneCount) * zoneCount + max($0 / zoneCount, $0 % zoneCount) })
        for key in pairs.sorted() {
            let a = key / zoneCount, b = key % zoneCount
            let forward = runs[a * zoneCount + b] ?? 0..<0, backward = runs[b * zoneCount + a] ?? 0..<0
            gained += exchangePair(a, b, forward.map { entries[$0] }, backward.map { entries[$0] })
        }
        gained += rotateCycles(entries: entries, runs: runs)
        return gained
    }

    /// The exchanges between zones `a` and `b`: transfers while the loads allow, then pairs.
    /// `ab`/`ba`: candidate moves a → b and b → a, best gain first.
    private mutating func exchangePair(_ a: Int, _ b: Int, _ ab: [(pair: Int, gain: Double, index: Int32)],
                                       _ ba: [(pair: Int, gain: Double, index: Int32)]) -> Double {
        var gained = 0.0
        var left: [(Double, Int)] = [], right: [(Double, Int)] = []
        // Transfers, best gain first in either direction.
        var p = 0, q = 0
        while p < ab.count || q < ba.count {
            let takeLeft = q >= ba.count || (p < ab.count && ab[p].gain >= ba[q].gain)
            let (e, from, to) = takeLeft ? (ab[p], a, b) : (ba[q], b, a)
            if takeLeft { p += 1 } else { q += 1 }
            let i = Int(e.index)
            guard Int(zone[i]) == from else { continue }
            let w = weight[i]
            if e.gain > 0, allowed(load[from], load[from] - w), allowed(load[to], load[to] + w) {
                move(i, to: to); gained += e.gain
            } else if takeLeft { left.append((e.gain, i)) } else { right.append((e.gain, i)) }
        }
        // Exchanges: the best remaining of each side together while their sum is positive.
        p = 0; q = 0
        while p < left.count && q < right.count && left[p].0 + right[q].0 > 0 {
            let i = left[p].1, j = right[q].1
            let newA = load[a] - weight[i] + weight[j], newB = load[b] + weight[i] - weight[j]
            if allowed(load[a], newA) && allowed(load[b], newB) {
                move(i, to: b); move(j, to: a)
                gained += left[p].0 + right[q].0
                p += 1; q += 1
            } else if weight[i] > weight[j] {
                // `a` loses too much or `b` gains too much: try a lighter account of `a`.
                p += 1
            } else {
                q += 1
            }
        }
        return gained
    }

    /// Rotations along cycles of touching zones: the best still-valid single move of every
    /// ordered pair is an arc of cost −gain; every negative cycle Bellman–Ford finds is applied
    /// when each zone on it stays allowed (a zone gives one account and takes one).
    /// - Complexity: O(z·e) per cycle search, a few searches a round.
    private mutating func rotateCycles(entries: [(pair: Int, gain: Double, index: Int32)], runs: [Int: Range<Int>]) -> Double {
        var gained = 0.0
        for _ in 0..<zoneCount {
            // Best valid move per ordered pair.
            var arcs: [(from: Int, to: Int, cost: Double, index: Int)] = []
            for key in runs.keys.sorted() {
                let a = key / zoneCount, b = key % zoneCount
                for t in runs[key]! where Int(zone[Int(entries[t].index)]) == a {
                    arcs.append((a, b, -entries[t].gain, Int(entries[t].index)))
                    break
                }
            }
            guard let cycle = Self.negativeCycle(arcs: arcs, nodes: zoneCount) else { break }
            var delta = [Double](repeating: 0, count: zoneCount)
            var total = 0.0
            for c in cycle {
                let arc = arcs[c]
                delta[arc.from] -= weight[arc.index]; delta[arc.to] += weight[arc.index]
                total -= arc.cost
            }
            guard total > 0, cycle.allSatisfy({ allowed(load[arcs[$0].from], load[arcs[$0].from] + delta[arcs[$0].from]) }) else { break }
            for c in cycle { move(arcs[c].index, to: arcs[c].to) }
            gained += total
        }
        return gained
    }

    /// A negative-cost cycle (arc indices, in order) of the arcs over `nodes`, or nil.
    /// Bellman–Ford from a virtual source joined to every node.
    /// - Complexity: O(nodes · arcs).
    static func negativeCycle(arcs: [(from: Int, to: Int, cost: Double, index: Int)], nodes: Int) -> [Int]? {
        var dist = [Double](repeating: 0, count: nodes)
        var via = [Int](repeating: -1, count: nodes)
        var last = -1
        for _ in 0..<nodes {
            last = -1
            for (t, arc) in arcs.enumerated() where dist[arc.from] + arc.cost < dist[arc.to] - 1e-9 {
                dist[arc.to] = dist[arc.from] + arc.cost
                via[arc.to] = t
                last = arc.to
            }
            if last < 0 { return nil }
        }
        // `last` was relaxed in the n-th pass: walking back n steps lands on the cycle.
        var v = last
        for _ in 0..<nodes {
            guard via[v] >= 0 else { return nil }
            v = arcs[via[v]].from
        }
        var cycle: [Int] = []
        var u = v
        repeat {
            let t = via[u]
            guard t >= 0 else { return nil }
            cycle.append(t)
            u = arcs[t].from
        } while u != v && cycle.count <= nodes
        guard u == v else { return nil }
        return cycle.reversed()
    }
}
