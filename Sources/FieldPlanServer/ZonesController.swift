import FieldPlanInterchange
import Hummingbird

/// `GET /api/zones` (supervisor): each zone as the store keeps it, one line each:
/// `{kind:"zone", id, name, agent_id, locked}`. The figures `fieldplan zones list` adds
/// (accounts, workload, centroid) come with the zones use case of the application layer.
/// `GET /api/zones/map` (supervisor): the zone map as JSON (`ZoneMapView.json`), what the web
/// app's map is drawn from.
struct ZonesController {
    let store: BlockingStore

    var routes: RouteCollection<APIRequestContext> {
        let routes = RouteCollection(context: APIRequestContext.self)
        routes.get("/zones") { _, context in
            try context.requireSupervisor()
            let zones = try await store.run { try $0.zones() }
            return APIResponse.ndjson(zones.map { z in
                var w = JSONWriter()
                w.string("kind", "zone")
                w.string("id", z.id)
                w.string("name", z.name)
                w.string("agent_id", z.agentID)
                w.bool("locked", z.locked)
                return w.finish()
            })
        }
        // Issue 14: the zone map as data for the web app's own drawing.
        routes.get("/zones/map") { _, context in
            try context.requireSupervisor()
            let app = store.app
            let json = try await store.run { _ in try PlansController.mapped { try app.zoneMapView().json } }
            return APIResponse.json(json)
        }
        return routes
    }
}
