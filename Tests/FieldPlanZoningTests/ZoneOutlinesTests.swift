@testable import FieldPlanZoning
import Testing

/// Properties of `ZoneOutlines`: the outlines are a partition of the clip area (no overlap,
/// no gap), every account lies in its own zone's outline and in no other. Seeded cities, zones
/// from the builder and from labels no builder would make.
struct ZoneOutlinesTests {
    typealias Vertex = ZoneOutlines.Vertex

    /// Checks the partition properties of the rings of `labels` over the points.
    static func checkPartition(xs: [Double], ys: [Double], labels: [Int32], labelCount: Int, samples: Int = 3000) {
        let (rings, clip) = ZoneOutlines.rings(xs: xs, ys: ys, labels: labels, labelCount: labelCount)
        // Areas: the zones' areas add up to the clip polygon's (no overlap, no gap).
        let clipArea = ZoneOutlines.signedArea(clip)
        #expect(clipArea > 0)
        var total = 0.0
        for z in 0..<labelCount {
            let area = rings[z].map(ZoneOutlines.signedArea).reduce(0, +)
            #expect(area > 0, "zone \(z) has no area")
            total += area
        }
        #expect(abs(total - clipArea) <= 1e-6 * clipArea, "zones cover \(total) m² of \(clipArea) m²")
        // Every account is inside its zone's outline and in no other one.
        var misplaced = 0
        for i in xs.indices where labels[i] >= 0 {
            let p = Vertex(x: xs[i], y: ys[i])
            for z in 0..<labelCount where ZoneOutlines.contains(rings[z], p) != (Int32(z) == labels[i]) { misplaced += 1 }
        }
        #expect(misplaced == 0)
        // Seeded sample points over the clip's bounding box: inside the clip, exactly one zone
        // holds each; outside, none.
        var rng = SplitMix64(seed: 99)
        let minX = clip.map(\.x).min()!, maxX = clip.map(\.x).max()!, minY = clip.map(\.y).min()!, maxY = clip.map(\.y).max()!
        var overlaps = 0, gaps = 0
        for _ in 0..<samples {
            let p = Vertex(x: minX + rng.unit() * (maxX - minX), y: minY + rng.unit() * (maxY - minY))
            let holders = (0..<labelCount).filter { ZoneOutlines.contains(rings[$0], p) }.count
            let inClip = ZoneOutlines.contains([clip], p)
            if holders > 1 { overlaps += 1 }
            if inClip && holders == 0 || !inClip && holders > 0 { gaps += 1 }
        }
        #expect(overlaps == 0)
        #expect(gaps == 0)
    }

    static func planar(_ points: [ZonePoint]) -> ([Double], [Double]) {
        let projection = PlanarProjection(around: points.map { ($0.latitude, $0.longitude) })
        let p = points.map { projection.project(latitude: $0.latitude, longitude: $0.longitude) }
        return (p.map(\.x), p.map(\.y))
    }

    @Test(arguments: TestCity.seeds, [5, 20])
    func builtZonesPartitionTheCity(seed: UInt64, zones: Int) throws {
        let points = TestCity.points(count: 2000, seed: seed)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(zones), options: ZoningOptions(seed: seed)))
        let (xs, ys) = Self.planar(points)
        var index: [String: Int32] = [:]
        for z in result.zones { index[z.id] = Int32(index.count) }
        Self.checkPartition(xs: xs, ys: ys, labels: result.zoneOfPoint.map { index[$0]! }, labelCount: zones)
    }

    /// Labels no power diagram can produce: random zones, interleaved. Outlines still partition
    /// the area and hold their accounts (in many pieces).
    @Test(arguments: TestCity.seeds)
    func anyLabellingGivesAPartition(seed: UInt64) {
        let points = TestCity.points(count: 400, seed: seed)
        let (xs, ys) = Self.planar(points)
        var rng = SplitMix64(seed: seed)
        let labels = xs.indices.map { _ in Int32(rng.next() % 4) }
        Self.checkPartition(xs: xs, ys: ys, labels: labels, labelCount: 4, samples: 1500)
    }

    /// A regular grid makes many co-circular points, the degenerate case of Voronoi vertices.
    @Test func gridOfAccountsInStripes() {
        var xs: [Double] = [], ys: [Double] = [], labels: [Int32] = []
        for r in 0..<20 { for c in 0..<20 { xs.append(Double(c) * 50); ys.append(Double(r) * 50); labels.append(Int32((r + c) / 8 % 3)) } }
        Self.checkPartition(xs: xs, ys: ys, labels: labels, labelCount: 3)
    }

    /// Unzoned accounts own no area; accounts sharing one position share one cell, which goes
    /// to the zone most of them are in.
    @Test func unzonedAndSharedPositions() {
        let xs: [Double] = [0, 1000, 0, 1000, 500, 500, 500, 250]
        let ys: [Double] = [0, 0, 1000, 1000, 500, 500, 500, 250]
        let labels: [Int32] = [0, 1, 0, 1, 1, 1, 0, -1]
        let (rings, _) = ZoneOutlines.rings(xs: xs, ys: ys, labels: labels, labelCount: 2)
        #expect(ZoneOutlines.contains(rings[1], Vertex(x: 500, y: 500)))
        #expect(!ZoneOutlines.contains(rings[0], Vertex(x: 500, y: 500)))
        #expect(ZoneOutlines.contains(rings[0], Vertex(x: 250, y: 250)) != ZoneOutlines.contains(rings[1], Vertex(x: 250, y: 250)))
    }

    @Test func outlinesInDegreesHoldTheirAccounts() throws {
        let points = TestCity.points(count: 800, seed: 7)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: TestCity.zones(6), options: ZoningOptions(seed: 7)))
        let outlines = ZoneOutlines.outlines(points: points, zoneOfPoint: result.zoneOfPoint)
        #expect(Set(outlines.keys) == Set(result.zones.map(\.id)))
        for (i, p) in points.enumerated() {
            let here = Vertex(x: p.longitude, y: p.latitude)
            let rings = outlines[result.zoneOfPoint[i]]!.map { $0.map { Vertex(x: $0.longitude, y: $0.latitude) } }
            #expect(ZoneOutlines.contains(rings, here))
        }
        #expect(ZoneOutlines.outlines(points: [], zoneOfPoint: []).isEmpty)
    }
}
