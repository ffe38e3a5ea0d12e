import Foundation

/// Builds balanced, compact, contiguous and stable zones. The entry point of the module.
///
/// Steps, all in a local plane (`PlanarProjection`, metres):
/// 1. the 8 nearest neighbours of every account (`SpatialGrid`): local density for the travel
///    estimate (`WorkloadModel`), zone adjacency for boundary moves;
/// 2. accounts of locked zones are set aside untouched;
/// 3. *stable rebuild* (the default when every zone to build still has accounts and at most
///    a quarter of the accounts are new to zoning): accounts
///    keep their zone, new ones join the zone of their nearest zoned neighbours, and
///    `BoundaryRepair` moves only what balance needs, new accounts first;
///    *fresh build*: k-means++ seeding (or the anchors), balanced k-means on power diagrams
///    (`PowerDiagramKMeans`), boundary repair to 80 % of the tolerance, min-cost-flow k-means
///    rounds (`FlowKMeans`), border exchanges (`BorderExchange`), spread refinement
///    (`SpreadRefinement`) and border smoothing (`BorderSmoothing`) within 98 % of it, from
///    several seeds (the smallest spread wins), then clusters are matched to zone ids
///    (`MinCostMatching`): to the nearest anchor, else to the previous zone they overlap most;
/// 4. statistics and convex hulls per zone.
///
/// Deterministic: same problem and seed, same result; nothing depends on hashing order.
/// - Complexity: about O(n·k·r) for n accounts, k zones and r balanced k-means rounds
///   (r ≤ `maxRounds`), O(n·8) memory besides O(n·12) candidate lists; a stable rebuild is
///   O(n log n).
public enum ZoneBuilder {
    static let neighbourCount = 8

    public static func build(_ problem: ZoningProblem) -> ZoningResult {
        let options = problem.options
        let points = problem.points
        let n = points.count
        let zoneCount = problem.zones.count
        let projection = PlanarProjection(around: points.map { ($0.latitude, $0.longitude) })
        var xs = [Double](repeating: 0, count: n), ys = xs
        for i in 0..<n {
            (xs[i], ys[i]) = projection.project(latitude: points[i].latitude, longitude: points[i].longitude)
        }

        // Neighbours and the workload of every account.
        let (near, travel) = neighboursAndTravel(xs: xs, ys: ys, roadFactor: options.roadFactor, speedKmh: options.speedKmh)

        // Which accounts are free to place, and where they were.
        var zoneIndex: [String: Int] = [:]
        for (j, z) in problem.zones.enumerated() { zoneIndex[z.id] = j }
        let locked = Set(problem.lockedZones)
        var freeOf = [Int32](repeating: -1, count: n) // global → free index
        var free: [Int] = []
        var previous: [Int32] = []
        for i in 0..<n {
            if let z = points[i].currentZone, locked.contains(z) { continue }
            freeOf[i] = Int32(free.count)
            free.append(i)
            previous.append(points[i].currentZone.flatMap { zoneIndex[$0] }.map(Int32.init) ?? -1)
        }
        let m = free.count
        let fx = free.map { xs[$0] }, fy = free.map { ys[$0] }
        let fw = free.map { options.balance == .accounts ? 1.0 : points[$0].serviceMinutes / 60 + travel[$0] }
        var fNeighbours = [Int32](repeating: -1, count: m * neighbourCount)
        for (f, i) in free.enumerated() {
            for t in 0..<neighbourCount {
                let q = Int(near.index[i * neighbourCount + t])
                if q >= 0 { fNeighbours[f * neighbourCount + t] = freeOf[q] }
            }
        }
        let target = fw.reduce(0, +) / Double(zoneCount)
        let tolerance = options.tolerance

        var zone = [Int32](repeating: 0, count: m)
        var rounds = 0
        var penalty = [Double](repeating: 0, count: m)
        var anyPrevious = false
        var membersBefore = [Int](repeating: 0, count: zoneCount)
        for p in previous where p >= 0 { anyPrevious = true; membersBefore[Int(p)] += 1 }
        // Keep-and-repair only while most accounts keep a zone: when zones were added or
        // removed, or most accounts are new, balanced k-means from the old centroids gives
        // better shapes, and clusters still take the ids of the zones they overlap most.
        let newcomers = previous.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        let stable = !options.fresh && anyPrevious && membersBefore.allSatisfy { $0 > 0 } && newcomers * 4 <= m

        if m == 0 {
            // Nothing to place.
        } else if stable {
            zone = previous
            placeNewPoints(&zone, xs: fx, ys: fy, neighbours: fNeighbours, zoneCount: zoneCount)
            // Old accounts move only after every new one on the same boundary.
            let span = max((fx.max()! - fx.min()!) + (fy.max()! - fy.min()!), 1)
            for f in 0..<m where previous[f] >= 0 { penalty[f] = 4 * span }
            var repair = BoundaryRepair(xs: fx, ys: fy, weight: fw, neighbours: fNeighbours, k: neighbourCount,
                                        penalty: penalty, zone: zone, zoneCount: zoneCount)
            // A fresh build ends within ±`exchangeBand`·tolerance: only zones the new accounts
            // pushed outside the tolerance are repaired, back to ±80 % of it.
            let aim = tolerance * repairBand, inner = tolerance * exchangeBand
            repair.run(trigger: target * (1 - tolerance)...target * (1 + tolerance),
                       aim: target * (1 - aim)...target * (1 + aim), target: target)
            _ = repair.dissolveEnclaves(band: target * (1 - tolerance)...target * (1 + tolerance))
            // New accounts settle on the better side of a border; accounts that had a zone stay.
            let input = BorderPassInput(xs: fx, ys: fy, weight: fw, neighbours: fNeighbours, k: neighbourCount,
                                        zoneCount: zoneCount, band: target * (1 - inner)...target * (1 + inner),
                                        movable: previous.map { $0 < 0 })
            zone = compactnessPasses(input, zone: repair.zone)
        } else {
            let clock = ContinuousClock()
            let deadline = options.timeLimit.map { clock.now.advanced(by: $0) }
            let randomSeeds = problem.zones.filter { $0.anchor == nil }.count
            let restarts = randomSeeds == 0 ? 1 : restartCount(accounts: m)
            var best: (zone: [Int32], excess: Double, cost: Double)?
            for r in 0..<restarts {
                if r > 0, let deadline, clock.now >= deadline { break }
                let seed = r == 0 ? options.seed : options.seed &+ UInt64(r) &* 0x9E37_79B9_7F4A_7C15
                let remaining = deadline.map { clock.now.duration(to: $0) }
                let (candidate, used) = balancedBuild(problem: problem, projection: projection, xs: fx, ys: fy, weight: fw,
                                                      neighbours: fNeighbours, previous: r == 0 && !options.fresh ? previous : nil,
                                                      target: target, seed: seed, timeLimit: remaining)
                rounds += used
                var loads = [Double](repeating: 0, count: zoneCount)
                for f in 0..<m { loads[Int(candidate[f])] += fw[f] }
                let band = tolerance * exchangeBand
                let excess = loads.reduce(0.0) { $0 + max($1 - target * (1 + band), target * (1 - band) - $1, 0) }
                let cost = Self.spread(xs: fx, ys: fy, zone: candidate, zoneCount: zoneCount)
                if best == nil || excess < best!.excess - 1e-9 || (abs(excess - best!.excess) <= 1e-9 && cost < best!.cost) {
                    best = (candidate, excess, cost)
                }
            }
            zone = best!.zone
            let label = clusterLabels(problem: problem, projection: projection, zone: zone, previous: previous,
                                      xs: fx, ys: fy, zoneCount: zoneCount)
            for f in 0..<m { zone[f] = Int32(label[Int(zone[f])]) }
        }

        // Results.
        var zoneOfPoint = [String](repeating: "", count: n)
        var moved = 0, previouslyZoned = 0
        for i in 0..<n {
            let before = points[i].currentZone
            if freeOf[i] >= 0 {
                zoneOfPoint[i] = problem.zones[Int(zone[Int(freeOf[i])])].id
            } else {
                zoneOfPoint[i] = before!
            }
            if let before {
                previouslyZoned += 1
                if before != zoneOfPoint[i] { moved += 1 }
            }
        }
        var loads = [Double](repeating: 0, count: zoneCount)
        for f in 0..<m { loads[Int(zone[f])] += fw[f] }
        let mean = loads.reduce(0, +) / Double(zoneCount)
        let maxRatio = mean > 0 ? loads.max()! / mean : 1
        let minRatio = mean > 0 ? loads.min()! / mean : 1

        var groups: [[Int]] = Array(repeating: [], count: zoneCount + problem.lockedZones.count)
        var lockedIndex: [String: Int] = [:]
        for (t, id) in problem.lockedZones.enumerated() where lockedIndex[id] == nil { lockedIndex[id] = zoneCount + t }
        for i in 0..<n {
            if freeOf[i] >= 0 { groups[Int(zone[Int(freeOf[i])])].append(i) } else if let g = lockedIndex[zoneOfPoint[i]] {
                groups[g].append(i)
            }
        }
        var summaries: [ZoneSummary] = []
        let ids = problem.zones.map(\.id) + problem.lockedZones
        for g in 0..<ids.count {
            summaries.append(summary(id: ids[g], locked: g >= zoneCount, members: groups[g], points: points,
                                     travel: travel, xs: xs, ys: ys, projection: projection))
        }
        return ZoningResult(zoneOfPoint: zoneOfPoint, zones: summaries, moved: moved, previouslyZoned: previouslyZoned,
                            maxLoadRatio: maxRatio, minLoadRatio: minRatio, rounds: rounds)
    }

    /// Share of the tolerance the boundary repair of a fresh build aims at, and the band a
    /// stable rebuild repairs a zone back into once new accounts pushed it outside the
    /// tolerance.
    static let repairBand = 0.8

    /// Share of the tolerance the compactness passes of a fresh build may use (the exchanges
    /// and the border smoothing): nearly all of it, as size-constrained k-means does, with a
    /// hair of slack so that rounding never takes a zone over. A stable rebuild repairs only
    /// zones outside the whole tolerance, so an unchanged rebuild still moves nothing.
    static let exchangeBand = 0.98

    /// Sum of distances of the accounts to their zones' means: n × the mean spread, the
    /// figure `zones list` shows, by which restarts are compared.
    /// - Complexity: O(n).
    static func spread(xs: [Double], ys: [Double], zone: [Int32], zoneCount: Int) -> Double {
        var sx = [Double](repeating: 0, count: zoneCount), sy = sx, c = sx
        for i in 0..<xs.count { let z = Int(zone[i]); sx[z] += xs[i]; sy[z] += ys[i]; c[z] += 1 }
        let mx = (0..<zoneCount).map { c[$0] > 0 ? sx[$0] / c[$0] : 0 }
        let my = (0..<zoneCount).map { c[$0] > 0 ? sy[$0] / c[$0] : 0 }
        return BorderSmoothing.distanceSum(xs: xs, ys: ys, zone: zone, cx: mx, cy: my)
    }

    /// Seeded restarts of a fresh build: as many as fit in about 1.5 million account-builds
    /// (8 at 10,000 accounts or fewer, 1 from 150,000), so the count depends on the input
    /// only, never on the clock.
    static func restartCount(accounts m: Int) -> Int { min(8, max(1, 1_500_000 / max(m * 10, 1))) }

    /// One fresh build from one seed: balanced k-means on power diagrams, boundary repair into
    /// the band, min-cost-flow k-means rounds from the power weights, then the compactness
    /// passes inside the band. Returns the zone index of every account and the k-means rounds
    /// used.
    /// - Complexity: about O(n·20·r) for r rounds, plus the flow rounds (`FlowKMeans`) and
    ///   the passes (`compactnessPasses`).
    static func balancedBuild(problem: ZoningProblem, projection: PlanarProjection, xs: [Double], ys: [Double],
                              weight: [Double], neighbours: [Int32], previous: [Int32]?, target: Double, seed: UInt64,
                              timeLimit: Duration?) -> (zone: [Int32], rounds: Int) {
        let options = problem.options, zoneCount = problem.zones.count, tolerance = options.tolerance
        var rng = SplitMix64(seed: seed)
        let (sx, sy) = initialCentres(problem: problem, projection: projection, xs: xs, ys: ys, previous: previous, rng: &rng)
        var kmeans = PowerDiagramKMeans(xs: xs, ys: ys, weight: weight, centresX: sx, centresY: sy)
        let rounds = kmeans.run(maxRounds: options.maxRounds, innerTolerance: tolerance * 0.7, timeLimit: timeLimit)
        let band = tolerance * repairBand
        var repair = BoundaryRepair(xs: xs, ys: ys, weight: weight, neighbours: neighbours, k: neighbourCount,
                                    penalty: [Double](repeating: 0, count: xs.count), zone: kmeans.assignment, zoneCount: zoneCount)
        repair.run(trigger: target * (1 - band)...target * (1 + band),
                   aim: target * (1 - band * 0.8)...target * (1 + band * 0.8), target: target)
        _ = repair.dissolveEnclaves(band: target * (1 - band)...target * (1 + band))
        let wide = target * (1 - tolerance * exchangeBand)...target * (1 + tolerance * exchangeBand)
        let input = BorderPassInput(xs: xs, ys: ys, weight: weight, neighbours: neighbours, k: neighbourCount,
                                    zoneCount: zoneCount, band: wide)
        var flow = FlowKMeans(input, zone: repair.zone, potential: kmeans.alpha)
        flow.run()
        return (compactnessPasses(input, zone: flow.zone), rounds)
    }

    /// The compactness passes inside the band, in order: border exchanges on the squared
    /// distance, spread refinement on the true objective, border smoothing.
    /// - Complexity: the sum of the passes' (`BorderExchange`, `SpreadRefinement`, `BorderSmoothing`).
    static func compactnessPasses(_ input: BorderPassInput, zone: [Int32]) -> [Int32] {
        var exchange = BorderExchange(input, zone: zone)
        exchange.run()
        var refinement = SpreadRefinement(input, zone: exchange.zone)
        refinement.run()
        var smoothing = BorderSmoothing(input, zone: refinement.zone)
        smoothing.run()
        return smoothing.zone
    }

    /// The `neighbourCount` nearest neighbours of every point and the travel hours each point
    /// adds to a tour of its zone.
    /// - Complexity: about O(n·k log k) after an O(n log n) grid build.
    static func neighboursAndTravel(xs: [Double], ys: [Double], roadFactor: Double, speedKmh: Double)
        -> (near: (index: [Int32], distance: [Double]), travel: [Double]) {
        let n = xs.count
        let near = SpatialGrid(xs: xs, ys: ys).nearestNeighbours(k: neighbourCount)
        let model = WorkloadModel(roadFactor: roadFactor, speedKmh: speedKmh)
        var travel = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var rank = WorkloadModel.neighbours
            while rank > 0 && !near.distance[i * neighbourCount + rank - 1].isFinite { rank -= 1 }
            travel[i] = rank > 0 ? model.travelHours(neighbourDistance: near.distance[i * neighbourCount + rank - 1], rank: rank) : 0
        }
        return (near, travel)
    }

    /// New accounts join the zone most of their already-zoned neighbours are in, sweeping
    /// until no more can be placed; the rest (no zoned neighbour at all) go to the nearest
    /// zone centre.
    /// - Complexity: O(n·k) per sweep, a few sweeps.
    static func placeNewPoints(_ zone: inout [Int32], xs: [Double], ys: [Double], neighbours: [Int32], zoneCount: Int) {
        let m = zone.count, k = neighbourCount
        var pending = (0..<m).filter { zone[$0] < 0 }
        var votes = [Int](repeating: 0, count: zoneCount)
        while !pending.isEmpty {
            var placed: [(Int, Int32)] = []
            var rest: [Int] = []
            for f in pending {
                var best: Int32 = -1
                for t in 0..<k {
                    let q = Int(neighbours[f * k + t])
                    guard q >= 0, zone[q] >= 0 else { continue }
                    let z = Int(zone[q])
                    // Nearer neighbours weigh more, so ties go to the closest zone.
                    votes[z] += k - t
                    if best < 0 || votes[z] > votes[Int(best)] || (votes[z] == votes[Int(best)] && Int32(z) < best) { best = Int32(z) }
                }
                for t in 0..<k {
                    let q = Int(neighbours[f * k + t])
                    if q >= 0, zone[q] >= 0 { votes[Int(zone[q])] = 0 }
                }
                if best >= 0 { placed.append((f, best)) } else { rest.append(f) }
            }
            if placed.isEmpty {
                // Isolated newcomers: nearest centroid of the zoned accounts.
                var sx = [Double](repeating: 0, count: zoneCount), sy = sx, c = sx
                for f in 0..<m where zone[f] >= 0 { sx[Int(zone[f])] += xs[f]; sy[Int(zone[f])] += ys[f]; c[Int(zone[f])] += 1 }
                for f in rest {
                    var best = 0, bestD = Double.infinity
                    for z in 0..<zoneCount where c[z] > 0 {
                        let dx = xs[f] - sx[z] / c[z], dy = ys[f] - sy[z] / c[z]
                        if dx * dx + dy * dy < bestD { bestD = dx * dx + dy * dy; best = z }
                    }
                    zone[f] = Int32(best)
                }
                return
            }
            for (f, z) in placed { zone[f] = z }
            pending = rest
        }
    }

    /// Starting centres: anchors where given (unless one coincides with an earlier centre),
    /// the previous zone's centroid in a non-fresh build, k-means++ D² sampling for the rest.
    /// - Complexity: O(n·k).
    static func initialCentres(problem: ZoningProblem, projection: PlanarProjection, xs: [Double], ys: [Double],
                               previous: [Int32]?, rng: inout SplitMix64) -> ([Double], [Double]) {
        let k = problem.zones.count, m = xs.count
        var cx = [Double](repeating: 0, count: k), cy = cx
        var set = [Bool](repeating: false, count: k)
        var chosen: [(Double, Double)] = []
        if let previous {
            var sx = [Double](repeating: 0, count: k), sy = sx, c = sx
            for f in 0..<m where previous[f] >= 0 { let z = Int(previous[f]); sx[z] += xs[f]; sy[z] += ys[f]; c[z] += 1 }
            for z in 0..<k where c[z] > 0 {
                cx[z] = sx[z] / c[z]; cy[z] = sy[z] / c[z]; set[z] = true; chosen.append((cx[z], cy[z]))
            }
        }
        for (z, spec) in problem.zones.enumerated() where !set[z] {
            guard let a = spec.anchor else { continue }
            let p = projection.project(latitude: a.latitude, longitude: a.longitude)
            if chosen.contains(where: { ($0.0 - p.x) * ($0.0 - p.x) + ($0.1 - p.y) * ($0.1 - p.y) < 2500 }) { continue }
            cx[z] = p.x; cy[z] = p.y; set[z] = true; chosen.append((p.x, p.y))
        }
        var nearest = [Double](repeating: .infinity, count: m)
        for c in chosen {
            for f in 0..<m { nearest[f] = min(nearest[f], (xs[f] - c.0) * (xs[f] - c.0) + (ys[f] - c.1) * (ys[f] - c.1)) }
        }
        for z in 0..<k where !set[z] {
            var pick = 0
            if chosen.isEmpty {
                pick = Int(rng.next() % UInt64(max(m, 1)))
            } else {
                let total = nearest.reduce(0, +)
                if total > 0 {
                    var r = rng.unit() * total
                    pick = m - 1
                    for f in 0..<m { r -= nearest[f]; if r < 0 { pick = f; break } }
                } else {
                    pick = Int(rng.next() % UInt64(max(m, 1)))
                }
            }
            cx[z] = xs[pick]; cy[z] = ys[pick]; set[z] = true; chosen.append((cx[z], cy[z]))
            for f in 0..<m { nearest[f] = min(nearest[f], (xs[f] - cx[z]) * (xs[f] - cx[z]) + (ys[f] - cy[z]) * (ys[f] - cy[z])) }
        }
        return (cx, cy)
    }

    /// Which zone id each built cluster gets: anchors by least total distance when any zone
    /// has one, else the previous zone the cluster overlaps most; identity otherwise.
    /// - Complexity: O(n + k³).
    static func clusterLabels(problem: ZoningProblem, projection: PlanarProjection, zone: [Int32], previous: [Int32],
                              xs: [Double], ys: [Double], zoneCount k: Int) -> [Int] {
        let hasAnchors = problem.zones.contains { $0.anchor != nil }
        let hasPrevious = previous.contains { $0 >= 0 }
        guard hasAnchors || hasPrevious, k > 1, k <= 600 else { return Array(0..<k) }
        var cost = [Double](repeating: 0, count: k * k)
        if hasAnchors {
            var sx = [Double](repeating: 0, count: k), sy = sx, c = sx
            for f in 0..<zone.count { let z = Int(zone[f]); sx[z] += xs[f]; sy[z] += ys[f]; c[z] += 1 }
            for cluster in 0..<k where c[cluster] > 0 {
                let mx = sx[cluster] / c[cluster], my = sy[cluster] / c[cluster]
                for (j, spec) in problem.zones.enumerated() {
                    guard let a = spec.anchor else { continue }
                    let p = projection.project(latitude: a.latitude, longitude: a.longitude)
                    cost[cluster * k + j] = ((mx - p.x) * (mx - p.x) + (my - p.y) * (my - p.y)).squareRoot()
                }
            }
        } else {
            for f in 0..<zone.count where previous[f] >= 0 { cost[Int(zone[f]) * k + Int(previous[f])] -= 1 }
        }
        return MinCostMatching.solve(cost: cost, n: k)
    }

    static func summary(id: String, locked: Bool, members: [Int], points: [ZonePoint], travel: [Double],
                        xs: [Double], ys: [Double], projection: PlanarProjection) -> ZoneSummary {
        guard !members.isEmpty else {
            return ZoneSummary(id: id, locked: locked, centroid: nil, accounts: 0, serviceHours: 0, travelHours: 0,
                               workloadHours: 0, spreadMeters: 0, hull: [])
        }
        var sx = 0.0, sy = 0.0, service = 0.0, trip = 0.0
        for i in members { sx += xs[i]; sy += ys[i]; service += points[i].serviceMinutes / 60; trip += travel[i] }
        let mx = sx / Double(members.count), my = sy / Double(members.count)
        var spread = 0.0
        for i in members { spread += ((xs[i] - mx) * (xs[i] - mx) + (ys[i] - my) * (ys[i] - my)).squareRoot() }
        let centre = projection.unproject(x: mx, y: my)
        let hull = ConvexHull.indices(of: members, xs: xs, ys: ys).map {
            ZoneSummary.Coordinate(latitude: points[$0].latitude, longitude: points[$0].longitude)
        }
        return ZoneSummary(id: id, locked: locked,
                           centroid: ZoneSummary.Coordinate(latitude: centre.latitude, longitude: centre.longitude),
                           accounts: members.count, serviceHours: service, travelHours: trip,
                           workloadHours: service + trip, spreadMeters: spread / Double(members.count), hull: hull)
    }
}
