/// Minimum-cost perfect matching on a square cost matrix (Hungarian method with potentials).
///
/// Used to give built clusters their zone ids: to the anchor (agent base) nearest to them, or
/// to the previous zone they overlap most, so that a fresh build still keeps names and agents
/// where they were.
/// - Complexity: O(n³) time, O(n²) memory; fine for the few hundred zones of an agency.
enum MinCostMatching {
    /// `result[row] = column`. `cost` is row-major, `n × n`.
    static func solve(cost: [Double], n: Int) -> [Int] {
        guard n > 0 else { return [] }
        let inf = Double.infinity
        var u = [Double](repeating: 0, count: n + 1), v = [Double](repeating: 0, count: n + 1)
        var p = [Int](repeating: 0, count: n + 1), way = [Int](repeating: 0, count: n + 1)
        for i in 1...n {
            p[0] = i
            var j0 = 0
            var minv = [Double](repeating: inf, count: n + 1)
            var used = [Bool](repeating: false, count: n + 1)
            repeat {
                used[j0] = true
                let i0 = p[j0]
                var delta = inf, j1 = 0
                for j in 1...n where !used[j] {
                    let cur = cost[(i0 - 1) * n + (j - 1)] - u[i0] - v[j]
                    if cur < minv[j] { minv[j] = cur; way[j] = j0 }
                    if minv[j] < delta { delta = minv[j]; j1 = j }
                }
                for j in 0...n {
                    if used[j] { u[p[j]] += delta; v[j] -= delta } else { minv[j] -= delta }
                }
                j0 = j1
            } while p[j0] != 0
            repeat {
                let j1 = way[j0]
                p[j0] = p[j1]
                j0 = j1
            } while j0 != 0
        }
        var result = [Int](repeating: 0, count: n)
        for j in 1...n where p[j] > 0 { result[p[j] - 1] = j - 1 }
        return result
    }
}
