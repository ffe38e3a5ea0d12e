/// Solves a benchmark instance with the same engine that plans days.
public enum BenchmarkRunner {
    /// Scale of Solomon-type (exact Euclidean) instances: 1 unit = 1e-5. Travel times are
    /// rounded *up*, so a route feasible in integers is feasible in double precision;
    /// costs are rounded to nearest and the reported distance is recomputed in doubles.
    public static let exactScale = 100_000.0

    /// Builds the `RoutingProblem` of an instance: node 0 is the depot, job i is node i+1.
    /// Objective: distance only, every job mandatory, fleet = the file's (unlimited: one
    /// vehicle per customer for CVRP).
    public static func problem(_ inst: BenchmarkInstance) -> RoutingProblem {
        let n = inst.ids.count
        let exact = inst.format == .solomon || inst.edgeWeightType == "EXACT_2D"
        let scale = exact ? exactScale : 1.0
        var dist = [Int](repeating: 0, count: n * n)
        var time = [Int](repeating: 0, count: n * n)
        for a in 0..<n {
            for b in 0..<n where a != b {
                let d = inst.distance(a, b) * scale
                dist[a * n + b] = Int(d.rounded())
                time[a * n + b] = exact ? Int((d + 1e-7).rounded(.up)) : Int(d.rounded())
            }
        }
        func t(_ v: Double) -> Int { Int((v * scale).rounded()) }
        let horizon = 1 << 40
        let shift = inst.ready.map { r in TimeWindow(from: t(r[0]), to: t(inst.due![0])) } ?? TimeWindow(from: 0, to: horizon)
        let fleet = inst.format == .tsplib ? 1 : (inst.fleet ?? max(1, n - 1))
        let vehicle = Vehicle(startLocation: 0, endLocation: 0, shift: shift, capacity: inst.format == .tsplib ? nil : inst.capacity)
        var jobs: [Job] = []
        for i in 1..<n {
            let w = inst.ready.map { [TimeWindow(from: t($0[i]), to: t(inst.due![i]))] } ?? []
            jobs.append(Job(location: i, service: inst.service.map { t($0[i]) } ?? 0, windows: w, demand: inst.demand[i]))
        }
        // The inputs were validated by the parser; the matrices are non-negative by construction.
        return try! RoutingProblem(locationCount: n, travelTime: time, distance: dist, timeWeight: 0, distanceWeight: 1,
                                   vehicles: Array(repeating: vehicle, count: fleet), jobs: jobs)
    }

    /// Solves `instance` and reports it as SPEC §9 says.
    public static func solve(_ instance: BenchmarkInstance, limit: SearchLimit, seed: UInt64, threads: Int) -> BenchmarkSolution {
        let start = ContinuousClock.now
        let p = problem(instance)
        let sol = RoutingSolver.solve(p, limit: limit, seed: seed, threads: threads)
        var routes: [[Int]] = []
        var total = 0.0
        for r in sol.routes {
            let nodes = r.visits.map { p.jobs[$0.job].location }
            var prev = 0
            for v in nodes { total += instance.distance(prev, v); prev = v }
            total += instance.distance(prev, 0)
            if instance.format == .tsplib { routes.append([instance.ids[0]] + nodes.map { instance.ids[$0] }) } else {
                routes.append(nodes.map { instance.ids[$0] })
            }
        }
        let el = ContinuousClock.now - start
        let secs = Double(el.components.seconds) + Double(el.components.attoseconds) * 1e-18
        return BenchmarkSolution(instance: instance.name, format: instance.format.rawValue, vehicles: routes.count,
                                 distance: total, seconds: (secs * 1000).rounded() / 1000, routes: routes)
    }
}
