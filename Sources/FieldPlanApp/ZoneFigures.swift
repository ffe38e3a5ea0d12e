import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import FieldPlanZoning
import Foundation

/// The zones of a store with figures computed from its accounts as they are now: what
/// `zones list`, `zones map`, `export --kind zone` and `GET /api/zones` show.
public struct ZoneFigures: Sendable {
    public var zones: [StoredZone]
    /// One per zone, in `zones` order.
    public var summaries: [ZoneSummary]
    /// The located plannable accounts the figures come from (empty for a build's own figures).
    public var points: [ZonePoint]
    public var agents: [Agent]

    public init(zones: [StoredZone], summaries: [ZoneSummary], points: [ZonePoint] = [], agents: [Agent]) {
        self.zones = zones
        self.summaries = summaries
        self.points = points
        self.agents = agents
    }

    /// `{kind:"zone", id, name, agent_id, centroid:{lat,lon}, accounts, workload_hours}`, the
    /// zone lines of an export.
    public func exportLines() -> [String] {
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

    /// The agents' names by id.
    public var agentNames: [String: String] { Dictionary(agents.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }

    static func round(_ v: Double, _ places: Int) -> Double {
        let f = pow(10.0, Double(places))
        return (v * f).rounded() / f
    }
}
