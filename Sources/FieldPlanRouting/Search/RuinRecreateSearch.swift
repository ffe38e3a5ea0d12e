import Foundation

/// Slack Induction by String Removals (Christiaens & Vanden Berghe, 2020), adapted to the
/// lexicographic prize objective: each iteration removes a few strings of consecutive stops
/// near a random seed job from different routes, re-inserts the removed (and any still
/// unassigned) jobs greedily with "blinks", then accepts by simulated annealing on travel
/// cost among candidates that serve at least as much (mandatory count, then prize).
/// A periodic local search (`LocalSearch`) polishes new best solutions.
///
/// One instance is one independent, seeded, single-threaded search.
struct RuinRecreateSearch {
    let p: RoutingProblem
    var rng: RandomSource
    let nb: NeighbourLists
    /// Jobs worth inserting at all: mandatory or with a prize.
    let worth: [Bool]
    /// Vehicle classes (first member) and their members.
    let classMembers: [[Int]]
    let fullScan: Bool
    let mandatoryJobs: [Int]
    let optionalCount: Int
    // SISR parameters (paper values, temperatures scaled to the instance).
    var avgRemoved = 10.0
    var maxString = 10.0
    var splitRate = 0.5
    var splitDepth = 0.01
    var blink = 0.01
    var stamp: [Int]
    var stampNow = 0

    init(_ p: RoutingProblem, seed: UInt64) {
        self.p = p
        rng = RandomSource(seed: seed)
        nb = NeighbourLists(p, width: 100)
        worth = p.jobs.map { $0.mandatory || $0.prize > 0 }
        var members: [Int: [Int]] = [:]
        for v in 0..<p.vehicles.count { members[p.vehicleClass[v], default: []].append(v) }
        classMembers = members.keys.sorted().map { members[$0]! }
        fullScan = p.jobs.count <= 250
        mandatoryJobs = (0..<p.jobs.count).filter { p.jobs[$0].mandatory }
        optionalCount = p.jobs.count - mandatoryJobs.count
        stamp = [Int](repeating: 0, count: max(p.vehicles.count, p.jobs.count))
    }

    /// Puts a starting solution into `s`: each vehicle's sequence when it is feasible for that
    /// vehicle and uses no job twice; other routes stay empty (their jobs are inserted again).
    /// - Complexity: O(stops).
    func place(_ s: inout SearchState, _ initial: [[Int]]) {
        var used = [Bool](repeating: false, count: p.jobs.count)
        for (v, seq) in initial.prefix(p.vehicles.count).enumerated() where !seq.isEmpty {
            guard seq.allSatisfy({ $0 >= 0 && $0 < p.jobs.count && !used[$0] }), p.isFeasible(vehicle: v, seq) else { continue }
            for (i, j) in seq.enumerated() {
                used[j] = true
                s.insert(j, route: v, at: i, p)
            }
        }
    }

    // MARK: recreate

    /// The best feasible insertion of `j`: (route, position, delta), or nil.
    /// - Complexity: O(width) positions via neighbours (O(total stops) on small problems or
    ///   when no neighbour position fits), each O(1) on simple problems.
    mutating func bestInsertion(_ j: Int, _ s: SearchState, blinks: Bool) -> (Int, Int, Int)? {
        var best = Int.max, bestR = -1, bestP = -1
        let demand = p.jobs[j].demand
        @inline(__always) func ok(_ r: Int) -> Bool {
            let veh = s.routes[r].vehicle
            if let c = p.vehicles[veh].capacity, s.routes[r].load + demand > c { return false }
            if let m = p.vehicles[veh].maxStops, s.routes[r].jobs.count + 1 > m { return false }
            return p.isAllowed(job: j, vehicle: veh)
        }
        @inline(__always) func consider(_ r: Int, _ pos: Int) {
            if blinks && rng.unit() < blink { return }
            let d = s.routes[r].insertionDelta(j, at: pos, p)
            if d < best && s.routes[r].canInsert(j, at: pos, p) { best = d; bestR = r; bestP = pos }
        }
        // One empty vehicle per class.
        for v in emptyOfClass where v >= 0 && ok(v) { consider(v, 0) }
        if !fullScan {
            stampNow += 1
            for k in 0..<nb.count(j) {
                let m = nb.neighbour(j, k)
                let r = s.routeOf[m]
                if r < 0 { continue }
                if stamp[r] != stampNow && stamp[r] != -stampNow { stamp[r] = ok(r) ? stampNow : -stampNow }
                if stamp[r] < 0 { continue }
                let pm = s.posOf[m]
                consider(r, pm); consider(r, pm + 1)
            }
        }
        if fullScan || bestR < 0 {
            for r in 0..<s.routes.count where !s.routes[r].jobs.isEmpty && ok(r) {
                for pos in 0...s.routes[r].jobs.count { consider(r, pos) }
            }
        }
        return bestR >= 0 ? (bestR, bestP, best) : nil
    }

    /// Per vehicle class, the first empty vehicle (−1 when all are used).
    var emptyOfClass: [Int] = []

    mutating func updateEmpty(_ s: SearchState) {
        emptyOfClass.removeAll(keepingCapacity: true)
        for members in classMembers { emptyOfClass.append(members.first(where: { s.routes[$0].jobs.isEmpty }) ?? -1) }
    }

    /// Greedy insertion with blinks of `pending` in one of SISR's orders (random, demand,
    /// far, close, or window end), mandatory jobs first, then by prize.
    mutating func recreate(_ s: inout SearchState, _ pending: inout [Int]) {
        let depot = p.vehicles[0].startLocation
        let hasWindows = !p.isSimple || p.jobs.contains { !$0.windows.isEmpty }
        let u = rng.below(hasWindows ? 13 : 11)
        var key = [Int](repeating: 0, count: pending.count)
        for (i, j) in pending.enumerated() {
            let job = p.jobs[j]
            switch u {
            case 0..<4: key[i] = rng.below(1 << 30)
            case 4..<8: key[i] = -job.demand
            case 8..<10: key[i] = -p.cost(depot, job.location)
            case 10: key[i] = p.cost(depot, job.location)
            default: key[i] = p.latest[j]
            }
        }
        var order = Array(pending.indices)
        order.sort { a, b in
            let ja = pending[a], jb = pending[b]
            let ma = p.jobs[ja].mandatory ? 0 : 1, mb = p.jobs[jb].mandatory ? 0 : 1
            if ma != mb { return ma < mb }
            if p.jobs[ja].prize != p.jobs[jb].prize { return p.jobs[ja].prize > p.jobs[jb].prize }
            return (key[a], ja) < (key[b], jb)
        }
        updateEmpty(s)
        for i in order {
            let j = pending[i]
            if let (r, pos, _) = bestInsertion(j, s, blinks: true) {
                let opened = s.routes[r].jobs.isEmpty
                s.insert(j, route: r, at: pos, p)
                if opened { updateEmpty(s) }
            }
        }
        pending.removeAll(keepingCapacity: true)
    }

    // MARK: ruin

    /// Adjacent string removal: removes up to `ks` strings (or split strings) from distinct
    /// routes, walking the seed's neighbours; appends removed jobs to `removed`.
    mutating func ruin(_ s: inout SearchState, _ removed: inout [Int]) {
        var routed = 0, used = 0
        for r in s.routes where !r.jobs.isEmpty { routed += r.jobs.count; used += 1 }
        guard routed > 0 else { return }
        let lsMax = min(maxString, Double(routed) / Double(used))
        let ksMax = 4.0 * avgRemoved / (1.0 + lsMax) - 1.0
        let ks = Int(rng.unit() * ksMax) + 1
        var seed = rng.below(p.jobs.count)
        while s.routeOf[seed] < 0 { seed = rng.below(p.jobs.count) }
        stampNow += 1
        var ruined = 0
        var k = -1
        while ruined < ks && k < nb.count(seed) {
            let c = k < 0 ? seed : nb.neighbour(seed, k)
            k += 1
            let r = s.routeOf[c]
            if r < 0 || stamp[r] == stampNow { continue }
            stamp[r] = stampNow
            ruined += 1
            let route = s.routes[r].jobs
            let n = route.count
            let ltMax = min(Double(n), lsMax)
            let lt = min(n, Int(rng.unit() * ltMax) + 1)
            let pos = s.posOf[c]
            var keep = [Bool](repeating: true, count: n)
            if lt == n || rng.unit() < splitRate {
                let lo = max(0, pos - lt + 1), hi = min(pos, n - lt)
                let a = lo + rng.below(hi - lo + 1)
                for i in a..<(a + lt) { keep[i] = false }
            } else {
                var m = 1
                while lt + m < n && rng.unit() > splitDepth { m += 1 }
                let len = lt + m
                let lo = max(0, pos - len + 1), hi = min(pos, n - len)
                let a = lo + rng.below(hi - lo + 1)
                let keepAt = a + rng.below(len - m + 1)
                for i in a..<(a + len) where i < keepAt || i >= keepAt + m { keep[i] = false }
            }
            var rest: [Int] = []
            rest.reserveCapacity(n)
            for i in 0..<n { if keep[i] { rest.append(route[i]) } else { removed.append(route[i]); s.markRemoved(route[i], p) } }
            s.routes[r].jobs = rest
            s.refresh(r, p)
            if !s.routes[r].feasible {
                // Only possible without the triangle inequality or with breaks: empty it.
                for j in rest { removed.append(j); s.markRemoved(j, p) }
                s.routes[r].jobs = []
                s.refresh(r, p)
            }
        }
    }

    var jobMark: [Int] = []
    var jobMarkNow = 0

    /// Adds to the ruined jobs the unassigned ones worth retrying: every mandatory one, the
    /// optional ones among the 20 nearest neighbours of a removed job (the slack the ruin
    /// opened is near them) and two at random. Keeps an iteration's cost bounded when many
    /// more candidates exist than fit, as in a daily plan.
    /// - Complexity: O(removed × 20 + unassigned mandatory).
    mutating func addUnassigned(_ s: SearchState, _ pending: inout [Int]) {
        if jobMark.count != p.jobs.count { jobMark = [Int](repeating: 0, count: p.jobs.count) }
        jobMarkNow += 1
        for j in pending { jobMark[j] = jobMarkNow }
        for j in unassignedMandatory(s) where jobMark[j] != jobMarkNow { jobMark[j] = jobMarkNow; pending.append(j) }
        let removedCount = pending.count
        for i in 0..<removedCount {
            for k in 0..<min(20, nb.count(pending[i])) {
                let m = nb.neighbour(pending[i], k)
                if worth[m] && s.routeOf[m] < 0 && jobMark[m] != jobMarkNow { jobMark[m] = jobMarkNow; pending.append(m) }
            }
        }
        if optionalCount > 0 {
            for _ in 0..<2 {
                let m = rng.below(p.jobs.count)
                if worth[m] && s.routeOf[m] < 0 && jobMark[m] != jobMarkNow { jobMark[m] = jobMarkNow; pending.append(m) }
            }
        }
    }

    /// Mandatory jobs currently unassigned (usually none).
    func unassignedMandatory(_ s: SearchState) -> [Int] {
        guard s.missedMandatory > 0 else { return [] }
        return mandatoryJobs.filter { s.routeOf[$0] < 0 }
    }

    // MARK: main loop

    /// Runs the search within `limit` and returns the best state found.
    mutating func run(limit: SearchLimit, start: ContinuousClock.Instant, initial: [[Int]]? = nil) -> SearchState {
        var current = SearchState(p)
        if let initial { place(&current, initial) }
        var pending = (0..<p.jobs.count).filter { worth[$0] && current.routeOf[$0] < 0 }
        recreate(&current, &pending)
        if !current.routeOf.contains(where: { $0 >= 0 }) { return current }
        let ls = LocalSearch(p, neighbours: nb)
        ls.run(&current)
        var best = current
        let routedCount = current.routeOf.filter { $0 >= 0 }.count
        let used = max(1, current.routes.filter { !$0.jobs.isEmpty }.count)
        let avgArc = max(1.0, Double(current.cost) / Double(max(1, routedCount + used)))
        var t0 = 1.0 * avgArc, tf = 0.01 * avgArc
        #if ROUTING_STATS
        if let e = getenv("T0") { t0 = Double(String(cString: e))! * avgArc }
        if let e = getenv("TF") { tf = Double(String(cString: e))! * avgArc }
        if let e = getenv("CBAR") { avgRemoved = Double(String(cString: e))! }
        #endif
        let maxIter = limit.iterations ?? Int.max
        let maxSeconds = limit.seconds ?? Double.infinity
        let clock = ContinuousClock()
        var removed: [Int] = []
        var iter = 0
        var lsRuns = 0
        var fraction = 0.0
        while iter < maxIter {
            if limit.iterations != nil { fraction = Double(iter) / Double(maxIter) }
            if iter & 15 == 0, limit.seconds != nil {
                let el = clock.now - start
                let secs = Double(el.components.seconds) + Double(el.components.attoseconds) * 1e-18
                if secs >= maxSeconds { break }
                if limit.iterations == nil { fraction = secs / maxSeconds }
            }
            iter += 1
            let temp = t0 * pow(tf / t0, fraction)
            var cand = current
            for r in cand.dirty.indices where cand.dirty[r] { cand.dirty[r] = false }
            removed.removeAll(keepingCapacity: true)
            ruin(&cand, &removed)
            addUnassigned(cand, &removed)
            recreate(&cand, &removed)
            let served = (cand.missedMandatory, cand.missedPrize), curServed = (current.missedMandatory, current.missedPrize)
            let accept: Bool
            if served < curServed { accept = true } else if served > curServed { accept = false } else {
                accept = Double(cand.cost) < Double(current.cost) - temp * log(rng.unit() + 1e-300)
            }
            if accept {
                if cand.objective < best.objective { ls.run(&cand, all: false); lsRuns += 1 }
                current = cand
                if current.objective < best.objective {
                    best = current
                }
            }
        }
        ls.run(&best)
        #if ROUTING_STATS
        print("iterations \(iter) lsRuns \(lsRuns) best \(best.cost)")
        #endif
        return best
    }
}
