import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanRoads
import FieldPlanStore
import FieldPlanZoning
import Foundation

extension FieldPlanApp {
    /// The zones with figures from the accounts as they are now (`zones list`); with
    /// `changedSince`, only zones changed at or after it (`export --kind zone --since`).
    /// - Complexity: O(n log n) for n located plannable accounts (the travel estimate needs
    ///   every account's nearest neighbours).
    public func zoneFigures(changedSince: Int64? = nil) throws -> ZoneFigures {
        let settings = try store.settings()
        let zones = try store.zones(since: changedSince)
        let points = try store.zoningAccounts().map {
            ZonePoint(id: $0.id, latitude: $0.lat, longitude: $0.lon,
                      serviceMinutes: Double($0.serviceMinutes ?? settings.serviceMinutes), currentZone: $0.zoneID)
        }
        let summaries = ZoneStatistics.summarize(points: points, zones: zones.map(\.id),
                                                 lockedZones: Set(zones.filter(\.locked).map(\.id)),
                                                 roadFactor: settings.roadFactor, speedKmh: settings.speedKmh)
        return ZoneFigures(zones: zones, summaries: summaries, points: points, agents: try store.agents())
    }

    /// What the zone map is drawn from (`zones map`, `GET /api/zones/map`), outlines included.
    /// - Complexity: O(n log n) for n located plannable accounts.
    public func zoneMap() throws -> ZoneMapInput {
        let figures = try zoneFigures()
        let names = figures.agentNames
        var labels: [String: String] = [:]
        for z in figures.zones {
            labels[z.id] = ([z.id, z.name] + [z.agentID.map { names[$0] ?? $0 }]).compactMap { $0 }.joined(separator: " · ")
        }
        let bases = figures.agents.filter(\.isActive).map {
            ZoneMapRenderer.Base(label: "\($0.id) \($0.name)", latitude: $0.base.lat, longitude: $0.base.lon)
        }
        let zoneOfPoint = figures.points.map { $0.currentZone ?? "" }
        var map = ZoneMapInput(points: figures.points, zoneOfPoint: zoneOfPoint, zones: figures.summaries, labels: labels,
                               bases: bases, outlines: ZoneOutlines.outlines(points: figures.points, zoneOfPoint: zoneOfPoint))
        if let streets = try mapStreets(around: figures.points.map { ($0.latitude, $0.longitude) } + bases.map { ($0.latitude, $0.longitude) }) {
            map.streets = streets
            map.credit = RoadGraph.credit
        }
        return map
    }

    /// The road network's pieces that come within the accounts' and bases' frame (widened a
    /// little), as polylines for a map; nil when the store has no network.
    /// - Complexity: O(shape points of the network).
    func mapStreets(around places: [(Double, Double)]) throws -> [[ZoneSummary.Coordinate]]? {
        guard !places.isEmpty, let stored = try store.roadNetwork(), let blob = stored.graph else { return nil }
        let graph = try AppError.mapping { try RoadGraph(blob: blob) }
        let lats = places.map(\.0), lons = places.map(\.1)
        let padLat = max((lats.max()! - lats.min()!) * 0.05, 0.001), padLon = max((lons.max()! - lons.min()!) * 0.05, 0.001)
        let latRange = (lats.min()! - padLat)...(lats.max()! + padLat), lonRange = (lons.min()! - padLon)...(lons.max()! + padLon)
        return graph.pieceShapes().compactMap { shape in
            guard shape.contains(where: { latRange.contains($0.lat) && lonRange.contains($0.lon) }) else { return nil }
            return shape.map { ZoneSummary.Coordinate(latitude: $0.lat, longitude: $0.lon) }
        }
    }

    /// `zones build`: cuts the located, plannable accounts into balanced, compact zones and
    /// stores them (one write); with `dryRun`, the same build and its moves, nothing stored.
    ///
    /// N counts every zone after the build, locked ones included; the N − locked zones that
    /// are built reuse the ids of the existing unlocked zones (lowest ids first), so names and
    /// agents stay where they were. Without `fresh` it is a stable rebuild: accounts keep
    /// their zone unless balance needs them to move. With `agents`, one zone per active agent
    /// without a locked zone, started at the agent's base, then given to those agents by a
    /// min-cost assignment of base-to-centre distances.
    /// - Throws: `AppError.invalid` for options out of range or that disagree;
    ///   `AppError.refused` when the locked zones leave nothing to build or no agent can take one.
    public func buildZones(_ request: ZoneBuildRequest, progress: (String) -> Void = { _ in }) throws -> ZoneBuildResult {
        if !request.agents && request.zones == nil { throw AppError.invalid("give --zones N, or --agents for one zone per active agent") }
        if let zones = request.zones, zones < 1 { throw AppError.invalid("--zones: expected at least 1, got \(zones)") }
        if let seconds = request.seconds, !(seconds > 0) { throw AppError.invalid("--seconds: expected a positive number") }
        if let cap = request.maxSeconds, let seconds = request.seconds, seconds > cap {
            throw AppError.invalid("seconds: at most \(JSONWriter.number(cap)) seconds of search here, got \(JSONWriter.number(seconds))")
        }
        if !(request.tolerance > 0 && request.tolerance < 50) { throw AppError.invalid("--tolerance: expected a per cent in (0, 50)") }
        let settings = try store.settings()
        let existing = try store.zones()
        let locked = existing.filter(\.locked)
        let unlocked = existing.filter { !$0.locked }
        let agents = try store.agents()
        let owners = Set(locked.compactMap(\.agentID))
        let active = agents.filter { $0.isActive && !owners.contains($0.id) }.sorted { $0.id < $1.id }
        var plan: [StoredZone] = []
        var anchors: [String: ZoneSpec.Anchor] = [:]
        if request.agents {
            guard !active.isEmpty else { throw AppError.refused("--agents: no active agent without a locked zone") }
            if let zones = request.zones, zones != active.count + locked.count {
                throw AppError.invalid("--zones \(zones) disagrees with --agents: \(active.count) active agents + \(locked.count) locked zones")
            }
            var free = unlocked
            var fresh = Self.newZoneIDs(count: active.count, taken: Set(existing.map(\.id)))
            for agent in active {
                let reuse = free.firstIndex { $0.agentID == agent.id } ?? free.firstIndex { $0.agentID == nil }
                var zone = reuse.map { free.remove(at: $0) } ?? StoredZone(id: fresh.removeFirst())
                zone.agentID = agent.id
                plan.append(zone)
                anchors[zone.id] = ZoneSpec.Anchor(latitude: agent.base.lat, longitude: agent.base.lon)
            }
        } else {
            let zones = request.zones!
            let count = zones - locked.count
            guard count >= 1 else {
                throw AppError.refused("--zones \(zones): \(locked.count) zones are locked; ask for more zones or unlock some")
            }
            plan = Array(unlocked.prefix(count))
            for id in Self.newZoneIDs(count: count - plan.count, taken: Set(existing.map(\.id))) { plan.append(StoredZone(id: id)) }
        }
        plan.sort { $0.id < $1.id }
        let removing = unlocked.map(\.id).filter { id in !plan.contains { $0.id == id } }

        let accounts = try store.zoningAccounts()
        let points = accounts.map {
            ZonePoint(id: $0.id, latitude: $0.lat, longitude: $0.lon,
                      serviceMinutes: Double($0.serviceMinutes ?? settings.serviceMinutes), currentZone: $0.zoneID)
        }
        let options = ZoningOptions(balance: request.balance, tolerance: request.tolerance / 100, roadFactor: settings.roadFactor,
                                    speedKmh: settings.speedKmh, fresh: request.fresh, seed: request.seed,
                                    timeLimit: (request.seconds ?? request.maxSeconds).map { .milliseconds(Int(($0 * 1000).rounded())) })
        let problem: ZoningProblem
        do {
            problem = try ZoningProblem(points: points, zones: plan.map { ZoneSpec(id: $0.id, anchor: anchors[$0.id]) },
                                        lockedZones: locked.map(\.id), options: options)
        } catch {
            throw AppError.refused(error.description)
        }
        progress("building \(plan.count) zones from \(points.count) accounts…")
        let started = ContinuousClock.now
        let result = ZoneBuilder.build(problem)
        let elapsed = ContinuousClock.now - started
        if !request.dryRun { progress("saving zones…") }
        let assignments = zip(accounts, result.zoneOfPoint).map { (accountID: $0.id, zoneID: $1) }
        // With --agents, the built zones go to the agents nearest to their centres.
        let byID = Dictionary(result.zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var pairs: [AgentZoneAssignment.Pair] = []
        if request.agents {
            pairs = Self.nearest(agents: active, zones: plan, summaries: plan.map { byID[$0.id]! })
            let agentOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.zoneID, $0.agentID) })
            for i in plan.indices { plan[i].agentID = agentOf[plan[i].id] }
        }
        if !request.dryRun {
            try AppError.mapping { try store.saveZoning(zones: plan, removing: removing, assignments: assignments) }
        }
        // The build's own figures, in id order (no second pass over the accounts).
        let listed = (plan + locked).sorted { $0.id < $1.id }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return ZoneBuildResult(built: plan.count, locked: locked.count, accounts: points.count, seconds: seconds,
                               moved: result.moved, previouslyZoned: result.previouslyZoned, removed: removing,
                               maxLoadRatio: result.maxLoadRatio, minLoadRatio: result.minLoadRatio,
                               figures: ZoneFigures(zones: listed, summaries: listed.map { byID[$0.id]! }, agents: agents),
                               assignment: pairs, moves: ZoneMoves(before: accounts.map(\.zoneID), after: result.zoneOfPoint),
                               dryRun: request.dryRun)
    }

    /// One zone as stored, for an edge that answers the zone it has just changed.
    /// - Throws: `AppError.notFound` for an unknown zone.
    public func zone(_ id: String) throws -> StoredZone {
        guard let zone = try store.zones().first(where: { $0.id == id }) else {
            throw AppError.notFound(ZoneStoreError.unknownZone(id).description)
        }
        return zone
    }

    /// `zones assign ZONE AGENT` (nil: no agent).
    /// - Throws: `AppError.notFound` for an unknown zone or agent.
    public func assignZone(_ zone: String, to agent: String?) throws {
        try AppError.mapping { try store.assignZone(zone, to: agent) }
    }

    /// `zones assign --nearest`: the zones stay as they are; the unlocked ones go to the
    /// active agents who have no locked zone, by a min-cost assignment of base-to-centre
    /// distances (one write). Zones left over get no agent.
    /// - Throws: `AppError.refused` without unlocked zones or without such agents.
    public func assignZonesToNearestAgents() throws -> ZoneAssignmentResult {
        let figures = try zoneFigures()
        let owners = Set(figures.zones.filter(\.locked).compactMap(\.agentID))
        let active = figures.agents.filter { $0.isActive && !owners.contains($0.id) }.sorted { $0.id < $1.id }
        let open = zip(figures.zones, figures.summaries).filter { !$0.0.locked }
        guard !open.isEmpty else { throw AppError.refused("--nearest: no unlocked zones (zones build first)") }
        guard !active.isEmpty else { throw AppError.refused("--nearest: no active agent without a locked zone") }
        let pairs = Self.nearest(agents: active, zones: open.map(\.0), summaries: open.map(\.1))
        let agentOf = Dictionary(uniqueKeysWithValues: pairs.map { ($0.zoneID, $0.agentID) })
        try AppError.mapping { try store.assignZones(Dictionary(uniqueKeysWithValues: open.map { ($0.0.id, agentOf[$0.0.id]) })) }
        return ZoneAssignmentResult(pairs: pairs, agents: figures.agents, unassigned: open.map(\.0.id).filter { agentOf[$0] == nil })
    }

    /// `zones rename ZONE NAME`: the name kept, trimmed (nil: an empty name clears it).
    /// - Throws: `AppError.notFound` for an unknown zone.
    @discardableResult
    public func renameZone(_ zone: String, to name: String) throws -> String? {
        let trimmed = name.trimmingSpaces
        let kept = trimmed.isEmpty ? nil : trimmed
        try AppError.mapping { try store.renameZone(zone, to: kept) }
        return kept
    }

    /// `zones lock` / `zones unlock`.
    /// - Throws: `AppError.notFound` for an unknown zone.
    public func setZoneLocked(_ zone: String, _ locked: Bool) throws {
        try AppError.mapping { try store.setZoneLocked(zone, locked) }
    }

    /// The nearest-base assignment of `zones` (summaries in the same order) to `agents`.
    static func nearest(agents: [Agent], zones: [StoredZone], summaries: [ZoneSummary]) -> [AgentZoneAssignment.Pair] {
        AgentZoneAssignment.nearest(
            agents: agents.map { AgentZoneAssignment.Site(id: $0.id, latitude: $0.base.lat, longitude: $0.base.lon) },
            zones: zip(zones, summaries).map { z, s in
                (z.id, s.centroid.map { AgentZoneAssignment.Site(id: z.id, latitude: $0.latitude, longitude: $0.longitude) })
            })
    }

    /// The first `count` ids Z01, Z02… not taken (three digits from Z100 on).
    public static func newZoneIDs(count: Int, taken: Set<String>) -> [String] {
        var out: [String] = []
        var n = 1
        while out.count < count {
            let id = n < 100 ? String(format: "Z%02d", n) : "Z\(n)"
            if !taken.contains(id) { out.append(id) }
            n += 1
        }
        return out
    }
}
