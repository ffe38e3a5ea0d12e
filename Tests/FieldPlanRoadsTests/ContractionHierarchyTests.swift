import FieldPlanCore
@testable import FieldPlanRoads
import Testing

/// The contraction hierarchy answers the same trips as a plain search: on seeded grid towns
/// with one-way streets and roads of several kinds (every pair of junctions and of points
/// along the streets), and on the Monaco network.
struct ContractionHierarchyTests {
    /// A town of `size` × `size` junctions about 100 m apart, streets of random kinds, some
    /// one-way either way, some missing.
    static func town(seed: UInt64, size: Int) -> RoadGraph {
        var rng = SeededGenerator(seed: seed)
        var b = RoadGraphBuilder(profile: .car)
        func id(_ r: Int, _ c: Int) -> Int64 { Int64(r * size + c + 1) }
        for r in 0..<size {
            for c in 0..<size {
                b.addNode(id(r, c), lat: 10 + Double(r) * 0.0009 + Double.random(in: -0.0002...0.0002, using: &rng),
                          lon: 20 + Double(c) * 0.0009 + Double.random(in: -0.0002...0.0002, using: &rng))
            }
        }
        let kinds = ["residential", "residential", "tertiary", "secondary", "primary", "service"]
        var way: Int64 = 1
        for r in 0..<size {
            for c in 0..<size {
                for (r2, c2) in [(r, c + 1), (r + 1, c)] where r2 < size && c2 < size {
                    guard Double.random(in: 0..<1, using: &rng) < 0.9 else { continue }
                    var tags = ["highway": kinds.randomElement(using: &rng)!]
                    let oneway = Double.random(in: 0..<1, using: &rng)
                    if oneway < 0.15 { tags["oneway"] = "yes" } else if oneway < 0.25 { tags["oneway"] = "-1" }
                    b.addWay(OSMWay(id: way, refs: [id(r, c), id(r2, c2)], tags: tags))
                    way += 1
                }
            }
        }
        return b.build()
    }

    static func compare(_ model: RoadTravelModel, _ from: [RoadSnap], _ to: [RoadSnap]) -> (worstSeconds: Int, metresOff: Int) {
        let fast = model.matrix(from: from, to: to)
        let reference = model.searchMatrix(from: from, to: to)
        var worst = 0, off = 0
        for i in 0..<(from.count * to.count) {
            worst = max(worst, abs(fast.seconds[i] - reference.seconds[i]))
            if abs(fast.metres[i] - reference.metres[i]) > 1 { off += 1 }
        }
        return (worst, off)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func townTripsEqualThePlainSearch(seed: UInt64) throws {
        let graph = Self.town(seed: seed, size: 14)
        let model = RoadTravelModel(graph: graph, snapLimitMetres: 500)
        #expect(graph.vertexCount > 100)
        // One rank per node of the turn graph: per edge.
        #expect(model.hierarchy.rank.count == graph.edgeCount)
        #expect(Set(model.hierarchy.rank).count == graph.edgeCount)
        // Every junction to every junction, and seeded points along the streets.
        let junctions = try (0..<graph.vertexCount).map { v in
            try model.snap(Coordinate(lat: graph.vertexLat[v], lon: graph.vertexLon[v])!)
        }
        let result = Self.compare(model, junctions, junctions)
        #expect(result.worstSeconds <= 1)
        #expect(result.metresOff * 100 <= junctions.count * junctions.count)
        let points = try Array(graph.samplePoints(seed: seed, doorMetres: 0).prefix(60)).map { try model.snap($0) }
        let along = Self.compare(model, points, points)
        #expect(along.worstSeconds <= 1)
        #expect(along.metresOff * 100 <= points.count * points.count)
    }

    @Test func monacoTripsEqualThePlainSearch() throws {
        let model = RoadTravelModel(graph: RoadGraphTests.monaco, snapLimitMetres: 500)
        let points = try Array(RoadGraphTests.monaco.samplePoints(seed: 11).prefix(120)).map { try model.snap($0) }
        let result = Self.compare(model, Array(points.prefix(40)), points)
        #expect(result.worstSeconds <= 1)
        #expect(result.metresOff * 100 <= 40 * points.count)
        // Fewer edges searched than the network has: the point of the hierarchy.
        #expect(model.hierarchy.edgeCount < 4 * RoadGraphTests.monaco.edgeCount)
    }

    @Test func aMatrixOfOneOriginOrNoneIsWellFormed() throws {
        let model = RoadTravelModel(graph: Self.town(seed: 9, size: 6), snapLimitMetres: 500)
        let p = try Array(model.graph.samplePoints(seed: 9).prefix(3)).map { try model.snap($0) }
        #expect(model.matrix(from: [], to: p).seconds.isEmpty)
        #expect(model.matrix(from: p, to: []).seconds.isEmpty)
        let m = model.matrix(from: [p[0]], to: p)
        #expect(m.rows == 1 && m.columns == 3)
        #expect(m[0, 0].seconds == 0 && m[0, 0].metres == 0)
    }
}
