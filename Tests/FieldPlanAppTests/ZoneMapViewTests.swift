@testable import FieldPlanApp
import FieldPlanCore
import FieldPlanRendering
import FieldPlanStore
import FieldPlanZoning
import Foundation
import Testing

/// Issue 14: the zone map's JSON stays compact, so the desk can load a city of 100,000
/// accounts in a few MiB, and its parallel arrays line up.
struct ZoneMapViewTests {
    static func view(accounts n: Int, zones k: Int) -> ZoneMapView {
        var points: [ZonePoint] = []
        var zoneOf: [String] = []
        for i in 0..<n {
            points.append(ZonePoint(id: String(format: "ACC-%06d", i), latitude: -1.2 - Double(i % 997) * 0.000123, longitude: 36.7 + Double(i % 991) * 0.000217))
            zoneOf.append(i % 10 == 9 ? "" : String(format: "Z%02d", i % k + 1))
        }
        // ZoneSummary is made by the zone builder; its Codable form is the way in from outside.
        let summaries = (1...k).map { t in
            let json = """
            {"id":"\(String(format: "Z%02d", t))","locked":false,"centroid":{"latitude":-1.25,"longitude":36.8},"accounts":\(n / k),
             "serviceHours":1,"travelHours":1,"workloadHours":2,"spreadMeters":100,
             "hull":[{"latitude":-1.2,"longitude":36.7},{"latitude":-1.3,"longitude":36.7},{"latitude":-1.3,"longitude":36.9}]}
            """
            return try! JSONDecoder().decode(ZoneSummary.self, from: Data(json.utf8))
        }
        // One ring per zone, as the zone builder's outlines would give.
        let outlines = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, [$0.hull]) })
        let input = ZoneMapInput(points: points, zoneOfPoint: zoneOf, zones: summaries, labels: [:], bases: [], outlines: outlines)
        return ZoneMapView(input: input, zones: summaries.map { StoredZone(id: $0.id) }, agents: [])
    }

    /// Under 42 bytes an account, so 100,000 accounts stay under 4 MiB. Measured on 20,000
    /// (a debug build takes long over 100,000 and holds a test thread meanwhile).
    @Test func accountsTakeUnder42BytesEach() throws {
        let n = 20_000
        let json = Self.view(accounts: n, zones: 100).json
        #expect(json.utf8.count < n * 42, "\(json.utf8.count) bytes for \(n) accounts")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let accounts = try #require(object["accounts"] as? [String: [Any]])
        #expect(accounts["ids"]?.count == n && accounts["lat"]?.count == n && accounts["lon"]?.count == n && accounts["zone"]?.count == n)
        let zone = try #require(accounts["zone"] as? [Int])
        #expect(zone[0] == 0 && zone[9] == -1 && zone[12] == 12, "the zone is an index into zones, -1 for none")
        let zones = try #require(object["zones"] as? [[String: Any]])
        #expect(zones.count == 100)
        #expect((zones[0]["outlines"] as? [[[Double]]])?.first?.first == [-1.2, 36.7])
        #expect(zones[0]["agent_id"] is NSNull && zones[0]["name"] is NSNull)
    }

    @Test func anEmptyStoreHasNoBounds() throws {
        let json = Self.view(accounts: 0, zones: 1).json
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["bounds"] is NSNull)
    }
}
