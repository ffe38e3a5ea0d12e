import FieldPlanCore
import FieldPlanRoads
import Foundation
import Testing

/// The road graph and its searches: profiles' rules on tags, one-way streets on a hand-built
/// block, and seeded properties on the Monaco network (matrices equal a plain Dijkstra,
/// times keep the triangle inequality, a leg equals its matrix entry).
struct RoadGraphTests {
    // A square block of about 111 m sides: A(0,0) B(0,1) C(1,1) D(1,0) in thousandths of a degree.
    static func block(onewayAB: String?) -> RoadGraph {
        var b = RoadGraphBuilder(profile: .car)
        let base = (lat: 1.0, lon: 1.0)
        for (id, dlat, dlon) in [(1, 0.0, 0.0), (2, 0.0, 0.001), (3, 0.001, 0.001), (4, 0.001, 0.0)] as [(Int64, Double, Double)] {
            b.addNode(id, lat: base.lat + dlat, lon: base.lon + dlon)
        }
        var ab = ["highway": "residential"]
        if let onewayAB { ab["oneway"] = onewayAB }
        b.addWay(OSMWay(id: 10, refs: [1, 2], tags: ab))
        b.addWay(OSMWay(id: 11, refs: [2, 3, 4, 1], tags: ["highway": "residential"]))
        return b.build()
    }

    static let a = Coordinate(lat: 1.0, lon: 1.0)!
    static let bPoint = Coordinate(lat: 1.0, lon: 1.001)!

    @Test func oneWayStreetsAreHonoured() throws {
        let two = RoadTravelModel(graph: Self.block(onewayAB: nil), snapLimitMetres: 50)
        let one = RoadTravelModel(graph: Self.block(onewayAB: "yes"), snapLimitMetres: 50)
        let back = RoadTravelModel(graph: Self.block(onewayAB: "-1"), snapLimitMetres: 50)
        let side = 1.0 * 0.001 * Double.pi / 180 * 6_371_008.8
        // Both ways direct when two-way; A → B direct but B → A round the other three sides when one-way.
        #expect(abs(Double(try two.leg(from: Self.a, to: Self.bPoint).metres) - side) < 2)
        #expect(abs(Double(try two.leg(from: Self.bPoint, to: Self.a).metres) - side) < 2)
        #expect(abs(Double(try one.leg(from: Self.a, to: Self.bPoint).metres) - side) < 2)
        #expect(try one.leg(from: Self.bPoint, to: Self.a).metres > Int(2.9 * side))
        // oneway=-1 is the other way round.
        #expect(try back.leg(from: Self.a, to: Self.bPoint).metres > Int(2.9 * side))
        #expect(abs(Double(try back.leg(from: Self.bPoint, to: Self.a).metres) - side) < 2)
        // 25 km/h residential: 111 m in about 16 s.
        #expect(try two.leg(from: Self.a, to: Self.bPoint).seconds == Int((side / (25 / 3.6)).rounded()))
        // The path of the way round passes C and D.
        let path = try one.path(from: Self.bPoint, to: Self.a)
        #expect(path.count == 4)
        #expect(path.first == Self.bPoint && path.last == Self.a)
    }

    @Test func aPointMidwayOnAOneWayStreetGoesOnlyForward() throws {
        let one = RoadTravelModel(graph: Self.block(onewayAB: "yes"), snapLimitMetres: 50)
        let mid = Coordinate(lat: 1.00001, lon: 1.0005)!   // a metre off the middle of A–B
        let side = 0.001 * Double.pi / 180 * 6_371_008.8
        #expect(abs(Double(try one.leg(from: mid, to: Self.bPoint).metres) - side / 2) < 2)
        #expect(try one.leg(from: mid, to: Self.a).metres > Int(3.4 * side))
        #expect(try one.leg(from: mid, to: mid).seconds == 0)
    }

    @Test func pointsBeyondTheSnapLimitAreRefused() {
        let model = RoadTravelModel(graph: Self.block(onewayAB: nil), snapLimitMetres: 50)
        let far = Coordinate(lat: 1.0015, lon: 1.0005)!   // about 55 m north of C–D
        #expect(throws: RoadError.self) { _ = try model.snap(far) }
        do { _ = try model.snap(far) } catch {
            #expect(error.description.contains("m from the nearest usable road (snap_limit_m 50)"))
        }
    }

    @Test(arguments: [
        (["highway": "residential"], RoadProfile.Use(forward: true, backward: true, kmh: 25)),
        (["highway": "primary", "oneway": "yes"], RoadProfile.Use(forward: true, backward: false, kmh: 65)),
        (["highway": "primary", "oneway": "-1"], RoadProfile.Use(forward: false, backward: true, kmh: 65)),
        (["highway": "tertiary", "junction": "roundabout"], RoadProfile.Use(forward: true, backward: false, kmh: 40)),
        (["highway": "secondary", "maxspeed": "50"], RoadProfile.Use(forward: true, backward: true, kmh: 40)),
        (["highway": "secondary", "maxspeed": "30 mph"], RoadProfile.Use(forward: true, backward: true, kmh: 30 * 1.609344 * 0.8)),
        (["highway": "motorway"], RoadProfile.Use(forward: true, backward: false, kmh: 90)),
        // car.lua: zone codes by its table, advisory limits first, rough surfaces cap the speed,
        // parking aisles keep the service speed (OSRM penalises their weight, not their time).
        (["highway": "secondary", "maxspeed": "FR:urban"], RoadProfile.Use(forward: true, backward: true, kmh: 40)),
        (["highway": "secondary", "maxspeed": "RU:urban"], RoadProfile.Use(forward: true, backward: true, kmh: 48)),
        (["highway": "primary", "maxspeed": "50", "maxspeed:advisory": "30"], RoadProfile.Use(forward: true, backward: true, kmh: 24)),
        (["highway": "residential", "surface": "sett"], RoadProfile.Use(forward: true, backward: true, kmh: 25)),
        (["highway": "primary", "surface": "cobblestone"], RoadProfile.Use(forward: true, backward: true, kmh: 30)),
        (["highway": "service", "service": "parking_aisle"], RoadProfile.Use(forward: true, backward: true, kmh: 15)),
        (["highway": "road", "access": "yes"], RoadProfile.Use(forward: true, backward: true, kmh: 10)),
    ])
    func carProfileReadsTags(_ tags: [String: String], _ expected: RoadProfile.Use) {
        #expect(RoadProfile.car.use(tags) == expected)
    }

    @Test func accessTagsExclude() {
        #expect(RoadProfile.car.use(["highway": "residential", "access": "private"]) == nil)
        #expect(RoadProfile.car.use(["highway": "residential", "motor_vehicle": "no"]) == nil)
        #expect(RoadProfile.car.use(["highway": "residential", "access": "no", "motor_vehicle": "yes"]) != nil)
        #expect(RoadProfile.car.use(["highway": "footway"]) == nil)
        #expect(RoadProfile.car.use(["highway": "road"]) == nil)   // car.lua has no speed for it
        #expect(RoadProfile.motorbike.use(["highway": "residential", "motorcycle": "no"]) == nil)
        #expect(RoadProfile.foot.use(["highway": "footway"])?.kmh == 5)
        #expect(RoadProfile.foot.use(["highway": "motorway"]) == nil)
        #expect(RoadProfile.foot.use(["highway": "residential", "foot": "no"]) == nil)
        // One-way streets are two-way on foot.
        #expect(RoadProfile.foot.use(["highway": "residential", "oneway": "yes"]) == RoadProfile.Use(forward: true, backward: true, kmh: 5))
    }

    @Test func blobRoundTrips() throws {
        let g = Self.block(onewayAB: "yes")
        #expect(try RoadGraph(blob: g.blob()) == g)
        #expect(throws: RoadError.self) { _ = try RoadGraph(blob: Array(g.blob().dropLast(3))) }
        #expect(throws: RoadError.self) { _ = try RoadGraph(blob: Array("not a graph".utf8)) }
        // With its hierarchy (version 3, of the turn graph), which loads as it was stored; cut short, it is refused.
        let h = ContractionHierarchy(g)
        let stored = try RoadGraph.network(blob: g.blob(hierarchy: h))
        #expect(stored.graph == g && stored.hierarchy == h)
        #expect(try RoadGraph.network(blob: g.blob()).hierarchy == nil)
        #expect(throws: RoadError.self) { _ = try RoadGraph.network(blob: Array(g.blob(hierarchy: h).dropLast(8))) }
    }

    static let monaco: RoadGraph = {
        let data = FileManager.default.contents(atPath: OSMPBFReaderTests.monacoPath)!
        var b = RoadGraphBuilder(profile: .car)
        _ = try! OSMPBFReader(bytes: [UInt8](data), file: "monaco").read(node: { b.addNode($0, lat: $1, lon: $2) }, way: { b.addWay($0) },
                                                                         relation: { b.addRelation($0) })
        return b.build()
    }()

    /// Plain Dijkstra over the graph's vertices (no early stop, no joins), as the reference.
    static func dijkstra(_ g: RoadGraph, from s: Int) -> [Double] {
        var dist = [Double](repeating: .infinity, count: g.vertexCount)
        var done = [Bool](repeating: false, count: g.vertexCount)
        dist[s] = 0
        var frontier: Set<Int> = [s]
        while let u = frontier.min(by: { (dist[$0], $0) < (dist[$1], $1) }) {
            frontier.remove(u)
            done[u] = true
            for e in Int(g.edgeStart[u])..<Int(g.edgeStart[u + 1]) {
                let v = Int(g.edgeTarget[e])
                if !done[v] && dist[u] + g.edgeSeconds[e] < dist[v] { dist[v] = dist[u] + g.edgeSeconds[e]; frontier.insert(v) }
            }
        }
        return dist
    }

    @Test func monacoNetworkIsConnectedAndSized() {
        let g = Self.monaco
        #expect(g.vertexCount > 500)
        #expect(g.edgeCount > g.vertexCount)
        // Every vertex reaches every other (the largest strongly connected part).
        let d = Self.dijkstra(g, from: 0)
        #expect(d.allSatisfy { $0.isFinite })
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func matricesEqualAnEdgeBasedDijkstraOnTheGraph(seed: UInt64) throws {
        let g = Self.monaco
        let model = RoadTravelModel(graph: g, snapLimitMetres: 500)
        var rng = SeededGenerator(seed: seed)
        let origins = (0..<3).map { _ in Int.random(in: 0..<g.vertexCount, using: &rng) }
        let targets = (0..<30).map { _ in Int.random(in: 0..<g.vertexCount, using: &rng) }
        func at(_ v: Int) -> Coordinate { Coordinate(lat: g.vertexLat[v], lon: g.vertexLon[v])! }
        let m = try model.matrix(from: origins.map(at), to: targets.map(at))
        for (r, o) in origins.enumerated() {
            let reference = TurnGraphTests.reference(g, from: try model.snap(at(o)))
            for (c, t) in targets.enumerated() {
                #expect(abs(Double(m[r, c].seconds) - reference(try model.snap(at(t)))) <= 0.5001, "\(o) → \(t)")
            }
        }
    }

    /// With turn costs the triangle inequality holds only through a point on a one-way
    /// piece: a trip to it and one from it then drive the piece the same way, so together
    /// they are one route (no turn at the join). Through a point on a two-way street the
    /// second trip may leave the other way, which mid-street no car can do (it would be a
    /// free U-turn), so the sum may be less than any real route.
    @Test(arguments: [7, 8] as [UInt64])
    func timesKeepTheTriangleInequalityThroughOneWayPiecesAndLegsEqualMatrices(seed: UInt64) throws {
        let model = RoadTravelModel(graph: Self.monaco, snapLimitMetres: 500)
        var rng = SeededGenerator(seed: seed)
        // Random points in Monaco (43.725–43.750 N, 7.405–7.440 E) that join the network.
        var points: [Coordinate] = []
        while points.count < 25 {
            let p = Coordinate(lat: Double.random(in: 43.725...43.750, using: &rng), lon: Double.random(in: 7.405...7.440, using: &rng))!
            if (try? model.snap(p)) != nil { points.append(p) }
        }
        var vias: [Coordinate] = []
        while vias.count < 10 {
            let p = Coordinate(lat: Double.random(in: 43.725...43.750, using: &rng), lon: Double.random(in: 7.405...7.440, using: &rng))!
            guard let s = try? model.snap(p) else { continue }
            if model.graph.pieceForward[Int(s.piece)] < 0 || model.graph.pieceBackward[Int(s.piece)] < 0 { vias.append(p) }
        }
        let all = points + vias
        let m = try model.matrix(from: all, to: all)
        for i in points.indices {
            #expect(m[i, i].seconds == 0)
            for j in points.count..<all.count {
                // Rounded to whole seconds: each side may be half a second off.
                for k in points.indices { #expect(m[i, k].seconds <= m[i, j].seconds + m[j, k].seconds + 1) }
            }
        }
        for _ in 0..<10 {
            let i = Int.random(in: 0..<points.count, using: &rng), j = Int.random(in: 0..<points.count, using: &rng)
            #expect(try model.leg(from: points[i], to: points[j]) == m[i, j])
        }
        // A route is at least as long as the straight line between the joins.
        for i in 0..<5 {
            let s = try model.snap(points[i]).point, t = try model.snap(points[i + 5]).point
            #expect(Double(m[i, i + 5].metres) >= s.greatCircleMetres(to: t) - 1)
        }
    }
}
