import FieldPlanInterchange
import FieldPlanStore

extension StoredZone {
    /// `{kind:"zone", id, name, agent_id, locked}`: a zone as the store keeps it, the lines of
    /// `GET /api/zones` and the answer of the routes that change one zone.
    public var json: String {
        var w = JSONWriter()
        w.string("kind", "zone")
        w.string("id", id)
        w.string("name", name)
        w.string("agent_id", agentID)
        w.bool("locked", locked)
        return w.finish()
    }
}
