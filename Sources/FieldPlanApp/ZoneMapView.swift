import FieldPlanCore
import FieldPlanStore

/// The zone map as data, for the web app's own drawing (`GET /api/zones/map`): the
/// `ZoneMapInput` that `zones map` draws from (accounts, zones' figures and outlines) with the
/// stored zones (names, agents, locks) and the agents, so a client can draw, hit-test and
/// reassign without a second request.
public struct ZoneMapView: Sendable {
    public var input: ZoneMapInput
    public var zones: [StoredZone]
    public var agents: [Agent]

    public init(input: ZoneMapInput, zones: [StoredZone], agents: [Agent]) {
        self.input = input
        self.zones = zones
        self.agents = agents
    }
}
