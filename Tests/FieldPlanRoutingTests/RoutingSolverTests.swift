import Testing
@testable import FieldPlanRouting

@Suite struct RoutingSolverTests {
    @Test(arguments: RandomProblems.seeds)
    func solutionsPassTheCheckerAndReportTheirCost(seed: UInt64) {
        let p = RandomProblems.make(seed: seed)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 150), seed: seed, threads: 1)
        let check = p.check(s)
        #expect(check.violations == [])
        #expect(check.objective == s.objective)
    }

    @Test(arguments: RandomProblems.seeds.prefix(10))
    func simpleProblemsUseTheFastPathAndPassTheChecker(seed: UInt64) {
        let p = RandomProblems.make(seed: seed, jobs: 25, rich: false)
        #expect(p.isSimple)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 300), seed: seed, threads: 2)
        #expect(p.check(s).violations == [])
    }

    @Test(arguments: RandomProblems.seeds.prefix(8))
    func sameSeedAndIterationsGiveTheSameSolution(seed: UInt64) {
        let p = RandomProblems.make(seed: seed, jobs: 20)
        let limit = SearchLimit(seconds: nil, iterations: 200)
        let a = RoutingSolver.solve(p, limit: limit, seed: seed, threads: 2)
        let b = RoutingSolver.solve(p, limit: limit, seed: seed, threads: 2)
        #expect(a == b)
    }

    @Test(arguments: RandomProblems.seeds.prefix(10))
    func searchNeverEndsWorseThanConstruction(seed: UInt64) {
        let p = RandomProblems.make(seed: seed)
        let initial = RandomProblems.solution(RandomProblems.state(p, seed: seed), p)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 300), seed: seed, threads: 1)
        #expect(s.objective <= initial.objective || s.objective.missedMandatory <= initial.objective.missedMandatory)
    }

    /// A search started from a solution keeps its routes feasible and never ends worse than
    /// it, even with a budget far too small to find it alone (one iteration).
    @Test(arguments: RandomProblems.seeds.prefix(8))
    func aSeededSearchNeverEndsWorseThanItsStart(seed: UInt64) {
        let p = RandomProblems.make(seed: seed)
        let good = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 400), seed: seed, threads: 1)
        var initial = [[Int]](repeating: [], count: p.vehicles.count)
        for r in good.routes { initial[r.vehicle] = r.visits.map(\.job) }
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 1), seed: seed &+ 99, threads: 2, initial: initial)
        #expect(p.check(s).violations == [])
        #expect(s.objective <= good.objective)
    }

    /// A route that is not feasible for its vehicle (here one job given twice) is dropped
    /// from the start, not trusted: the result still passes the checker.
    @Test func aBrokenStartingRouteIsDropped() {
        let p = RandomProblems.make(seed: 3)
        var initial = [[Int]](repeating: [], count: p.vehicles.count)
        initial[0] = [0, 0, 1]
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 20), seed: 3, threads: 1, initial: initial)
        #expect(p.check(s).violations == [])
    }

    @Test func unassignedJobsCarryTheirReason() throws {
        // Location 0 depot; 1 reachable; 2 has a window that has closed before anyone can get
        // there; 3 is allowed on no vehicle; 4 competes with 1 for the only stop.
        let n = 5
        var time = [Int](repeating: 10, count: n * n)
        for i in 0..<n { time[i * n + i] = 0 }
        let v = Vehicle(startLocation: 0, endLocation: 0, shift: TimeWindow(from: 0, to: 100), maxStops: 1)
        let jobs = [
            Job(location: 1, prize: 50, mandatory: true),
            Job(location: 2, windows: [TimeWindow(from: 0, to: 5)], prize: 10),
            Job(location: 3, prize: 10, allowedVehicles: []),
            Job(location: 4, prize: 40, mandatory: false),
        ]
        let p = try RoutingProblem(locationCount: n, travelTime: time, distance: time, vehicles: [v], jobs: jobs)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 50), seed: 1)
        #expect(p.check(s).violations == [])
        #expect(s.routes.map { $0.visits.map(\.job) } == [[0]])
        let reasons = Dictionary(uniqueKeysWithValues: s.unassigned.map { ($0.job, $0.reason) })
        #expect(reasons == [1: .unreachable, 2: .noAllowedVehicle, 3: .noRoomLeft])
    }

    @Test func prizeDecidesWhenNotEveryJobFits() throws {
        // One stop only: the optional job with the higher prize wins over a closer one.
        let n = 3
        let time = [0, 5, 50, 5, 0, 50, 50, 50, 0]
        let v = Vehicle(startLocation: 0, endLocation: 0, shift: TimeWindow(from: 0, to: 1000), maxStops: 1)
        let jobs = [Job(location: 1, prize: 10, mandatory: false), Job(location: 2, prize: 20, mandatory: false)]
        let p = try RoutingProblem(locationCount: n, travelTime: time, distance: time, vehicles: [v], jobs: jobs)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 50), seed: 3)
        #expect(s.routes.first?.visits.map(\.job) == [1])
        #expect(s.objective.missedPrize == 10)
    }

    @Test func breakIsPlannedInsideItsWindow() throws {
        let n = 4
        var time = [Int](repeating: 20, count: n * n)
        for i in 0..<n { time[i * n + i] = 0 }
        let b = BreakRule(duration: 30, window: TimeWindow(from: 40, to: 60))
        let v = Vehicle(startLocation: 0, endLocation: 0, shift: TimeWindow(from: 0, to: 300), breakRule: b)
        let jobs = (1..<n).map { Job(location: $0, service: 10) }
        let p = try RoutingProblem(locationCount: n, travelTime: time, distance: time, vehicles: [v], jobs: jobs)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 30), seed: 1)
        #expect(p.check(s).violations == [])
        let pb = try #require(s.routes.first?.plannedBreak)
        #expect((40...60).contains(pb.start))
        #expect(s.unassigned.isEmpty)
    }

    @Test func invalidProblemsNameTheItem() {
        #expect(throws: RoutingProblemError.job(0, "location 9 out of range")) {
            try RoutingProblem(locationCount: 1, travelTime: [0], distance: [0],
                               vehicles: [Vehicle(startLocation: 0, endLocation: 0, shift: TimeWindow(from: 0, to: 1))],
                               jobs: [Job(location: 9)])
        }
        #expect(throws: RoutingProblemError.self) {
            try RoutingProblem(locationCount: 2, travelTime: [0], distance: [0], vehicles: [], jobs: [])
        }
    }
}

@Suite struct RoutingSolverEdgeCaseTests {
    @Test func noJobsGivesAnEmptyPlanAtOnce() throws {
        let v = Vehicle(startLocation: 0, endLocation: 0, shift: TimeWindow(from: 0, to: 10))
        let p = try RoutingProblem(locationCount: 1, travelTime: [0], distance: [0], vehicles: [v], jobs: [])
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: 30, iterations: nil), seed: 1, threads: 2)
        #expect(s.routes.isEmpty && s.unassigned.isEmpty)
        #expect(p.check(s).isValid)
    }

    @Test func manyMoreCandidatesThanFitKeepThePlanValid() throws {
        // 60 optional candidates for one agent with room for about 8: the plan is valid,
        // nothing is lost, and the served prize beats the greedy construction.
        var rng = RandomSource(seed: 9)
        let n = 61
        var xs: [Int] = [], ys: [Int] = []
        for _ in 0..<n { xs.append(rng.below(50)); ys.append(rng.below(50)) }
        var t = [Int](repeating: 0, count: n * n)
        for a in 0..<n { for b in 0..<n { t[a * n + b] = abs(xs[a] - xs[b]) + abs(ys[a] - ys[b]) } }
        let v = Vehicle(startLocation: 0, endLocation: 0, shift: TimeWindow(from: 0, to: 240),
                        breakRule: BreakRule(duration: 20, window: TimeWindow(from: 100, to: 140)))
        let jobs = (1..<n).map { Job(location: $0, service: 20, prize: Int64(1 + rng.below(100)), mandatory: false) }
        let p = try RoutingProblem(locationCount: n, travelTime: t, distance: t, timeWeight: 1, distanceWeight: 0, vehicles: [v], jobs: jobs)
        let s = RoutingSolver.solve(p, limit: SearchLimit(seconds: nil, iterations: 400), seed: 2, threads: 1)
        #expect(p.check(s).violations == [])
        #expect(s.routes.count == 1)
        #expect(s.routes[0].visits.count + s.unassigned.count == 60)
        #expect(s.unassigned.allSatisfy { $0.reason == .noRoomLeft })
        let initial = RandomProblems.solution(RandomProblems.state(p, seed: 2), p)
        #expect(s.objective <= initial.objective)
    }
}
