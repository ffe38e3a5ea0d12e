import FieldPlanInterchange

extension ZoneBuildResult {
    /// `zones build --format json` and `POST /api/zones/build`: `{dry_run, built, locked,
    /// accounts, seconds, moved, previously_zoned, removed, max_load_ratio, min_load_ratio,
    /// zones: [the zone lines of zones list --format json], assignment: [{agent_id, zone_id,
    /// km}], moves: {moved, newly_zoned, zones: [{zone_id, gained, lost}]}}`.
    public var json: String {
        var w = JSONWriter()
        w.bool("dry_run", dryRun)
        w.int("built", built)
        w.int("locked", locked)
        w.int("accounts", accounts)
        w.double("seconds", ZoneFigures.round(seconds, 3))
        w.int("moved", moved)
        w.int("previously_zoned", previouslyZoned)
        w.array("removed", strings: removed)
        w.double("max_load_ratio", ZoneFigures.round(maxLoadRatio, 4))
        w.double("min_load_ratio", ZoneFigures.round(minLoadRatio, 4))
        w.raw("zones", "[" + figures.exportLines().joined(separator: ",") + "]")
        w.raw("assignment", ZoneAssignmentResult.json(assignment))
        var m = JSONWriter()
        m.int("moved", moves.moved)
        m.int("newly_zoned", moves.newlyZoned)
        m.raw("zones", "[" + moves.zones.map { z in
            var zw = JSONWriter()
            zw.string("zone_id", z.zoneID)
            zw.int("gained", z.gained)
            zw.int("lost", z.lost)
            return zw.finish()
        }.joined(separator: ",") + "]")
        w.raw("moves", m.finish())
        return w.finish()
    }
}
