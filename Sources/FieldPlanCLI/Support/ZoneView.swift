import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanStore
import FieldPlanZoning
import Foundation

/// The zones of a store with figures computed from its accounts as they are now, shared by
/// `zones list`, `zones map` and `export --kind zone`.
/// - Complexity: O(n log n) for n located plannable accounts (the travel estimate needs
///   every account's nearest neighbours).
struct ZoneView {
    let zones: [StoredZone]
    let summaries: [ZoneSummary]
    let points: [ZonePoint]
    let agents: [Agent]

    /// A view from figures already at hand (a build's own summaries), in `zones` order.
    init(zones: [StoredZone], summaries: [ZoneSummary], agents: [Agent]) {
        self.zones = zones
        self.summaries = summaries
        self.points = []
        self.agents = agents
    }

    init(_ db: FieldPlanStore, only: [StoredZone]? = nil) throws {
        let settings = try db.settings()
        zones = try only ?? db.zones()
        agents = try db.agents()
        points = try db.zoningAccounts().map {
            ZonePoint(id: $0.id, latitude: $0.lat, longitude: $0.lon,
                      serviceMinutes: Double($0.serviceMinutes ?? settings.serviceMinutes), currentZone: $0.zoneID)
        }
        summaries = ZoneStatistics.summarize(points: points, zones: zones.map(\.id),
                                             lockedZones: Set(zones.filter(\.locked).map(\.id)),
                                             roadFactor: settings.roadFactor, speedKmh: settings.speedKmh)
    }

    /// `{kind:"zone", id, name, agent_id, centroid:{lat,lon}, accounts, workload_hours}`.
    func exportLines() -> [String] {
        zip(zones, summaries).map { z, s in
            var w = JSONWriter()
            w.string("kind", "zone")
            w.string("id", z.id)
            w.string("name", z.name)
            w.string("agent_id", z.agentID)
            if let c = s.centroid {
                var p = JSONWriter()
                p.double("lat", Self.round(c.latitude, 6))
                p.double("lon", Self.round(c.longitude, 6))
                w.raw("centroid", p.finish())
            }
            w.int("accounts", s.accounts)
            w.double("workload_hours", Self.round(s.workloadHours, 2))
            return w.finish()
        }
    }

    func table() -> String {
        let names = Dictionary(agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var table = TextTable(["id", "name", "agent", "accounts", "workload h", "spread m", "locked"])
        for (z, s) in zip(zones, summaries) {
            let agent = z.agentID.map { id in names[id].map { "\(id) \($0)" } ?? id } ?? ""
            table.add([z.id, z.name ?? "", agent, String(s.accounts), Self.hours(s.workloadHours),
                       String(Int(s.spreadMeters.rounded())), z.locked ? "locked" : ""])
        }
        return table.render()
    }

    static func hours(_ h: Double) -> String { String(format: "%.1f", h) }

    static func round(_ v: Double, _ places: Int) -> Double {
        let f = pow(10.0, Double(places))
        return (v * f).rounded() / f
    }

    /// Runs a store call, turning zone store errors into one-line command failures.
    static func storeCall(_ body: () throws -> Void) throws {
        do { try body() } catch let e as ZoneStoreError { throw CommandFailure(e.description) }
    }
}
