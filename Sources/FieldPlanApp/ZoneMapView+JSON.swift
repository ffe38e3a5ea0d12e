import FieldPlanCore
import FieldPlanInterchange
import FieldPlanRendering
import FieldPlanZoning

extension ZoneMapView {
    /// `{zones: [{id, name, agent_id, locked, color, accounts, workload, centroid, outlines}],
    /// accounts: {ids, lat, lon, zone}, agents: [{id, name, base, zone_id}], bounds}`.
    ///
    /// Accounts go as parallel arrays, coordinates at 5 decimals (about a metre) and each
    /// account's zone as an index into `zones` (-1 for none), so 100,000 accounts stay under
    /// 4 MiB (`ZoneMapViewTests`): no key is repeated per account.
    /// - Complexity: O(accounts + outline points).
    public var json: String {
        let stored = Dictionary(zones.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let index = Dictionary(input.zones.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out = "{\"zones\":["
        for (t, z) in input.zones.enumerated() {
            if t > 0 { out += "," }
            var w = JSONWriter()
            w.string("id", z.id)
            w.raw("name", Self.orNull(stored[z.id]?.name))
            w.raw("agent_id", Self.orNull(stored[z.id]?.agentID))
            w.bool("locked", stored[z.id]?.locked ?? z.locked)
            w.string("color", Palette.zone(t))
            w.int("accounts", z.accounts)
            w.raw("workload", JSONWriter.number(Self.round(z.workloadHours, 2)))
            w.raw("centroid", z.centroid.map { Self.point($0.latitude, $0.longitude) } ?? "null")
            w.raw("outlines", Self.rings(input.outlines[z.id] ?? []))
            out += w.finish()
        }
        var minLat = Double.infinity, maxLat = -Double.infinity, minLon = Double.infinity, maxLon = -Double.infinity
        func widen(_ lat: Double, _ lon: Double) {
            minLat = min(minLat, lat); maxLat = max(maxLat, lat); minLon = min(minLon, lon); maxLon = max(maxLon, lon)
        }
        var ids = "", lats = "", lons = "", zoneIndex = ""
        ids.reserveCapacity(input.points.count * 14)
        for (i, p) in input.points.enumerated() {
            if i > 0 { ids += ","; lats += ","; lons += ","; zoneIndex += "," }
            JSONWriter.appendQuoted(p.id, to: &ids)
            lats += Self.fixed(p.latitude)
            lons += Self.fixed(p.longitude)
            zoneIndex += String(index[input.zoneOfPoint[i]] ?? -1)
            widen(p.latitude, p.longitude)
        }
        out += "],\"accounts\":{\"ids\":[\(ids)],\"lat\":[\(lats)],\"lon\":[\(lons)],\"zone\":[\(zoneIndex)]},\"agents\":["
        let zoneOfAgent = Dictionary(zones.compactMap { z in z.agentID.map { ($0, z.id) } }, uniquingKeysWith: { a, b in min(a, b) })
        for (i, a) in agents.filter(\.isActive).enumerated() {
            if i > 0 { out += "," }
            var w = JSONWriter()
            w.string("id", a.id)
            w.string("name", a.name)
            w.raw("base", Self.point(a.base.lat, a.base.lon))
            w.raw("zone_id", Self.orNull(zoneOfAgent[a.id]))
            out += w.finish()
            widen(a.base.lat, a.base.lon)
        }
        out += "],\"bounds\":"
        out += minLat.isFinite
            ? "{\"min_lat\":\(Self.fixed(minLat)),\"min_lon\":\(Self.fixed(minLon)),\"max_lat\":\(Self.fixed(maxLat)),\"max_lon\":\(Self.fixed(maxLon))}"
            : "null"
        return out + "}"
    }

    /// The zone's outline rings as `zones map` draws them (its share of one partition of the
    /// accounts' area): `[[[lat, lon], …], …]`, outer rings counter-clockwise, holes clockwise.
    static func rings(_ rings: [[ZoneSummary.Coordinate]]) -> String {
        "[" + rings.map { ring in "[" + ring.map { pair($0.latitude, $0.longitude) }.joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    static func orNull(_ s: String?) -> String { s.map(JSONWriter.quoted) ?? "null" }
    static func point(_ lat: Double, _ lon: Double) -> String { "{\"lat\":\(fixed(lat)),\"lon\":\(fixed(lon))}" }
    static func pair(_ lat: Double, _ lon: Double) -> String { "[\(fixed(lat)),\(fixed(lon))]" }
    static func fixed(_ v: Double) -> String { JSONWriter.number((v * 100_000).rounded() / 100_000) }
    static func round(_ v: Double, _ places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (v * scale).rounded() / scale
    }
}
