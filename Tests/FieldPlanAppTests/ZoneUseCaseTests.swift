import FieldPlanApp
import FieldPlanCore
import FieldPlanStore
import Foundation
import Testing

/// `FieldPlanApp+Zones`: builds, locks, assignments and names, each failure typed.
struct ZoneUseCaseTests {
    @Test func aBuildZonesEveryAccountAndItsFiguresAreTheListsFigures() throws {
        let f = try AppFixture()
        let built = try f.app.buildZones(ZoneBuildRequest(zones: 2, seed: 1))
        #expect(built.built == 2 && built.locked == 0 && built.accounts == 6 && built.removed.isEmpty)
        #expect(built.figures.zones.map(\.id) == ["Z01", "Z02"] && built.assignment.isEmpty)
        #expect(built.figures.summaries.map(\.accounts).reduce(0, +) == 6)
        let listed = try f.app.zoneFigures()
        #expect(listed.zones == built.figures.zones)
        #expect(listed.summaries.map(\.accounts) == built.figures.summaries.map(\.accounts))
        #expect(listed.exportLines().count == 2 && listed.exportLines()[0].hasPrefix("{\"kind\":\"zone\",\"id\":\"Z01\""))
        // A rebuild to one zone removes the other.
        let fewer = try f.app.buildZones(ZoneBuildRequest(zones: 1))
        #expect(fewer.removed == ["Z02"] && fewer.figures.zones.map(\.id) == ["Z01"])
    }

    @Test func optionsAndLocksAreChecked() throws {
        let f = try AppFixture()
        #expect(appError { _ = try f.app.buildZones(ZoneBuildRequest()) } == .invalid("give --zones N, or --agents for one zone per active agent"))
        #expect(appError { _ = try f.app.buildZones(ZoneBuildRequest(zones: 2, tolerance: 60)) } == .invalid("--tolerance: expected a per cent in (0, 50)"))
        _ = try f.app.buildZones(ZoneBuildRequest(zones: 2))
        try f.app.setZoneLocked("Z01", true)
        try f.app.setZoneLocked("Z02", true)
        #expect(appError { _ = try f.app.buildZones(ZoneBuildRequest(zones: 2)) }
                == .refused("--zones 2: 2 zones are locked; ask for more zones or unlock some"))
        #expect(appError { _ = try f.app.assignZonesToNearestAgents() } == .refused("--nearest: no unlocked zones (zones build first)"))
        #expect(appError { try f.app.setZoneLocked("Z09", true) } == .notFound("zone \"Z09\": no such zone (fieldplan zones list)"))
    }

    @Test func agentsGetTheNearestZones() throws {
        let f = try AppFixture()
        let built = try f.app.buildZones(ZoneBuildRequest(agents: true))
        #expect(built.figures.zones.count == 2)
        #expect(Set(built.assignment.map(\.agentID)) == ["G1", "G2"])
        #expect(Set(built.figures.zones.compactMap(\.agentID)) == ["G1", "G2"])
        #expect(appError { _ = try f.app.buildZones(ZoneBuildRequest(zones: 5, agents: true)) }
                == .invalid("--zones 5 disagrees with --agents: 2 active agents + 0 locked zones"))
        try f.app.assignZone("Z01", to: nil)
        try f.app.assignZone("Z02", to: nil)
        let nearest = try f.app.assignZonesToNearestAgents()
        #expect(nearest.pairs.map(\.zoneID).sorted() == ["Z01", "Z02"] && nearest.unassigned.isEmpty)
        #expect(try f.store.zones().map(\.agentID) == built.figures.zones.map(\.agentID))
        #expect(appError { try f.app.assignZone("Z01", to: "G9") } == .notFound("agent \"G9\": no such agent (fieldplan agents list)"))
    }

    @Test func namesAreTrimmedAndAnEmptyNameClears() throws {
        let f = try AppFixture()
        _ = try f.app.buildZones(ZoneBuildRequest(zones: 1))
        #expect(try f.app.renameZone("Z01", to: "  Westlands ") == "Westlands")
        #expect(try f.store.zones().first?.name == "Westlands")
        #expect(try f.app.renameZone("Z01", to: "  ") == nil)
        #expect(try f.store.zones().first?.name == nil)
        #expect(appError { try f.app.renameZone("Z07", to: "x") } == .notFound("zone \"Z07\": no such zone (fieldplan zones list)"))
    }

    @Test func theMapLabelsZonesAndShowsActiveBases() throws {
        let f = try AppFixture()
        _ = try f.app.buildZones(ZoneBuildRequest(agents: true))
        try f.app.renameZone("Z01", to: "North")
        let map = try f.app.zoneMap()
        #expect(map.points.count == 6 && map.zoneOfPoint.allSatisfy { !$0.isEmpty })
        #expect(map.bases.map(\.label) == ["G1 Otieno", "G2 Wanjiku"])
        let agent = try #require(try f.store.zones().first?.agentID)
        #expect(map.labels["Z01"] == "Z01 · North · " + (agent == "G1" ? "Otieno" : "Wanjiku"))
        // Outlines: one entry per zone with accounts, rings of [lat, lon] around its accounts.
        #expect(Set(map.outlines.keys) == Set(map.zones.filter { $0.accounts > 0 }.map(\.id)))
        let rings = map.outlineRings(of: "Z01")
        #expect(!rings.isEmpty && rings.allSatisfy { $0.count >= 3 && $0.allSatisfy { $0.count == 2 } })
        let lats = map.points.map(\.latitude)
        #expect(rings.flatMap { $0 }.contains { $0[0] < lats.min()! } || rings.flatMap { $0 }.contains { $0[0] > lats.max()! })
        #expect(map.outlineRings(of: "Z99").isEmpty)
    }

    @Test func newZoneIDsSkipTakenOnes() {
        #expect(FieldPlanApp.newZoneIDs(count: 3, taken: ["Z01", "Z03"]) == ["Z02", "Z04", "Z05"])
        #expect(FieldPlanApp.newZoneIDs(count: 1, taken: Set((1...99).map { String(format: "Z%02d", $0) })) == ["Z100"])
    }

    /// `dryRun` computes the same build and its moves, and leaves the store exactly as it was:
    /// the zones and every account's zone; the real build then moves what the dry run said.
    @Test func aDryRunStoresNothingAndCountsTheMoves() throws {
        let f = try AppFixture()
        _ = try f.app.buildZones(ZoneBuildRequest(zones: 1))
        let zones = try f.store.zones()
        let accounts = try f.store.zoningAccounts().map { ($0.id, $0.zoneID) }
        let dry = try f.app.buildZones(ZoneBuildRequest(zones: 2, seed: 3, dryRun: true))
        #expect(dry.dryRun && dry.built == 2 && dry.figures.zones.map(\.id) == ["Z01", "Z02"])
        #expect(try f.store.zones() == zones)
        #expect(try f.store.zoningAccounts().map { ($0.id, $0.zoneID) }.elementsEqual(accounts, by: ==))
        // Every account was in Z01: the moves are the accounts Z02 takes from it.
        let z02 = try #require(dry.figures.summaries.first { $0.id == "Z02" }?.accounts)
        #expect(z02 > 0 && dry.moved == z02)
        #expect(dry.moves == ZoneMoves(before: Array(repeating: "Z01", count: 6), after: Array(repeating: "Z01", count: 6 - z02) + Array(repeating: "Z02", count: z02)))
        #expect(dry.moves.zones.map(\.zoneID) == ["Z01", "Z02"] && dry.moves.zones[0].lost == z02 && dry.moves.zones[1].gained == z02)
        let real = try f.app.buildZones(ZoneBuildRequest(zones: 2, seed: 3))
        #expect(!real.dryRun && real.moves == dry.moves && real.moved == dry.moved)
        #expect(try f.store.zones().map(\.id) == ["Z01", "Z02"])
    }

    @Test func movesCountGainsLossesAndNewlyZonedAccounts() {
        let moves = ZoneMoves(before: ["Z1", "Z1", nil, "Z2", "Z3"], after: ["Z1", "Z2", "Z2", "Z1", "Z1"])
        #expect(moves.moved == 3 && moves.newlyZoned == 1)
        #expect(moves.zones.map { "\($0.zoneID)+\($0.gained)-\($0.lost)" } == ["Z1+2-1", "Z2+2-1", "Z3+0-1"])
    }

    /// A service caller's seconds are capped, as a plan's are.
    @Test func theServiceCapBoundsTheSeconds() throws {
        let f = try AppFixture()
        #expect(appError { _ = try f.app.buildZones(ZoneBuildRequest(zones: 2, seconds: 31, maxSeconds: 30)) }
                == .invalid("seconds: at most 30 seconds of search here, got 31"))
        #expect(try f.app.buildZones(ZoneBuildRequest(zones: 2, maxSeconds: 30)).built == 2)
    }
}
