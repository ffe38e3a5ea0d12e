/// A validated, immutable vehicle-routing problem: VRP with time windows, prizes,
/// mandatory jobs, breaks, capacities, per-vehicle start/end (multi-depot) and vehicle
/// restrictions. Made once with `init(...)`, which checks every item and precomputes the
/// flat arrays the search reads in its hot loops.
///
/// Objective, lexicographic (see `RoutingObjective`): serve as many mandatory jobs as can be
/// served, then maximize the total prize served, then minimize
/// `timeWeight × travel time + distanceWeight × distance + fixed costs of used vehicles`.
///
/// All measures are integers: times in seconds (or any unit shared by windows, services and
/// the time matrix), distances in metres. Matrices may be asymmetric.
public struct RoutingProblem: Sendable {
    public let locationCount: Int
    /// `travelTime[from * locationCount + to]`.
    public let travelTime: [Int]
    /// `distance[from * locationCount + to]`.
    public let distance: [Int]
    public let timeWeight: Int
    public let distanceWeight: Int
    public let vehicles: [Vehicle]
    public let jobs: [Job]

    // Derived data for the search (flat, index-based).
    /// `timeWeight × travelTime + distanceWeight × distance`, per ordered pair of locations.
    let arcCost: [Int]
    /// `allowed[job * vehicles.count + vehicle]`, nil when every job may use every vehicle.
    let allowed: [Bool]?
    /// Earliest / latest service start of each job when it has at most one window.
    let earliest: [Int]
    let latest: [Int]
    /// True when every job has at most one window and no vehicle has a break: then every
    /// insertion is checked in O(1) from cached arrays instead of simulated.
    let isSimple: Bool
    /// Index of the first vehicle with identical attributes: empty vehicles of one class
    /// are interchangeable, so the search evaluates one of them only.
    let vehicleClass: [Int]

    static let infinity = 1 << 60

    /// Validates and builds the problem.
    /// - Throws: `RoutingProblemError` naming the first bad item.
    /// - Complexity: O(L² + J·V + V²) where L locations, J jobs, V vehicles.
    public init(locationCount: Int, travelTime: [Int], distance: [Int], timeWeight: Int = 0, distanceWeight: Int = 1,
                vehicles: [Vehicle], jobs: [Job]) throws {
        guard locationCount > 0 else { throw RoutingProblemError.matrixSize("no locations") }
        let n2 = locationCount * locationCount
        guard travelTime.count == n2 else { throw RoutingProblemError.matrixSize("travel time has \(travelTime.count) entries, expected \(n2)") }
        guard distance.count == n2 else { throw RoutingProblemError.matrixSize("distance has \(distance.count) entries, expected \(n2)") }
        if let i = travelTime.firstIndex(where: { $0 < 0 }) { throw RoutingProblemError.negativeMatrixEntry("travel time \(i / locationCount)→\(i % locationCount) is negative") }
        if let i = distance.firstIndex(where: { $0 < 0 }) { throw RoutingProblemError.negativeMatrixEntry("distance \(i / locationCount)→\(i % locationCount) is negative") }
        guard timeWeight >= 0, distanceWeight >= 0 else { throw RoutingProblemError.objective("weights must be non-negative") }
        guard !vehicles.isEmpty else { throw RoutingProblemError.vehicle(0, "no vehicles") }
        for (i, v) in vehicles.enumerated() {
            guard (0..<locationCount).contains(v.startLocation) else { throw RoutingProblemError.vehicle(i, "start location \(v.startLocation) out of range") }
            guard (0..<locationCount).contains(v.endLocation) else { throw RoutingProblemError.vehicle(i, "end location \(v.endLocation) out of range") }
            guard v.shift.from <= v.shift.to else { throw RoutingProblemError.vehicle(i, "shift ends before it starts") }
            if let b = v.breakRule {
                guard b.duration >= 0, b.window.from <= b.window.to else { throw RoutingProblemError.vehicle(i, "bad break") }
            }
            if let m = v.maxStops, m < 0 { throw RoutingProblemError.vehicle(i, "negative max stops") }
            if let c = v.capacity, c < 0 { throw RoutingProblemError.vehicle(i, "negative capacity") }
            if v.fixedCost < 0 { throw RoutingProblemError.vehicle(i, "negative fixed cost") }
        }
        var jobs = jobs
        for i in jobs.indices {
            let j = jobs[i]
            guard (0..<locationCount).contains(j.location) else { throw RoutingProblemError.job(i, "location \(j.location) out of range") }
            guard j.service >= 0 else { throw RoutingProblemError.job(i, "negative service time") }
            guard j.demand >= 0 else { throw RoutingProblemError.job(i, "negative demand") }
            guard j.prize >= 0 else { throw RoutingProblemError.job(i, "negative prize") }
            for w in j.windows where w.from > w.to { throw RoutingProblemError.job(i, "window \(w.from)–\(w.to) ends before it starts") }
            let sorted = j.windows.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
            var merged: [TimeWindow] = []
            for w in sorted {
                if let last = merged.last, w.from <= last.to { merged[merged.count - 1].to = max(last.to, w.to) } else { merged.append(w) }
            }
            jobs[i].windows = merged
            if let a = j.allowedVehicles {
                for v in a where !(0..<vehicles.count).contains(v) { throw RoutingProblemError.job(i, "allowed vehicle \(v) out of range") }
            }
        }
        self.locationCount = locationCount
        self.travelTime = travelTime
        self.distance = distance
        self.timeWeight = timeWeight
        self.distanceWeight = distanceWeight
        self.vehicles = vehicles
        self.jobs = jobs
        var cost = [Int](repeating: 0, count: n2)
        for i in 0..<n2 { cost[i] = timeWeight * travelTime[i] + distanceWeight * distance[i] }
        arcCost = cost
        if jobs.contains(where: { $0.allowedVehicles != nil }) {
            var a = [Bool](repeating: false, count: jobs.count * vehicles.count)
            for (i, j) in jobs.enumerated() {
                if let list = j.allowedVehicles { for v in list { a[i * vehicles.count + v] = true } } else {
                    for v in 0..<vehicles.count { a[i * vehicles.count + v] = true }
                }
            }
            allowed = a
        } else { allowed = nil }
        earliest = jobs.map { $0.windows.first?.from ?? -RoutingProblem.infinity }
        latest = jobs.map { $0.windows.count == 1 ? $0.windows[0].to : ($0.windows.isEmpty ? RoutingProblem.infinity : $0.windows.last!.to) }
        isSimple = jobs.allSatisfy { $0.windows.count <= 1 } && vehicles.allSatisfy { $0.breakRule == nil }
        var reps: [Int] = []
        var cls = [Int](repeating: 0, count: vehicles.count)
        let restricted = allowed != nil
        for (i, v) in vehicles.enumerated() {
            // With vehicle restrictions, vehicles are never interchangeable.
            if !restricted, let r = reps.first(where: { vehicles[$0] == v }) { cls[i] = r } else { cls[i] = i; reps.append(i) }
        }
        vehicleClass = cls
    }

    @inline(__always) func cost(_ a: Int, _ b: Int) -> Int { arcCost[a * locationCount + b] }
    @inline(__always) func time(_ a: Int, _ b: Int) -> Int { travelTime[a * locationCount + b] }
    @inline(__always) func isAllowed(job: Int, vehicle: Int) -> Bool {
        guard let allowed else { return true }
        return allowed[job * vehicles.count + vehicle]
    }
}
