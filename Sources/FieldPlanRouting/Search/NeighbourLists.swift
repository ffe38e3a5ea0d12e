/// For each job, the other jobs sorted by closeness (cheapest of the two arc costs),
/// truncated to `width`: the granular neighbourhood that both the ruin (adjacent strings)
/// and the recreate (positions next to a neighbour) scan.
/// - Complexity: O(J² log J) to build, O(J·width) memory.
struct NeighbourLists: Sendable {
    let width: Int
    let flat: [Int]

    init(_ p: RoutingProblem, width: Int) {
        let n = p.jobs.count
        let w = min(width, max(n - 1, 0))
        self.width = w
        var flat = [Int](repeating: 0, count: n * w)
        var keyed = [(Int, Int)]()
        keyed.reserveCapacity(n)
        for a in 0..<n {
            keyed.removeAll(keepingCapacity: true)
            let la = p.jobs[a].location
            for b in 0..<n where b != a {
                let lb = p.jobs[b].location
                keyed.append((min(p.cost(la, lb), p.cost(lb, la)), b))
            }
            keyed.sort { $0 < $1 }
            for k in 0..<w { flat[a * w + k] = keyed[k].1 }
        }
        self.flat = flat
    }

    @inline(__always) func neighbour(_ a: Int, _ k: Int) -> Int { flat[a * width + k] }
}
