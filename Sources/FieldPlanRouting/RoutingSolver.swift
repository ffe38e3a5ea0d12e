import Dispatch
import Foundation

/// Solves a `RoutingProblem`: the entry point for the daily plan and the benchmarks.
///
/// Each of `threads` workers runs an independent ruin-and-recreate search (SISR with a
/// granular local search) from its own seed derived from `seed`; the best objective wins,
/// ties going to the lowest worker, so the same seed and iteration budget give the same
/// solution whatever the thread timing. Pure TSPs (one vehicle returning to its start, no
/// windows, break, capacity or limits, every job mandatory) use a dedicated Or-opt ILS.
public enum RoutingSolver {
    /// - Parameters:
    ///   - limit: wall-clock seconds and/or iterations per worker; at least one should be set
    ///     (with neither, 1000 iterations are used).
    ///   - seed: any value; different seeds explore differently.
    ///   - threads: independent workers (1 or more).
    ///   - initial: a starting solution, the job sequence of each vehicle by index (missing
    ///     or extra vehicles are empty or ignored). Every worker starts from it instead of
    ///     the greedy construction and, since the search accepts only candidates that serve
    ///     as much (mandatory, then prize), never returns a worse objective than it. A route
    ///     that is not feasible for its vehicle is dropped and its jobs inserted again.
    /// - Returns: a solution that passes `problem.check(_:)`.
    /// - Complexity: runs until the limit; memory O(L² + J·100) per worker. It blocks the
    ///   calling thread (workers run on Dispatch's pool): from async code, call it off the
    ///   cooperative pool or accept that one thread is held for the duration.
    public static func solve(_ problem: RoutingProblem, limit: SearchLimit, seed: UInt64, threads: Int = 1,
                             initial: [[Int]]? = nil) -> RoutingSolution {
        let start = ContinuousClock.now
        var limit = limit
        if limit.seconds == nil && limit.iterations == nil { limit.iterations = 1000 }
        let workers = max(1, threads)
        let box = ResultBox(count: workers)
        let lim = limit
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            let s = seed &+ UInt64(w) &* 0x9E37_79B9_7F4A_7C15
            box.set(w, solveOne(problem, limit: lim, seed: s, start: start, initial: initial))
        }
        var best = box.values[0]!
        for w in 1..<workers where box.values[w]!.objective < best.objective { best = box.values[w]! }
        return best
    }

    /// One single-threaded search.
    static func solveOne(_ p: RoutingProblem, limit: SearchLimit, seed: UInt64, start: ContinuousClock.Instant,
                         initial: [[Int]]? = nil) -> RoutingSolution {
        if initial == nil, isPureTsp(p) {
            let tour = tspTour(p, limit: limit, seed: seed, start: start)
            // A binding shift makes it a constrained problem after all: fall through to SISR.
            if p.isFeasible(vehicle: 0, tour) {
                var st = SearchState(p)
                for (i, j) in tour.enumerated() { st.insert(j, route: 0, at: i, p) }
                return solution(from: st, p)
            }
        }
        var search = RuinRecreateSearch(p, seed: seed)
        let best = search.run(limit: limit, start: start, initial: initial)
        return solution(from: best, p)
    }

    static func isPureTsp(_ p: RoutingProblem) -> Bool {
        guard p.vehicles.count == 1, p.jobs.count >= 4 else { return false }
        let v = p.vehicles[0]
        guard v.startLocation == v.endLocation, v.breakRule == nil, v.maxStops == nil, v.capacity == nil else { return false }
        // The shift is checked on the tour afterwards (a binding shift falls back to SISR).
        return p.jobs.allSatisfy { $0.windows.isEmpty && $0.mandatory && $0.allowedVehicles == nil }
    }

    /// The job order of a closed tour from the vehicle's start through every job.
    static func tspTour(_ p: RoutingProblem, limit: SearchLimit, seed: UInt64, start: ContinuousClock.Instant) -> [Int] {
        let n = p.jobs.count + 1
        var locs = [p.vehicles[0].startLocation]
        for j in p.jobs { locs.append(j.location) }
        var dist = [Int](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n { dist[a * n + b] = p.cost(locs[a], locs[b]) } }
        var tsp = TspSearch(n: n, dist: dist, seed: seed)
        let tour = tsp.run(limit: limit, start: start)
        return tour.dropFirst().map { $0 - 1 }
    }

    /// Turns a search state into the reported solution, with schedules and reasons.
    static func solution(from s: SearchState, _ p: RoutingProblem) -> RoutingSolution {
        var routes: [VehicleRoute] = []
        for r in s.routes where !r.jobs.isEmpty {
            if let vr = p.schedule(vehicle: r.vehicle, r.jobs) { routes.append(vr) }
        }
        var unassigned: [UnassignedJob] = []
        var cost = 0
        for r in routes { cost += r.cost }
        var missedM = 0
        var missedP: Int64 = 0
        var routed = [Bool](repeating: false, count: p.jobs.count)
        for r in routes { for v in r.visits { routed[v.job] = true } }
        for j in 0..<p.jobs.count where !routed[j] {
            if p.jobs[j].mandatory { missedM += 1 }
            missedP += p.jobs[j].prize
            unassigned.append(UnassignedJob(job: j, reason: reason(j, p)))
        }
        return RoutingSolution(routes: routes, unassigned: unassigned,
                               objective: RoutingObjective(missedMandatory: missedM, missedPrize: missedP, cost: cost))
    }

    static func reason(_ j: Int, _ p: RoutingProblem) -> UnassignedJob.Reason {
        let candidates = (0..<p.vehicles.count).filter { p.isAllowed(job: j, vehicle: $0) }
        if candidates.isEmpty { return .noAllowedVehicle }
        if candidates.contains(where: { p.isFeasible(vehicle: $0, [j]) }) { return .noRoomLeft }
        return .unreachable
    }
}
