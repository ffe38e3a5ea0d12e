import FieldPlanCore
@testable import FieldPlanRoads
import Foundation
import Testing

/// Turn costs, U-turns, restrictions and obstacles on hand-built junctions, and the
/// edge-based matrices against a plain edge-based Dijkstra written here from the rules
/// (not from `TurnGraph`'s arcs) on seeded towns.
struct TurnGraphTests {
    /// Nodes on a grid of `step` degrees around (1, 1): id → (row, column).
    static func builder(_ nodes: [Int64: (Double, Double)], step: Double = 0.001) -> RoadGraphBuilder {
        var b = RoadGraphBuilder(profile: .car)
        for (id, rc) in nodes.sorted(by: { $0.key < $1.key }) { b.addNode(id, lat: 1 + rc.0 * step, lon: 1 + rc.1 * step) }
        return b
    }

    static func at(_ r: Double, _ c: Double, step: Double = 0.001) -> Coordinate { Coordinate(lat: 1 + r * step, lon: 1 + c * step)! }

    static func restriction(_ kind: String, from: Int64, via: Int64, to: Int64) -> OSMRelation {
        OSMRelation(id: 1, members: [.init(type: .way, id: from, role: "from"), .init(type: .node, id: via, role: "via"),
                                     .init(type: .way, id: to, role: "to")],
                    tags: ["type": "restriction", "restriction": kind])
    }

    @Test func turnCostsFollowCarLua() {
        // car.lua's sigmoid by hand: 7.5 / (1 + e^-(13/1.075 · a/180 − 6.5 · 1.075)) to the right,
        // 7.5 / (1 + e^-(13 · 1.075 · |a|/180 − 6.5/1.075)) + 2 / (1 + e^-(13 |a|/180 − 3.25)) to the left.
        #expect(abs(TurnGraph.turnSeconds(angle: 90, roads: 3, uTurn: false, roundabout: false) - 2.1052) < 0.001)
        #expect(abs(TurnGraph.turnSeconds(angle: -90, roads: 3, uTurn: false, roundabout: false) - 7.3202) < 0.001)
        #expect(abs(TurnGraph.turnSeconds(angle: -90, roads: 3, uTurn: false, roundabout: true) - 5.3948) < 0.001)
        #expect(TurnGraph.turnSeconds(angle: 0, roads: 4, uTurn: false, roundabout: false) < 0.01)
        // Where only two roads meet a bend costs nothing; a U-turn costs 7.45 + 20 s anywhere.
        #expect(TurnGraph.turnSeconds(angle: -90, roads: 2, uTurn: false, roundabout: false) == 0)
        #expect(abs(TurnGraph.turnSeconds(angle: 180, roads: 1, uTurn: true, roundabout: false) - 27.4548) < 0.001)
    }

    /// A T at B (1): A (2) to the west, C (3) to the east, D (4) to the north, every street
    /// two-way and C, D dead ends.
    static func tee(_ rules: [OSMRelation] = []) -> RoadGraph {
        var b = builder([1: (0, 0), 2: (0, -1), 3: (0, 1), 4: (1, 0)])
        let street = ["highway": "residential"]
        b.addWay(OSMWay(id: 10, refs: [2, 1], tags: street))
        b.addWay(OSMWay(id: 11, refs: [1, 3], tags: street))
        b.addWay(OSMWay(id: 12, refs: [1, 4], tags: street))
        for r in rules { b.addRelation(r) }
        return b.build()
    }

    @Test func aUTurnIsOnlyAtADeadEndAndCostsItsPenalty() throws {
        let g = Self.tee()
        let turns = TurnGraph(g)
        let junction = try #require((0..<g.vertexCount).first { abs(g.vertexLat[$0] - 1) < 1e-9 && abs(g.vertexLon[$0] - 1) < 1e-9 })
        for e in 0..<g.edgeCount {
            let p = Int(g.edgePiece[e])
            let reverse = g.pieceForward[p] == Int32(e) ? g.pieceBackward[p] : g.pieceForward[p]
            let arcs = Int(turns.arcStart[e])..<Int(turns.arcStart[e + 1])
            let uTurn = arcs.first { turns.arcTarget[$0] == reverse }
            if g.edgeTarget[e] == Int32(junction) {
                #expect(uTurn == nil, "no U-turn at the T")
                #expect(arcs.count == 2)
            } else {
                let a = try #require(uTurn, "a U-turn at the dead end")
                #expect(abs(turns.arcSeconds[a] - g.edgeSeconds[Int(reverse)] - 27.4548) < 0.001)
            }
        }
    }

    @Test func aForbiddenTurnMakesTheRouteGoRound() throws {
        // From A's street into D's: a left turn, banned; the trip goes on to C's dead end,
        // turns round (a U-turn, 27.45 s) and comes back to turn right into D's street.
        let free = RoadTravelModel(graph: Self.tee(), snapLimitMetres: 50)
        let banned = RoadTravelModel(graph: Self.tee([Self.restriction("no_left_turn", from: 10, via: 1, to: 12)]), snapLimitMetres: 50)
        let only = RoadTravelModel(graph: Self.tee([Self.restriction("only_straight_on", from: 10, via: 1, to: 11)]), snapLimitMetres: 50)
        #expect(banned.graph.bannedFrom.count == 1)
        #expect(only.graph.bannedFrom.count == 2)   // into D's street and back into A's
        let west = Self.at(0, -0.5), north = Self.at(0.5, 0)
        let direct = try free.leg(from: west, to: north)
        let side = 0.001 * Double.pi / 180 * 6_371_008.8
        #expect(abs(Double(direct.metres) - side) < 2)
        for model in [banned, only] {
            let round = try model.leg(from: west, to: north)
            #expect(abs(Double(round.metres) - 3 * side) < 3)
            let bc = side / (25 / 3.6)
            let expected = Double(direct.seconds) + 2 * bc + 27.4548
                + TurnGraph.turnSeconds(angle: 90, roads: 3, uTurn: false, roundabout: false)
                - TurnGraph.turnSeconds(angle: -90, roads: 3, uTurn: false, roundabout: false)
            #expect(abs(Double(round.seconds) - expected) <= 1.5)
            #expect(model.matrix(from: [try model.snap(west)], to: [try model.snap(north)])[0, 0] == round)
            // The path goes to C's end and back.
            let path = try model.path(from: west, to: north)
            #expect(path.contains { abs($0.lon - 1.001) < 1e-9 })
        }
        // The other way (D to A: a right turn) is not banned.
        #expect(try banned.leg(from: north, to: west) == free.leg(from: north, to: west))
    }

    @Test func trafficSignalsCostTwoSecondsEachWayOrTheirDirection() throws {
        // A straight street 1–2–3 with a signal at node 2 (not a junction), and one at the
        // junction 3 of a T (3 with 4 to the north, 5 to the east).
        func street(_ signal: [String: String]?) -> RoadGraph {
            var b = Self.builder([1: (0, 0), 2: (0, 1), 3: (0, 2), 4: (1, 2), 5: (0, 3)])
            if let signal { b.addNodeTags(2, signal) }
            b.addNodeTags(3, ["highway": "traffic_signals"])
            b.addWay(OSMWay(id: 10, refs: [1, 2, 3], tags: ["highway": "residential"]))
            b.addWay(OSMWay(id: 11, refs: [3, 4], tags: ["highway": "residential"]))
            b.addWay(OSMWay(id: 12, refs: [3, 5], tags: ["highway": "residential"]))
            return b.build()
        }
        let plain = RoadTravelModel(graph: street(nil), snapLimitMetres: 50)
        let both = RoadTravelModel(graph: street(["highway": "traffic_signals"]), snapLimitMetres: 50)
        let forward = RoadTravelModel(graph: street(["highway": "traffic_signals", "traffic_signals:direction": "forward"]), snapLimitMetres: 50)
        let a = Self.at(0, 0.5), b = Self.at(0, 1.5)
        #expect(try both.leg(from: a, to: b).seconds == plain.leg(from: a, to: b).seconds + 2)
        #expect(try both.leg(from: b, to: a).seconds == plain.leg(from: b, to: a).seconds + 2)
        // One for a single direction stays inside its piece, which pays it that way.
        let one = Self.at(0, 0), three = Self.at(0, 2)
        #expect(try forward.leg(from: one, to: three).seconds == plain.leg(from: one, to: three).seconds + 2)
        #expect(try forward.leg(from: three, to: one).seconds == plain.leg(from: three, to: one).seconds)
        // Straight on through the signalled junction 3: 2 s and a turn of 0°.
        let east = Self.at(0, 2.5)
        let s = try plain.leg(from: b, to: east).seconds
        let side = 0.001 * Double.pi / 180 * 6_371_008.8
        #expect(abs(Double(s) - (side / (25 / 3.6) + 2)) <= 1)
        #expect(plain.graph.vertexDelay.contains(2))
    }

    @Test func aBollardCutsTheStreetAndAGateCostsAMinute() throws {
        // A square of 1.1 km sides (long enough that a gate's minute beats going round):
        // 1 (0,0), 2 (0,1), 3 (1,1), 4 (1,0); the south side 1–5–2 has node 5 in its middle.
        func square(_ tags: [String: String]?) -> RoadGraph {
            var b = Self.builder([1: (0, 0), 2: (0, 1), 3: (1, 1), 4: (1, 0), 5: (0, 0.5)], step: 0.01)
            if let tags { b.addNodeTags(5, tags) }
            b.addWay(OSMWay(id: 10, refs: [1, 5, 2], tags: ["highway": "residential"]))
            b.addWay(OSMWay(id: 11, refs: [2, 3, 4, 1], tags: ["highway": "residential"]))
            return b.build()
        }
        let side = 0.01 * Double.pi / 180 * 6_371_008.8
        let west = Self.at(0, 0.25, step: 0.01), east = Self.at(0, 0.75, step: 0.01)
        let open = RoadTravelModel(graph: square(nil), snapLimitMetres: 50)
        #expect(abs(Double(try open.leg(from: west, to: east).metres) - side / 2) < 5)
        let bollard = RoadTravelModel(graph: square(["barrier": "bollard"]), snapLimitMetres: 50)
        #expect(abs(Double(try bollard.leg(from: west, to: east).metres) - 3.5 * side) < 10)
        #expect(RoadTravelModel(graph: square(["barrier": "bollard", "bollard": "rising"]), snapLimitMetres: 50).graph == open.graph)
        let gate = RoadTravelModel(graph: square(["barrier": "gate"]), snapLimitMetres: 50)
        #expect(try gate.leg(from: west, to: east).seconds == open.leg(from: west, to: east).seconds + 60)
        // A gate with an access tag that lets a car through costs nothing, one that shuts it cuts.
        #expect(try RoadTravelModel(graph: square(["barrier": "gate", "access": "yes"]), snapLimitMetres: 50).leg(from: west, to: east)
            == open.leg(from: west, to: east))
        #expect(try RoadTravelModel(graph: square(["barrier": "gate", "access": "no"]), snapLimitMetres: 50).leg(from: west, to: east).metres
            > Int(3 * side))
    }

    // MARK: the matrices against a plain edge-based search

    /// Plain Dijkstra over (edge) states from the rules: a turn from edge `e` into `e2` at
    /// their vertex is allowed unless banned, and a U-turn only when nothing else is; it
    /// costs the vertex's delay, `turnSeconds` of the roads' bearings, and `e2`'s seconds.
    static func reference(_ g: RoadGraph, from o: RoadSnap) -> (RoadSnap) -> Double {
        var roads = [Int](repeating: 0, count: g.vertexCount)
        for p in 0..<g.pieceCount { roads[Int(g.pieceFrom[p])] += 1; roads[Int(g.pieceTo[p])] += 1 }
        for v in 0..<g.vertexCount { roads[v] = max(roads[v], Int(g.vertexRoads[v])) }
        let banned = Set(zip(g.bannedFrom, g.bannedTo).map { Int($0) * 1_000_000 + Int($1) })
        func reverse(_ e: Int) -> Int { let p = Int(g.edgePiece[e]); return Int(g.pieceForward[p] == Int32(e) ? g.pieceBackward[p] : g.pieceForward[p]) }
        func turns(_ e: Int) -> [(Int, Double)] {
            let v = Int(g.edgeTarget[e])
            let outs = (Int(g.edgeStart[v])..<Int(g.edgeStart[v + 1])).filter { !banned.contains(e * 1_000_000 + $0) }
            let others = outs.filter { $0 != reverse(e) }
            return (others.isEmpty ? outs : others).map { e2 in
                let u = e2 == reverse(e)
                let angle = u ? 180 : TurnGraph.angle(from: TurnGraph.bearing(g, edge: e, atEnd: true), to: TurnGraph.bearing(g, edge: e2, atEnd: false))
                let round = g.isRoundabout(Int(g.edgePiece[e])) || g.isRoundabout(Int(g.edgePiece[e2]))
                return (e2, g.vertexDelay[v] + TurnGraph.turnSeconds(angle: angle, roads: roads[v], uTurn: u, roundabout: round))
            }
        }
        var dist = [Double](repeating: .infinity, count: g.edgeCount)
        let p = Int(o.piece), f = o.fraction
        var frontier: Set<Int> = []
        if g.pieceForward[p] >= 0 { let e = Int(g.pieceForward[p]); dist[e] = (1 - f) * g.edgeSeconds[e]; frontier.insert(e) }
        if g.pieceBackward[p] >= 0 { let e = Int(g.pieceBackward[p]); dist[e] = f * g.edgeSeconds[e]; frontier.insert(e) }
        var done = [Bool](repeating: false, count: g.edgeCount)
        var enter: [Int: [(Int, Double)]] = [:]   // edge → the turns into it: (from, cost)
        while let e = frontier.min(by: { (dist[$0], $0) < (dist[$1], $1) }) {
            frontier.remove(e)
            done[e] = true
            for (e2, cost) in turns(e) {
                enter[e2, default: []].append((e, cost))
                if !done[e2] && dist[e] + cost + g.edgeSeconds[e2] < dist[e2] { dist[e2] = dist[e] + cost + g.edgeSeconds[e2]; frontier.insert(e2) }
            }
        }
        return { d in
            var best = g.alongSharedPiece(from: o, to: d).seconds
            let q = Int(d.piece), t = d.fraction
            for (e2, part) in [(g.pieceForward[q], t), (g.pieceBackward[q], 1 - t)] where e2 >= 0 {
                for (e, cost) in enter[Int(e2), default: []] { best = min(best, dist[e] + cost + part * g.edgeSeconds[Int(e2)]) }
            }
            return best
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func edgeBasedMatricesEqualAPlainEdgeBasedDijkstra(seed: UInt64) throws {
        var graph = ContractionHierarchyTests.town(seed: seed, size: 8)
        // Some restrictions on the seeded town: ban a few turns at random.
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<6 {
            let e = Int.random(in: 0..<graph.edgeCount, using: &rng)
            let v = Int(graph.edgeTarget[e])
            let outs = Int(graph.edgeStart[v])..<Int(graph.edgeStart[v + 1])
            if outs.count > 2 { graph.bannedFrom.append(Int32(e)); graph.bannedTo.append(Int32(outs.randomElement(using: &rng)!)) }
        }
        let order = zip(graph.bannedFrom, graph.bannedTo).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        graph.bannedFrom = order.map(\.0)
        graph.bannedTo = order.map(\.1)
        graph.vertexDelay[3] = 2
        let model = RoadTravelModel(graph: graph, snapLimitMetres: 500)
        let points = try Array(graph.samplePoints(seed: seed, doorMetres: 0).prefix(14)).map { try model.snap($0) }
        let fast = model.matrix(from: points, to: points)
        let search = model.searchMatrix(from: points, to: points)
        for (i, o) in points.enumerated() {
            let trip = Self.reference(graph, from: o)
            for (j, d) in points.enumerated() {
                let reference = trip(d)
                guard reference.isFinite else { continue }   // a ban may cut a corner off
                #expect(abs(Double(fast[i, j].seconds) - reference) <= 0.5001, "\(i) → \(j)")
                #expect(search[i, j].seconds == fast[i, j].seconds, "\(i) → \(j)")
            }
        }
    }

    @Test func aNetworkStoredBeforeTurnsLoadsWithoutItsJunctionHierarchy() throws {
        // A version 2 blob as the previous build wrote it: the graph, then a hierarchy of junctions.
        let g = RoadGraphTests.block(onewayAB: "yes")
        var out = BlobWriter(magic: Array("FPROADS2".utf8))
        out.int(0); out.int(g.restrictionCount)
        out.array(g.vertexLat); out.array(g.vertexLon)
        out.array(g.edgeStart); out.array(g.edgeTarget); out.array(g.edgeSeconds); out.array(g.edgeMetres); out.array(g.edgePiece)
        out.array(g.pieceStart); out.array(g.pointLat); out.array(g.pointLon)
        out.array(g.pieceFrom); out.array(g.pieceTo); out.array(g.pieceForward); out.array(g.pieceBackward)
        let n = g.vertexCount
        out.array([Int32](0..<Int32(n))); out.array([Int32](repeating: 0, count: n + 1)); out.array([Int32]()); out.array([Double]()); out.array([Double]())
        out.array([Int32](repeating: 0, count: n + 1)); out.array([Int32]()); out.array([Double]()); out.array([Double]())
        let old = try RoadGraph.network(blob: out.bytes)
        var expected = g
        expected.vertexRoads = [UInt8](repeating: 0, count: g.vertexCount)   // not stored then: the kept pieces count
        #expect(old.graph == expected)
        #expect(old.hierarchy == nil)   // contracted again, on the turn graph, by the model
        let h = ContractionHierarchy(g)
        #expect(h.rank.count == g.edgeCount)
        #expect(try RoadGraph.network(blob: g.blob(hierarchy: h)).hierarchy == h)
        #expect(Array(g.blob().prefix(8)) == Array("FPROADS3".utf8))
    }
}
