import Foundation
import Testing

/// End-to-end `fieldplan zones …` on the sample agency: build, stable rebuild, locks,
/// agents, export and map, through the real binary.
@Suite(.serialized)
struct ZonesCLITests {
    private func importSample(_ cli: CLIHarness) throws {
        let data = CLIHarness.repository + "/data"
        let r = try cli.run(["import", data + "/agents.csv", data + "/accounts.ndjson"])
        #expect(r.status == 0, "\(r.stderr)")
    }

    private func objects(_ ndjson: String) -> [[String: Any]] {
        ndjson.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Plannable located accounts → zone id, from an account export.
    private func zoneOfAccount(_ cli: CLIHarness) throws -> [String: String?] {
        let r = try cli.run(["export", "--kind", "account"])
        var out: [String: String?] = [:]
        for a in objects(r.stdout) where a["lat"] != nil && ["open", "ptp", nil].contains(a["status"] as? String) {
            out[a["id"] as! String] = a["zone_id"] as? String
        }
        return out
    }

    @Test func buildPutsEveryPlannableLocatedAccountInOneZoneAndExportsZones() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try importSample(cli)
        let build = try cli.run(["zones", "build", "--zones", "5"])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("built 5 zones"))
        let zones = try zoneOfAccount(cli)
        #expect(!zones.isEmpty)
        #expect(zones.values.allSatisfy { $0 != nil })
        #expect(Set(zones.values.compactMap { $0 }) == ["Z01", "Z02", "Z03", "Z04", "Z05"])

        let export = objects(try cli.run(["export", "--kind", "zone"]).stdout)
        #expect(export.count == 5)
        var total = 0
        var hours: [Double] = []
        for z in export {
            #expect(z["kind"] as? String == "zone")
            let centroid = z["centroid"] as? [String: Any]
            #expect(centroid?["lat"] is Double && centroid?["lon"] is Double)
            total += z["accounts"] as! Int
            hours.append(z["workload_hours"] as! Double)
        }
        #expect(total == zones.count)
        let mean = hours.reduce(0, +) / Double(hours.count)
        #expect(hours.allSatisfy { abs($0 / mean - 1) <= 0.05 })

        // A full export still round-trips: zone lines with figures import back unchanged.
        let full = try cli.run(["export", "-o", "all.ndjson"])
        #expect(full.status == 0)
        #expect(try cli.run(["import", "--db", "copy.db", "all.ndjson"]).status == 0)
        #expect(try cli.run(["export", "--db", "copy.db"]).stdout == cli.read("all.ndjson"))
    }

    @Test func rebuildKeepsAccountsAndLockedZonesAlone() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try importSample(cli)
        #expect(try cli.run(["zones", "build", "--zones", "6"]).status == 0)
        let before = try zoneOfAccount(cli)
        #expect(try cli.run(["zones", "lock", "Z03"]).status == 0)
        // New accounts arrive near existing ones.
        var lines = ""
        let exported = objects(try cli.run(["export", "--kind", "account"]).stdout)
        for (n, a) in exported.filter({ before[$0["id"] as! String] != nil }).prefix(250).enumerated() {
            let lat = a["lat"] as! Double + 0.0003, lon = a["lon"] as! Double - 0.0002
            lines += #"{"kind":"account","id":"NEW-\#(n)","client":"Test","debtor_name":"New \#(n)","balance":100,"lat":\#(lat),"lon":\#(lon)}"# + "\n"
        }
        cli.write("new.ndjson", lines)
        #expect(try cli.run(["import", "new.ndjson"]).status == 0)
        let rebuild = try cli.run(["zones", "build", "--zones", "6"])
        #expect(rebuild.status == 0, "\(rebuild.stderr)")
        #expect(rebuild.stdout.contains("previously zoned accounts"))
        let after = try zoneOfAccount(cli)
        let moved = before.filter { after[$0.key] != $0.value }.count
        #expect(Double(moved) <= 0.03 * Double(before.count))
        for (id, zone) in before where zone == "Z03" { #expect(after[id] == "Z03") }
        for (id, zone) in after where id.hasPrefix("NEW-") { #expect(zone != nil && zone != "Z03") }
        #expect(try cli.run(["zones", "list"]).stdout.contains("locked"))
    }

    @Test func agentsGetOneZoneEachNearTheirBase() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try importSample(cli)
        let build = try cli.run(["zones", "build", "--agents"])
        #expect(build.status == 0, "\(build.stderr)")
        let zones = objects(try cli.run(["zones", "list", "--format", "json"]).stdout)
        let agents = Set(zones.compactMap { $0["agent_id"] as? String })
        #expect(zones.count == 10 && agents.count == 10)
        // Each agent's distance to its zone's centre is printed, one row per agent and a total.
        let rows = build.stdout.split(separator: "\n").drop { !$0.hasPrefix("agent ") }.dropFirst()
        #expect(build.stdout.contains("zones given to the agents nearest to their centres (min-cost assignment"))
        #expect(rows.count == 11 && rows.last!.hasPrefix("total"))
        #expect(rows.dropLast().allSatisfy { Double($0.split(separator: " ").last!) != nil })
    }

    /// On zones that exist, `zones assign --nearest` hands them out without rebuilding:
    /// 3 zones for 10 agents go to the three agents whose bases make the shortest total.
    @Test func assignNearestOnExistingZones() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try importSample(cli)
        #expect(try cli.run(["zones", "build", "--zones", "3", "--by", "accounts"]).status == 0)
        let before = objects(try cli.run(["zones", "list", "--format", "json"]).stdout)
        #expect(before.allSatisfy { $0["agent_id"] == nil })
        let assign = try cli.run(["zones", "assign", "--nearest"])
        #expect(assign.status == 0, "\(assign.stderr)")
        #expect(assign.stdout.contains("km to centre"))
        let after = objects(try cli.run(["zones", "list", "--format", "json"]).stdout)
        #expect(Set(after.compactMap { $0["agent_id"] as? String }).count == 3)
        #expect(after.map { $0["accounts"] as? Int } == before.map { $0["accounts"] as? Int }, "no rebuild")
        let bad = try cli.run(["zones", "assign", "Z01", "--nearest"])
        #expect(bad.status == 1)
    }

    @Test func assignRenameAndMap() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try importSample(cli)
        #expect(try cli.run(["zones", "build", "--zones", "3", "--by", "accounts"]).status == 0)
        #expect(try cli.run(["zones", "assign", "Z02", "AG03"]).status == 0)
        #expect(try cli.run(["zones", "rename", "Z02", "Eastlands"]).status == 0)
        let z = objects(try cli.run(["export", "--kind", "zone"]).stdout).first { $0["id"] as? String == "Z02" }
        #expect(z?["agent_id"] as? String == "AG03" && z?["name"] as? String == "Eastlands")

        let unknown = try cli.run(["zones", "assign", "Z09", "AG03"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.split(separator: "\n").count == 1 && unknown.stderr.contains("Z09"))
        #expect(try cli.run(["zones", "assign", "Z02", "NOBODY"]).status == 1)
        #expect(try cli.run(["zones", "build"]).status == 1)

        #expect(try cli.run(["zones", "map", "-o", "zones.svg"]).status == 0)
        let svg = cli.read("zones.svg")
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains("Eastlands"))
        #expect(svg.components(separatedBy: "<path data-zone=").count - 1 == 3)
        #expect(try cli.run(["zones", "map", "-o", "zones.html"]).status == 0)
        #expect(cli.read("zones.html").hasPrefix("<!DOCTYPE html>"))
    }

    /// `zones build --dry-run` shows what a rebuild would move, zone by zone, and stores
    /// nothing: the zones and every account's zone are as before, and the real build that
    /// follows moves exactly what the dry run said.
    @Test func aDryRunShowsTheMovesAndStoresNothing() throws {
        let cli = CLIHarness()
        defer { cli.cleanUp() }
        try importSample(cli)
        #expect(try cli.run(["zones", "build", "--zones", "4"]).status == 0)
        let zonesBefore = try cli.run(["zones", "list", "--format", "json"]).stdout
        let accountsBefore = try zoneOfAccount(cli)

        let text = try cli.run(["zones", "build", "--zones", "6", "--dry-run"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("dry run: nothing was stored"))
        #expect(text.stdout.contains("gained") && text.stdout.contains("lost"))
        let dry = try cli.run(["zones", "build", "--zones", "6", "--dry-run", "--format", "json"])
        #expect(dry.status == 0, "\(dry.stderr)")
        let answer = try #require(try JSONSerialization.jsonObject(with: Data(dry.stdout.utf8)) as? [String: Any])
        #expect(answer["dry_run"] as? Bool == true && answer["built"] as? Int == 6)
        let moves = try #require(answer["moves"] as? [String: Any])
        let perZone = try #require(moves["zones"] as? [[String: Any]])
        let moved = moves["moved"] as? Int ?? -1
        #expect(moved > 0 && moved == answer["moved"] as? Int)
        // Every account that moves is lost by one zone and gained by another.
        #expect(perZone.reduce(0) { $0 + ($1["lost"] as? Int ?? 0) } == moved)
        #expect(perZone.reduce(0) { $0 + ($1["gained"] as? Int ?? 0) } == moved + (moves["newly_zoned"] as? Int ?? 0))
        #expect(perZone.contains { $0["zone_id"] as? String == "Z06" && ($0["gained"] as? Int ?? 0) > 0 })

        // Nothing stored.
        #expect(try cli.run(["zones", "list", "--format", "json"]).stdout == zonesBefore)
        #expect(try zoneOfAccount(cli) == accountsBefore)

        // The same build for real moves what the dry run said.
        let real = try cli.run(["zones", "build", "--zones", "6", "--format", "json"])
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(real.stdout.utf8)) as? [String: Any])
        #expect(stored["dry_run"] as? Bool == false)
        #expect(stored["moved"] as? Int == moved)
        #expect(((stored["moves"] as? [String: Any])?["zones"] as? [[String: Any]])?.count == perZone.count)
        #expect(try zoneOfAccount(cli) != accountsBefore)
    }
}
