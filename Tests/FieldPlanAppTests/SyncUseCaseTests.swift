import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore
import Testing

/// `FieldPlanApp+Sync` and `+Interchange`: the packet, a simulated field day, the sync and
/// import summaries as both edges print them, and the export's order and refusals.
struct SyncUseCaseTests {
    let day = AppFixture.day
    /// 2026-11-24 20:00 Nairobi, after the field day.
    let evening = Instant("2026-11-24T20:00:00+03:00")!.epochSeconds

    @Test func aPacketNeedsThePlanAndTheAgentsRoute() throws {
        let f = try AppFixture()
        #expect(appError { _ = try f.app.packet(date: day, agent: "G1") } == .notFound("no plan for 2026-11-24; run fieldplan plan --date 2026-11-24 first"))
        let made = try f.plan()
        let agent = try #require(made.plan.routes.first { $0.visitCount > 0 }?.agentID)
        let packet = try f.app.packet(date: day, agent: agent)
        #expect(packet.first?.hasPrefix("{\"kind\":\"packet\"") == true)
        #expect(!packet.joined().contains("NID-SECRET"))
        #expect(appError { _ = try f.app.packet(date: day, agent: "G9") } == .notFound("agent \"G9\" has no route in the plan of 2026-11-24 (version 1)"))
    }

    @Test func aSimulatedDayImportsOnceAndTheLateDeviceBringsDuplicatesAndAConflict() throws {
        var f = try AppFixture()
        _ = try f.plan()
        let plain = try f.app.simulateFieldDay(date: day, seed: 1)
        #expect(plain.lateDevice == nil && plain.outcomeCount > 0)
        let simulated = try f.app.simulateFieldDay(date: day, seed: 1, anomalies: true)
        #expect(simulated.agents.map(\.lines) == plain.agents.map(\.lines))
        let late = try #require(simulated.lateDevice)
        #expect(late.count >= 3)
        let first = try f.app.syncImport(simulated.agents.map { f.input($0.lines) }, now: evening)
        #expect(first == SyncSummary(accepted: simulated.outcomeCount, duplicates: 0, conflicts: 0, rejected: 0, flagged: first.flagged))
        #expect(!first.hasRejections)
        let again = try f.app.syncImport([f.input(late)], now: evening)
        // Three lines sent again, perhaps one edited (a conflict), and another agent's visit (flagged).
        #expect(again.duplicates == 3 && again.conflicts + again.accepted == late.count - 3 && again.rejected == 0, "\(late.count) late lines: \(again)")
        #expect(again.accepted == 1 && again.flagged == 1)
        #expect(again.hasRejections == (again.conflicts > 0))
        #expect(again.json == "{\"accepted\":\(again.accepted),\"duplicates\":3,\"conflicts\":\(again.conflicts),\"rejected\":0,\"flagged\":\(again.flagged)}")
        #expect(appError { _ = try f.app.simulateFieldDay(date: day.adding(days: 1), seed: 1) }
                == .notFound("no plan for 2026-11-25; run fieldplan plan --date 2026-11-25 first"))
    }

    @Test func syncRejectsOtherKindsAndCountsThemApartFromConflicts() throws {
        var f = try AppFixture()
        var rejected: [String] = []
        let summary = try f.app.syncImport([f.input([
            #"{"kind":"outcome","id":"o1","account_id":"A1","agent_id":"G1","visited_at":"2026-11-24T10:00:00+03:00","code":"NOT_HOME","contact":"none"}"#,
            #"{"kind":"agent","id":"G3","name":"X","base":{"lat":-1.3,"lon":36.8},"shift":{"start":"08:00","end":"17:00"}}"#,
        ], name: "day.ndjson")], now: evening, onReject: { rejected.append($0.error.description) })
        #expect(summary.accepted == 1 && summary.rejected == 1 && summary.conflicts == 0 && summary.hasRejections)
        #expect(rejected.count == 1 && rejected[0].hasPrefix("day.ndjson:2: "))
    }

    @Test func anImportResultPrintsTheCommandsJSON() throws {
        var f = try AppFixture()
        let result = try f.app.importRecords([f.input([
            #"{"kind":"account","id":"A7","client":"C","debtor_name":"Seven","balance":100}"#,
            #"{"kind":"account","id":"A8","client":"C","debtor_name":"Eight","balance":"lots"}"#,
        ])], dryRun: true)
        #expect(result.hasRejections && result.dryRun)
        #expect(result.json == #"{"account":{"accepted":1,"unchanged":0,"rejected":1},"total":{"accepted":1,"unchanged":0,"rejected":1},"duplicates_in_input":0,"warnings":0,"resolved_rejects":0,"dry_run":true}"#)
        #expect(try f.store.account(id: "A7") == nil)
        #expect(appError { _ = try f.app.importRecords([ImportInput(path: f.folder.path + "/missing.ndjson")]) }.map { if case .invalid = $0 { true } else { false } } == true)
    }

    @Test func anExportPutsZonesFirstAndThePlanLast() throws {
        let f = try AppFixture()
        _ = try f.app.buildZones(ZoneBuildRequest(zones: 2))
        _ = try f.plan()
        var lines: [String] = []
        try f.app.export(ExportRequest(kinds: [.route, .account, .zone], date: day)) { lines.append($0) }
        let kinds = lines.map { $0.split(separator: ",")[0] }
        #expect(kinds.prefix(2).allSatisfy { $0 == "{\"kind\":\"zone\"" })
        #expect(kinds.dropFirst(2).prefix(6).allSatisfy { $0 == "{\"kind\":\"account\"" })
        #expect(kinds.dropFirst(8).allSatisfy { $0 == "{\"kind\":\"route\"" } && lines.count > 8)
        #expect(!lines.joined().contains("\"kind\":\"visit\""))
    }

    @Test func anExportOfAPlanNeedsADayWithAPlanBeforeAnyLine() throws {
        let f = try AppFixture()
        var lines: [String] = []
        #expect(appError { try f.app.export(ExportRequest(kinds: [.account, .visit])) { lines.append($0) } }
                == .invalid("kind visit,route needs a date (YYYY-MM-DD)"))
        #expect(appError { try f.app.export(ExportRequest(kinds: [.account, .visit], date: day)) { lines.append($0) } }
                == .notFound("no plan for 2026-11-24; run fieldplan plan --date 2026-11-24"))
        #expect(lines.isEmpty)
    }
}
