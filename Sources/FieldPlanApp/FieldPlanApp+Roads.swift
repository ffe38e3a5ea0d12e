import FieldPlanCore
import FieldPlanPlanning
import FieldPlanRoads
import FieldPlanStore
import Foundation

extension FieldPlanApp {
    /// `roads import`: reads an OSM PBF extract (its bytes, read by the edge), keeps the ways
    /// `profile` may use as a routable network and stores it in place of any earlier one, in
    /// one transaction. The whole file is read and the graph built before the store is
    /// touched, so a corrupt or truncated file changes nothing.
    /// - Parameter progress: a line now and then (the share of the file read, then each stage).
    /// - Throws: `AppError.invalid` naming the file, block and byte offset of what cannot be
    ///   read, or an extract with no usable road.
    /// - Complexity: O(file) to read, O(nodes log nodes) to build; one write.
    public func importRoads(bytes: [UInt8], file: String, profile: RoadProfile,
                            progress: (String) -> Void = { _ in }) throws -> RoadImportResult {
        let started = Date()
        var builder = RoadGraphBuilder(profile: profile)
        var lastShown = -1
        let counts: OSMPBFReader.Counts
        do {
            counts = try OSMPBFReader(bytes: bytes, file: file).read(
                node: { builder.addNode($0, lat: $1, lon: $2) },
                nodeTags: { builder.addNodeTags($0, $1) },
                way: { builder.addWay($0) },
                relation: { builder.addRelation($0) },
                progress: { done, total in
                    let percent = total > 0 ? done * 100 / total : 100
                    if percent / 10 != lastShown / 10 { lastShown = percent; progress("reading \(file): \(percent)%") }
                })
        } catch {
            throw AppError.invalid(error.description)
        }
        let usable = builder.wayCount
        progress("building the \(profile.rawValue) network from \(usable) ways…")
        let graph = builder.build()
        guard graph.edgeCount > 0 else { throw AppError.invalid("\(file): no road usable by \(profile.rawValue) in the extract") }
        let turns = TurnGraph(graph)
        progress("contracting \(graph.edgeCount) edges and their \(turns.arcCount) turns for fast matrices…")
        let hierarchy = ContractionHierarchy(turns)
        progress("storing \(graph.vertexCount) junctions, \(graph.edgeCount) edges, \(turns.arcCount) turns and \(hierarchy.edgeCount - turns.arcCount) shortcuts…")
        try store.saveRoadNetwork(StoredRoadNetwork(profile: profile.rawValue, source: file, importedAt: Int64(Date().timeIntervalSince1970),
                                                    vertices: graph.vertexCount, edges: graph.edgeCount, km: graph.pieceMetres / 1000,
                                                    graph: graph.blob(hierarchy: hierarchy)))
        return RoadImportResult(file: file, profile: profile, counts: counts, usableWays: usable, graph: graph,
                                seconds: Date().timeIntervalSince(started))
    }

    /// The stored road network as a travel model, with the store's `snap_limit_m`.
    /// - Throws: `AppError.refused` when no network was imported.
    public func roadModel(settings: Settings? = nil) throws -> RoadTravelModel {
        let settings = try settings ?? store.settings()
        guard let stored = try store.roadNetwork(), let blob = stored.graph else {
            throw AppError.refused("no road network in the store: import one with fieldplan roads import FILE.osm.pbf")
        }
        let network = try AppError.mapping { try RoadGraph.network(blob: blob) }
        return RoadTravelModel(graph: network.graph, hierarchy: network.hierarchy, snapLimitMetres: settings.snapLimitMetres)
    }

    /// The model the `travel` setting names, made once per use case and handed to the pure
    /// planner, checker and editor as a value.
    /// - Throws: `AppError.refused` for `roads` without a network and for `osrm` without `osrm_url`.
    public func travelModel(settings: Settings) throws -> any TravelMatrixSource {
        switch settings.travel {
        case .straight: return settings.travelModel
        case .roads: return try roadModel(settings: settings)
        case .osrm: return try osrmModel(settings: settings)
        }
    }

    /// The accounts among `accounts` that `travel` cannot reach, with the reason a plan gives;
    /// empty for a model that reaches everywhere.
    func offRoad(_ accounts: [Account], travel: any TravelMatrixSource) -> [String: String] {
        guard let roads = travel as? RoadTravelModel else { return [:] }
        var out: [String: String] = [:]
        for a in accounts {
            guard let at = a.location, let place = Self.offRoadPlace(kind: "account", id: a.id, at: at, roads) else { continue }
            out[a.id] = place.reason(limit: roads.snapLimitMetres)
        }
        return out
    }

    /// The base of a working agent must be on the network: a plan cannot start elsewhere.
    func checkBases(_ agents: [Agent], travel: any TravelMatrixSource) throws {
        guard let roads = travel as? RoadTravelModel else { return }
        for a in agents {
            if let place = Self.offRoadPlace(kind: "base", id: a.id, at: a.base, roads) {
                throw AppError.refused("\(a.id)'s base is \(place.reason(limit: roads.snapLimitMetres)); move the base or raise snap_limit_m")
            }
        }
    }

    static func offRoadPlace(kind: String, id: String, at: Coordinate, _ roads: RoadTravelModel) -> OffRoadPlace? {
        do {
            _ = try roads.snap(at)
            return nil
        } catch {
            if case .offRoad(_, let nearest, _) = error { return OffRoadPlace(kind: kind, id: id, at: at, nearestMetres: nearest.map { Int($0.rounded()) }) }
            return OffRoadPlace(kind: kind, id: id, at: at, nearestMetres: nil)
        }
    }

    /// `roads unreachable`: every located account and every base farther than `snap_limit_m`
    /// from the stored network's usable roads.
    /// - Complexity: one spatial-index query per place.
    public func unreachablePlaces() throws -> (limit: Int, places: [OffRoadPlace]) {
        let roads = try roadModel()
        let places = try store.locatedPlaces().compactMap { Self.offRoadPlace(kind: $0.kind, id: $0.id, at: $0.at, roads) }
        return (roads.snapLimitMetres, places)
    }

    /// `roads route A B`: the fastest route on the stored network.
    /// - Throws: `AppError.refused` without a network or for an end off the network.
    public func roadRoute(from a: Coordinate, to b: Coordinate) throws -> RoadRoute {
        let settings = try store.settings()
        if settings.travel == .osrm { return try osrmRoute(from: a, to: b, settings: settings) }
        let roads = try roadModel(settings: settings)
        let r = try AppError.mapping { try roads.route(from: a, to: b) }
        return RoadRoute(seconds: r.leg.seconds, metres: r.leg.metres, path: r.path,
                         fromJoinMetres: r.from.distanceMetres, toJoinMetres: r.to.distanceMetres)
    }

    /// `roads matrix` (for `scripts/bench-roads`): an N × N matrix between seeded points along
    /// the stored network, and the seconds it took (the network's loading not counted).
    public func sampleRoadMatrix(points count: Int, seed: UInt64) throws -> (matrix: TravelMatrix, seconds: Double) {
        let roads = try roadModel()
        let points = Array(roads.graph.samplePoints(seed: seed, doorMetres: 0).prefix(count))
        let started = Date()
        let matrix = try AppError.mapping { try roads.matrix(from: points, to: points) }
        return (matrix, Date().timeIntervalSince(started))
    }
}
