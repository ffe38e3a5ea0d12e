@testable import FieldPlanRouting

/// Seeded random small problems exercising every feature: several depots, windows (none,
/// one or two per job), breaks, capacities, stop limits, prizes, optional jobs and vehicle
/// restrictions. Travel times are rounded-up Euclidean distances, so they are metric.
enum RandomProblems {
    static let seeds: [UInt64] = Array(1...40)

    static func make(seed: UInt64, jobs jobCount: Int = 14, rich: Bool = true) -> RoutingProblem {
        var rng = RandomSource(seed: seed)
        let depots = rich ? 2 : 1
        let n = depots + jobCount
        var xs: [Double] = [], ys: [Double] = []
        for _ in 0..<n { xs.append(Double(rng.below(100))); ys.append(Double(rng.below(100))) }
        var time = [Int](repeating: 0, count: n * n), dist = [Int](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n {
            let d = ((xs[a] - xs[b]) * (xs[a] - xs[b]) + (ys[a] - ys[b]) * (ys[a] - ys[b])).squareRoot()
            time[a * n + b] = Int(d.rounded(.up)); dist[a * n + b] = Int((d * 10).rounded())
        } }
        let vehicleCount = 1 + rng.below(rich ? 4 : 3)
        var vehicles: [Vehicle] = []
        for _ in 0..<vehicleCount {
            let s = rng.below(depots), e = rich ? rng.below(depots) : s
            var v = Vehicle(startLocation: s, endLocation: e, shift: TimeWindow(from: rng.below(50), to: 400 + rng.below(300)))
            if rich && rng.below(2) == 0 { v.breakRule = BreakRule(duration: 30, window: TimeWindow(from: 150 + rng.below(100), to: 260 + rng.below(100))) }
            if rng.below(2) == 0 { v.capacity = 10 + rng.below(20) }
            if rich && rng.below(3) == 0 { v.maxStops = 2 + rng.below(5) }
            if rich && rng.below(4) == 0 { v.fixedCost = rng.below(50) }
            vehicles.append(v)
        }
        var jobs: [Job] = []
        for i in 0..<jobCount {
            var j = Job(location: depots + i, service: 5 + rng.below(20), demand: rng.below(6))
            switch rng.below(rich ? 4 : 2) {
            case 0: break
            case 1, 2:
                let a = rng.below(500); j.windows = [TimeWindow(from: a, to: a + 30 + rng.below(150))]
            default:
                let a = rng.below(250), b = 300 + rng.below(200)
                j.windows = [TimeWindow(from: a, to: a + 40), TimeWindow(from: b, to: b + 60)]
            }
            if rich {
                j.prize = Int64(rng.below(100))
                j.mandatory = rng.below(3) == 0
                if rng.below(5) == 0 { j.allowedVehicles = (0..<vehicleCount).filter { _ in rng.below(2) == 0 } }
            }
            jobs.append(j)
        }
        return try! RoutingProblem(locationCount: n, travelTime: time, distance: dist, timeWeight: rich ? 1 : 0,
                                   distanceWeight: 1, vehicles: vehicles, jobs: jobs)
    }

    /// A search state filled by the solver's greedy construction and a few SISR iterations.
    static func state(_ p: RoutingProblem, seed: UInt64) -> SearchState {
        var search = RuinRecreateSearch(p, seed: seed)
        var s = SearchState(p)
        var pending = (0..<p.jobs.count).filter { search.worth[$0] }
        search.recreate(&s, &pending)
        return s
    }

    /// The reported solution of a search state (schedules rebuilt from scratch).
    static func solution(_ s: SearchState, _ p: RoutingProblem) -> RoutingSolution { RoutingSolver.solution(from: s, p) }
}
