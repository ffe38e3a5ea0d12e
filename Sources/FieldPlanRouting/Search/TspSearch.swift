/// Iterated local search for a single closed tour (symmetric or nearly symmetric costs):
/// 2-opt and Or-opt (segments of 1–3 cities, both orientations) over 10-nearest neighbour
/// lists with don't-look bits, kicked by segment-local double bridges and accepted when not
/// worse. The tour is an array with a position index; every move is a sequence of
/// orientation-agnostic `flip`s that reverse the shorter side, so a move costs O(√n)
/// on average in practice and the search needs no allocation in its loop.
struct TspSearch {
    let n: Int
    let dist: [Int]
    let neighbours: [Int]
    let k: Int
    var tour: [Int]
    var pos: [Int]
    var dontLook: [Bool]
    var queue: [Int] = []
    var rng: RandomSource

    /// `dist[a * n + b]`; cities 0..<n.
    init(n: Int, dist: [Int], seed: UInt64) {
        self.n = n; self.dist = dist
        rng = RandomSource(seed: seed)
        let k = min(10, n - 1)
        self.k = k
        var nb = [Int](repeating: 0, count: n * max(k, 0))
        var keyed: [(Int, Int)] = []
        for a in 0..<n {
            keyed.removeAll(keepingCapacity: true)
            for b in 0..<n where b != a { keyed.append((dist[a * n + b], b)) }
            keyed.sort { $0 < $1 }
            for i in 0..<k { nb[a * k + i] = keyed[i].1 }
        }
        neighbours = nb
        // Nearest-neighbour construction from city 0.
        var used = [Bool](repeating: false, count: n)
        var t = [0]; used[0] = true
        var cur = 0
        for _ in 1..<max(n, 1) {
            var next = -1
            for i in 0..<k where !used[nb[cur * k + i]] { next = nb[cur * k + i]; break }
            if next < 0 {
                var bd = Int.max
                for b in 0..<n where !used[b] && dist[cur * n + b] < bd { bd = dist[cur * n + b]; next = b }
            }
            used[next] = true; t.append(next); cur = next
        }
        tour = t
        pos = [Int](repeating: 0, count: n)
        for (i, c) in t.enumerated() { pos[c] = i }
        dontLook = [Bool](repeating: false, count: n)
    }

    @inline(__always) func d(_ a: Int, _ b: Int) -> Int { dist[a * n + b] }
    @inline(__always) func succ(_ c: Int) -> Int { let p = pos[c] + 1; return tour[p == n ? 0 : p] }
    @inline(__always) func pred(_ c: Int) -> Int { let p = pos[c]; return tour[p == 0 ? n - 1 : p - 1] }

    var length: Int {
        var s = 0
        for i in 0..<n { s += d(tour[i], tour[i + 1 == n ? 0 : i + 1]) }
        return s
    }

    /// Reverses the tour path between positions i and j (inclusive, going forward),
    /// or its complement when that is shorter (the same cycle).
    mutating func reverse(_ i: Int, _ j: Int) {
        var len = j - i; if len < 0 { len += n }
        len += 1
        var a = i, b = j
        if 2 * len > n { a = j + 1 == n ? 0 : j + 1; b = i == 0 ? n - 1 : i - 1; len = n - len }
        for _ in 0..<(len / 2) {
            let ca = tour[a], cb = tour[b]
            tour[a] = cb; pos[cb] = a; tour[b] = ca; pos[ca] = b
            a += 1; if a == n { a = 0 }
            b -= 1; if b < 0 { b = n - 1 }
        }
    }

    /// Replaces tour edges {a,b} and {c,d} with {a,c} and {b,d}. Needs a→b and c→d in the
    /// same direction along the tour (either orientation).
    mutating func flip(_ a: Int, _ b: Int, _ c: Int, _ d: Int) {
        if succ(a) == b { reverse(pos[b], pos[c]) } else { reverse(pos[a], pos[d]) }
    }

    mutating func push(_ c: Int) { if dontLook[c] { dontLook[c] = false; queue.append(c) } }

    /// Tries improving 2-opt and Or-opt moves around city `a`; applies the first found.
    mutating func improve(_ a: Int) -> Bool {
        // 2-opt, both tour directions.
        for dir in 0..<2 {
            let b = dir == 0 ? succ(a) : pred(a)
            let dab = d(a, b)
            for i in 0..<k {
                let c = neighbours[a * k + i]
                let g1 = dab - d(a, c)
                if g1 <= 0 { break }
                let dd = dir == 0 ? succ(c) : pred(c)
                if c == b || dd == a { continue }
                if g1 + d(c, dd) - d(b, dd) > 0 {
                    flip(a, b, c, dd)
                    push(a); push(b); push(c); push(dd)
                    return true
                }
            }
        }
        // Or-opt: segment s1..s2 (forward from a, 1–3 cities) moved between c and its successor or predecessor.
        var s2 = a
        for segLen in 1...3 {
            if segLen > 1 { s2 = succ(s2) }
            if segLen + 2 > n { break }
            let s1 = a
            let p = pred(s1), nx = succ(s2)
            if nx == p { break }
            let removeGain = d(p, s1) + d(s2, nx) - d(p, nx)
            if removeGain <= 0 { continue }
            for end in 0..<2 {
                let s = end == 0 ? s1 : s2
                for i in 0..<k {
                    let c = neighbours[s * k + i]
                    if removeGain - d(s, c) <= 0 { break }
                    if inSegment(c, s1, segLen) { continue }
                    for side in 0..<2 {
                        let e1 = side == 0 ? c : pred(c), e2 = side == 0 ? succ(c) : c
                        if inSegment(e1, s1, segLen) || inSegment(e2, s1, segLen) { continue }
                        let base = d(e1, e2)
                        let normal = d(e1, s1) + d(s2, e2) - base
                        let reversed = d(e1, s2) + d(s1, e2) - base
                        if removeGain - min(normal, reversed) > 0 {
                            // e1→e2 lies on the path nx … p (forward).
                            flip(p, s1, e1, e2)            // p e1 … nx s2 … s1 e2
                            if e1 != nx { flip(p, e1, nx, s2) } // p nx … e1 s2 … s1 e2
                            if normal < reversed { flip(e1, s2, s1, e2) } // e1 s1 … s2 e2
                            push(p); push(nx); push(s1); push(s2); push(e1); push(e2)
                            return true
                        }
                    }
                }
            }
        }
        return false
    }

    @inline(__always) func inSegment(_ c: Int, _ s1: Int, _ len: Int) -> Bool {
        var off = pos[c] - pos[s1]; if off < 0 { off += n }
        return off < len
    }

    mutating func localSearch() {
        while let a = queue.popLast() {
            dontLook[a] = true
            while improve(a) {}
        }
    }

    /// Runs the iterated local search; returns the best tour (cities in order from city 0).
    mutating func run(limit: SearchLimit, start: ContinuousClock.Instant) -> [Int] {
        guard n > 3 else { return tour }
        for c in 0..<n { dontLook[c] = false }
        queue = Array((0..<n).reversed())
        localSearch()
        var cur = length
        var bestTour = tour, bestLen = cur
        var saveTour = tour, savePos = pos
        let clock = ContinuousClock()
        let maxIter = limit.iterations ?? Int.max
        var iter = 0
        while iter < maxIter {
            if iter & 7 == 0, let s = limit.seconds {
                let el = clock.now - start
                if Double(el.components.seconds) + Double(el.components.attoseconds) * 1e-18 >= s { break }
            }
            iter += 1
            saveTour = tour; savePos = pos
            kick()
            localSearch()
            let newLen = length
            if newLen <= cur {
                cur = newLen
                if cur < bestLen { bestLen = cur; bestTour = tour }
            } else {
                tour = saveTour; pos = savePos
            }
        }
        var out = bestTour
        if let z = out.firstIndex(of: 0) { out = Array(out[z...] + out[..<z]) }
        return out
    }

    /// A double bridge on a short stretch: swaps two adjacent random segments (each 1–50
    /// cities) starting at a random position; its ends are queued for the local search.
    mutating func kick() {
        let maxSeg = max(1, min(50, (n - 2) / 3))
        let l1 = 1 + rng.below(maxSeg), l2 = 1 + rng.below(maxSeg)
        let p0 = rng.below(n)
        // Positions p0+1 … p0+l1 (B) and the next l2 (C) become C then B.
        var seg: [Int] = []
        seg.reserveCapacity(l1 + l2)
        for i in 0..<(l2) { seg.append(tour[(p0 + 1 + l1 + i) % n]) }
        for i in 0..<(l1) { seg.append(tour[(p0 + 1 + i) % n]) }
        for (i, c) in seg.enumerated() { let q = (p0 + 1 + i) % n; tour[q] = c; pos[c] = q }
        let ends = [tour[p0 % n], tour[(p0 + 1) % n], tour[(p0 + l2) % n], tour[(p0 + l2 + 1) % n],
                    tour[(p0 + l1 + l2) % n], tour[(p0 + l1 + l2 + 1) % n]]
        for c in ends { push(c) }
    }
}
