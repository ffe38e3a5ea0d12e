/// For each job, the other jobs sorted by closeness (cheapest of the two arc costs),
/// truncated to `width`: the granular neighbourhood that both the ruin (adjacent strings)
/// and the recreate (positions next to a neighbour) scan. With vehicle restrictions (zones),
/// only jobs sharing an allowed vehicle count as neighbours, so neighbour positions are
/// positions the job may actually take; `count(a)` may then be below `width`.
/// - Complexity: O(J² (log J + V)) to build, O(J·width) memory.
struct NeighbourLists: Sendable {
    let width: Int
    let flat: [Int]
    let counts: [Int]

    init(_ p: RoutingProblem, width: Int) {
        let n = p.jobs.count
        let w = min(width, max(n - 1, 0))
        self.width = w
        var flat = [Int](repeating: 0, count: n * w)
        var counts = [Int](repeating: 0, count: n)
        var keyed = [(Int, Int)]()
        keyed.reserveCapacity(n)
        let vc = p.vehicles.count
        for a in 0..<n {
            keyed.removeAll(keepingCapacity: true)
            let la = p.jobs[a].location
            for b in 0..<n where b != a {
                if let al = p.allowed {
                    var share = false
                    for v in 0..<vc where al[a * vc + v] && al[b * vc + v] { share = true; break }
                    if !share { continue }
                }
                let lb = p.jobs[b].location
                keyed.append((min(p.cost(la, lb), p.cost(lb, la)), b))
            }
            keyed.sort { $0 < $1 }
            let c = min(w, keyed.count)
            counts[a] = c
            for k in 0..<c { flat[a * w + k] = keyed[k].1 }
        }
        self.flat = flat
        self.counts = counts
    }

    /// Number of neighbours of job `a` (≤ `width`).
    @inline(__always) func count(_ a: Int) -> Int { counts[a] }
    @inline(__always) func neighbour(_ a: Int, _ k: Int) -> Int { flat[a * width + k] }
}
