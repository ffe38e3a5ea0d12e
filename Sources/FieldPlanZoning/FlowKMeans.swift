/// Size-constrained k-means rounds whose assignment step is a min-cost flow, the algorithm of
/// balanced k-means in the literature (and of `k-means-constrained`), started from a balanced
/// assignment.
///
/// Power-diagram k-means tunes its weights toward the mean load, and the border passes after
/// it only move accounts between touching zones; on strongly clustered cities both settle in
/// worse local optima than k-means whose every assignment is the exact optimum of the
/// transportation problem "each account to one zone, every load in the band, least sum of
/// squared distances to the (fixed) centres". This pass solves that problem each round by
/// successive shortest paths on the zone graph: an arc a → b costs the cheapest move of an
/// account of a to b (d²(i, b) − d²(i, a); each ordered pair keeps a heap of its candidates),
/// Bellman–Ford over the zones finds the cheapest chain a → b → … → t that takes one account
/// out of a zone above the band into one with room (then below the band, then any chain of
/// negative cost, which lowers the objective), and the chain's accounts move. The round
/// starts from the power diagram of the previous round's potentials (the shortest-path
/// distances, the transportation problem's dual), so only a few accounts need paths after
/// the centres moved. Then the centres move to their zones' means, as in Lloyd's algorithm.
///
/// Candidates: the 8 nearest centres of an account. Loads end inside the band or the pass
/// gives up and leaves the assignment as it was; the best round (least sum of squares) is
/// kept, and rounds stop when one gains less than 10⁻⁵ of it. Points move one at a time
/// along a chain, so weighted loads (workload balance) are kept in the band at every zone of
/// the chain.
/// - Complexity: per round O(n·z) for the candidate centres (z zones), O(n·m log n) for the
///   heaps (m = 8), and O(z·e) per chain (e arcs, about 6·z); the chains are few after the
///   first round. Memory O(n·m).
struct FlowKMeans {
    let input: BorderPassInput
    // The input's arrays, held directly for the hot loops (shared storage, no copy).
    private let xs: [Double], ys: [Double], weight: [Double]
    private let zoneCount: Int
    private(set) var zone: [Int32]
    private(set) var load: [Double]
    private var cx: [Double], cy: [Double]
    /// Power weights: an account goes to the candidate zone minimising d² − potential.
    private var potential: [Double]
    private var candidates: [Int32], cost: [Double]
    private let initialPotential: Bool
    /// The mean account's load: a zone with this much room is offered as a chain's end
    /// (each chain is then checked with its accounts' own loads).
    private let typical: Double
    // Arcs of the zone graph: one heap of (gain-free cost, account) per ordered pair.
    private var arcOf: [Int: Int] = [:]
    private var arcFrom: [Int] = [], arcTo: [Int] = []
    private var heaps: [[Entry]] = []
    /// Rounds run and chains applied (for benchmarks and tests).
    private(set) var rounds = 0
    private(set) var chains = 0

    private struct Entry { var cost: Double; var index: Int32 }

    static let candidateCount = 8

    /// `potential`: power weights the zones came from (`PowerDiagramKMeans.alpha`), for the
    /// first round; without them the first round starts from the current zones.
    init(_ input: BorderPassInput, zone: [Int32], potential: [Double]? = nil) {
        self.input = input
        xs = input.xs; ys = input.ys; weight = input.weight
        zoneCount = input.zoneCount
        self.zone = zone
        load = input.loads(of: zone)
        cx = [Double](repeating: 0, count: zoneCount); cy = cx
        self.potential = potential ?? cx
        initialPotential = potential != nil
        typical = input.weight.isEmpty ? 1 : input.weight.reduce(0, +) / Double(input.weight.count)
        let m = min(Self.candidateCount, zoneCount)
        candidates = [Int32](repeating: -1, count: xs.count * m)
        cost = [Double](repeating: .infinity, count: xs.count * m)
    }

    /// Rounds until the sum of squares gains less than 10⁻⁵ (at most `maxRounds`); returns
    /// the rounds run. Accounts that are not `movable` make the pass do nothing (it is for
    /// fresh builds).
    @discardableResult
    mutating func run(maxRounds: Int = 12) -> Int {
        let n = xs.count
        guard zoneCount > 1, n > zoneCount, input.movable == nil, load.allSatisfy({ input.excess($0) == 0 }) else { return 0 }
        var best = (zone: zone, load: load, objective: BorderExchange.objective(xs: xs, ys: ys, zone: zone, zoneCount: zoneCount))
        let start = (zone, load)
        updateCentres()
        // The first round starts from the current zones' power diagram: potentials that make
        // every account's zone its cheapest candidate, as far as one exists.
        computeCandidates()
        if !initialPotential {
            buildArcs()
            potential = shortestDistances()
        }
        while rounds < maxRounds {
            rounds += 1
            assignByPotential()
            buildArcs()
            guard fixBounds() else { break }
            improve()
            let objective = BorderExchange.objective(xs: xs, ys: ys, zone: zone, zoneCount: zoneCount)
            let gain = best.objective - objective
            if gain > 0 { best = (zone, load, objective) }
            if gain <= best.objective * 1e-5 { break }
            potential = shortestDistances()
            updateCentres()
            computeCandidates()
        }
        if best.objective.isFinite { zone = best.zone; load = best.load } else { (zone, load) = start }
        return rounds
    }

    private mutating func updateCentres() {
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx, c = sx
        for i in xs.indices { let z = Int(zone[i]); sx[z] += xs[i]; sy[z] += ys[i]; c[z] += 1 }
        for z in 0..<zoneCount where c[z] > 0 { cx[z] = sx[z] / c[z]; cy[z] = sy[z] / c[z] }
    }

    /// The m nearest centres of every account, with their squared distances, nearest first.
    /// An account's own zone is always among them (it replaces the farthest when missing).
    private mutating func computeCandidates() {
        let m = min(Self.candidateCount, zoneCount)
        for i in xs.indices {
            let base = i * m
            for t in 0..<m { candidates[base + t] = -1; cost[base + t] = .infinity }
            for z in 0..<zoneCount {
                let dx = xs[i] - cx[z], dy = ys[i] - cy[z]
                let d = dx * dx + dy * dy
                guard d < cost[base + m - 1] else { continue }
                var t = m - 1
                while t > 0 && cost[base + t - 1] > d { cost[base + t] = cost[base + t - 1]; candidates[base + t] = candidates[base + t - 1]; t -= 1 }
                cost[base + t] = d; candidates[base + t] = Int32(z)
            }
            let own = zone[i]
            if !candidates[base..<base + m].contains(own) {
                let dx = xs[i] - cx[Int(own)], dy = ys[i] - cy[Int(own)]
                candidates[base + m - 1] = own; cost[base + m - 1] = dx * dx + dy * dy
            }
        }
    }

    /// Every account to the candidate minimising d² − potential.
    private mutating func assignByPotential() {
        let m = min(Self.candidateCount, zoneCount)
        for z in 0..<zoneCount { load[z] = 0 }
        for i in xs.indices {
            let base = i * m
            var best = Int(candidates[base]), bestCost = cost[base] - potential[best]
            for t in 1..<m {
                let z = Int(candidates[base + t])
                let c = cost[base + t] - potential[z]
                if c < bestCost { bestCost = c; best = z }
            }
            zone[i] = Int32(best)
            load[best] += weight[i]
        }
    }

    @inline(__always)
    private func costOf(_ i: Int, _ z: Int) -> Double {
        let m = min(Self.candidateCount, zoneCount)
        for t in 0..<m where Int(candidates[i * m + t]) == z { return cost[i * m + t] }
        return .infinity
    }

    private mutating func buildArcs() {
        arcOf = [:]; arcFrom = []; arcTo = []; heaps = []
        for i in xs.indices { pushArcs(of: i) }
    }

    /// The moves of account i out of its zone, one per other candidate.
    private mutating func pushArcs(of i: Int) {
        let m = min(Self.candidateCount, zoneCount)
        let a = Int(zone[i])
        let own = costOf(i, a)
        for t in 0..<m {
            let b = Int(candidates[i * m + t])
            guard b >= 0, b != a else { continue }
            let key = a * zoneCount + b
            let arc: Int
            if let existing = arcOf[key] { arc = existing } else {
                arc = heaps.count; arcOf[key] = arc; arcFrom.append(a); arcTo.append(b); heaps.append([])
            }
            Self.push(&heaps[arc], Entry(cost: cost[i * m + t] - own, index: Int32(i)))
        }
    }

    /// The cheapest still-valid move of an arc, dropping moves of accounts that left its zone.
    private mutating func top(_ arc: Int) -> Entry? {
        while let e = heaps[arc].first {
            if Int(zone[Int(e.index)]) == arcFrom[arc] { return e }
            Self.pop(&heaps[arc])
        }
        return nil
    }

    /// Bellman–Ford from the given start distances over the arcs' cheapest moves; returns the
    /// distances and the arc each zone was reached by.
    private mutating func bellmanFord(start: [Double]) -> (dist: [Double], via: [Int]) {
        var dist = start
        var via = [Int](repeating: -1, count: zoneCount)
        var tops = [Double](repeating: .infinity, count: heaps.count)
        for arc in heaps.indices { if let e = top(arc) { tops[arc] = e.cost } }
        for _ in 0..<zoneCount {
            var changed = false
            for arc in heaps.indices where tops[arc].isFinite && dist[arcFrom[arc]].isFinite {
                let d = dist[arcFrom[arc]] + tops[arc]
                if d < dist[arcTo[arc]] - 1e-9 { dist[arcTo[arc]] = d; via[arcTo[arc]] = arc; changed = true }
            }
            if !changed { break }
        }
        return (dist, via)
    }

    /// Potentials for the next round: shortest distances from a virtual source joined to
    /// every zone at cost 0 (≤ 0; the dual of the transportation problem).
    private mutating func shortestDistances() -> [Double] {
        bellmanFord(start: [Double](repeating: 0, count: zoneCount)).dist
    }

    /// The chain of moves that reaches zone t, back to a zone with no incoming arc used; nil
    /// when the trace loops (a negative cycle).
    private mutating func chain(to t: Int, via: [Int]) -> [(index: Int, to: Int)]? {
        var moves: [(index: Int, to: Int)] = []
        var v = t
        while via[v] >= 0 {
            guard moves.count < zoneCount, let e = top(via[v]) else { return nil }
            moves.append((Int(e.index), v))
            v = arcFrom[via[v]]
        }
        return moves.isEmpty ? nil : moves.reversed()
    }

    /// Applies a chain when every zone on it stays allowed; false when it would not.
    private mutating func apply(_ moves: [(index: Int, to: Int)]) -> Bool {
        var delta: [Int: Double] = [:]
        for (i, b) in moves { delta[Int(zone[i]), default: 0] -= weight[i]; delta[b, default: 0] += weight[i] }
        for (z, d) in delta where !input.allowed(load[z], load[z] + d) { return false }
        for (i, b) in moves {
            load[Int(zone[i])] -= weight[i]; load[b] += weight[i]
            zone[i] = Int32(b)
            pushArcs(of: i)
        }
        chains += 1
        return true
    }

    /// Applies the cheapest chain into one of `ends`, trying the next cheapest ends (up to 8)
    /// when a chain would take a zone out of the band; false when none fits.
    private mutating func augment(dist: [Double], via: [Int], ends: [Int]) -> Bool {
        let ends = ends.filter { via[$0] >= 0 }.sorted { dist[$0] != dist[$1] ? dist[$0] < dist[$1] : $0 < $1 }
        for t in ends.prefix(8) {
            if let moves = chain(to: t, via: via), apply(moves) { return true }
        }
        return false
    }

    /// Chains out of zones above the band, then into zones below it; false when a zone stays
    /// outside the band.
    private mutating func fixBounds() -> Bool {
        let limit = max(200, xs.count / 10)
        var steps = 0
        // Above the band: cheapest chain from any such zone to a zone with room.
        while steps < limit, load.contains(where: { $0 > input.upper }) {
            steps += 1
            let (dist, via) = bellmanFord(start: load.map { $0 > input.upper ? 0.0 : .infinity })
            let ends = (0..<zoneCount).filter { self.load[$0] + typical <= input.upper && dist[$0].isFinite }
            guard augment(dist: dist, via: via, ends: ends) else { return false }
        }
        // Below the band: cheapest chain into the lowest such zone from a zone that can give.
        while steps < limit, load.contains(where: { $0 < input.lower }) {
            steps += 1
            let (dist, via) = bellmanFord(start: load.map { $0 - typical >= input.lower ? 0.0 : .infinity })
            let ends = (0..<zoneCount).filter { self.load[$0] < input.lower && dist[$0].isFinite }
            guard augment(dist: dist, via: via, ends: ends) else { return false }
        }
        return load.allSatisfy { input.excess($0) == 0 }
    }

    /// Chains of negative cost from a zone that can give to one with room, while any exists:
    /// each lowers the sum of squares at fixed centres.
    private mutating func improve() {
        let limit = xs.count
        for _ in 0..<limit {
            let (dist, via) = bellmanFord(start: load.map { $0 - typical >= input.lower ? 0.0 : .infinity })
            let ends = (0..<zoneCount).filter { self.load[$0] + typical <= input.upper && dist[$0] < -1e-6 }
            guard augment(dist: dist, via: via, ends: ends) else { return }
        }
    }

    // A binary min-heap on (cost, index).
    @inline(__always)
    private static func less(_ a: Entry, _ b: Entry) -> Bool { a.cost != b.cost ? a.cost < b.cost : a.index < b.index }

    private static func push(_ heap: inout [Entry], _ e: Entry) {
        heap.append(e)
        var c = heap.count - 1
        while c > 0 {
            let p = (c - 1) / 2
            guard less(heap[c], heap[p]) else { break }
            heap.swapAt(c, p); c = p
        }
    }

    private static func pop(_ heap: inout [Entry]) {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap[0] = last
        var p = 0
        while true {
            let l = 2 * p + 1, r = l + 1
            var s = p
            if l < heap.count && less(heap[l], heap[s]) { s = l }
            if r < heap.count && less(heap[r], heap[s]) { s = r }
            if s == p { break }
            heap.swapAt(p, s); p = s
        }
    }
}
