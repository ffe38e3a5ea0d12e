import FieldPlanCore
import FieldPlanRendering
import FieldPlanZoning
import Testing

struct ZoneMapRendererTests {
    /// Accounts scattered over a few kilometres of Nairobi, seeded.
    static func points(count: Int, seed: UInt64) -> [ZonePoint] {
        var g = SeededGenerator(seed: seed)
        return (0..<count).map { i in
            ZonePoint(id: "a\(i)", latitude: -1.29 + Double.random(in: -0.04...0.04, using: &g),
                      longitude: 36.82 + Double.random(in: -0.04...0.04, using: &g), serviceMinutes: 20)
        }
    }

    static func zones(_ count: Int) -> [ZoneSpec] { (1...count).map { ZoneSpec(id: "Z\($0)") } }

    @Test func svgHasOneDotPerAccountAndOneOutlinePerZone() throws {
        let points = Self.points(count: 400, seed: 3)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: Self.zones(5)))
        let svg = ZoneMapRenderer(title: "Test <map> & co").svg(
            points: points, zoneOfPoint: result.zoneOfPoint, zones: result.zones,
            labels: ["Z1": "North \"A\""], bases: [.init(label: "Agent A", latitude: -1.28, longitude: 36.82)])
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.hasSuffix("</svg>\n"))
        #expect(svg.components(separatedBy: "<circle ").count - 1 == 400)
        #expect(svg.components(separatedBy: "<path data-zone=").count - 1 == result.zones.filter { $0.accounts > 0 }.count)
        #expect(svg.contains("Test &lt;map&gt; &amp; co"))
        #expect(svg.contains("North &quot;A&quot;"))
        #expect(svg.contains("Agent A"))
        #expect(!svg.contains("http://") || svg.components(separatedBy: "http://").count == 2) // only the namespace
    }

    @Test func streetsAreDrawnUnderTheZonesWithTheirCredit() throws {
        let points = Self.points(count: 50, seed: 4)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: Self.zones(2)))
        let street = [ZoneSummary.Coordinate(latitude: -1.30, longitude: 36.80), ZoneSummary.Coordinate(latitude: -1.28, longitude: 36.84)]
        let renderer = ZoneMapRenderer()
        let plain = renderer.svg(points: points, zoneOfPoint: result.zoneOfPoint, zones: result.zones)
        let svg = renderer.svg(points: points, zoneOfPoint: result.zoneOfPoint, zones: result.zones, streets: [street, street],
                               credit: "© OpenStreetMap contributors")
        #expect(!plain.contains("streets"))
        #expect(svg.components(separatedBy: "<g id=\"streets\"").count == 2)
        #expect(svg.components(separatedBy: " M").count + svg.components(separatedBy: "\"M").count - 2 >= 2)
        #expect(svg.contains(">© OpenStreetMap contributors</text>"))
        #expect(svg.range(of: "id=\"streets\"")!.lowerBound < svg.range(of: "id=\"outlines\"")!.lowerBound)
    }

    @Test func htmlIsSelfContained() throws {
        let points = Self.points(count: 100, seed: 1)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: Self.zones(3)))
        let html = ZoneMapRenderer().html(points: points, zoneOfPoint: result.zoneOfPoint, zones: result.zones)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg "))
        #expect(!html.contains("<script src") && !html.contains("<link "))
        #expect(html.components(separatedBy: "<tr><td>").count - 1 == 3)
    }

    @Test func coloursAreDistinctForNeighbouringZoneNumbers() {
        let colours = (0..<30).map(Palette.zone)
        #expect(Set(colours).count == 30)
        #expect(colours.allSatisfy { $0.count == 7 && $0.hasPrefix("#") })
    }

    /// The outlines drawn are the zones' shares of one partition (`ZoneOutlines`), given or
    /// computed from the points: no convex hulls that overlap.
    @Test func outlinesAreThePartitionCells() throws {
        let points = Self.points(count: 300, seed: 5)
        let result = ZoneBuilder.build(try ZoningProblem(points: points, zones: Self.zones(4)))
        let outlines = ZoneOutlines.outlines(points: points, zoneOfPoint: result.zoneOfPoint)
        let renderer = ZoneMapRenderer()
        let drawn = renderer.svg(points: points, zoneOfPoint: result.zoneOfPoint, zones: result.zones)
        #expect(drawn == renderer.svg(points: points, zoneOfPoint: result.zoneOfPoint, zones: result.zones, outlines: outlines))
        #expect(!drawn.contains("<polygon "))
        let rings = outlines.values.map(\.count).reduce(0, +)
        #expect(drawn.components(separatedBy: " Z").count - 1 >= rings)
    }
}
