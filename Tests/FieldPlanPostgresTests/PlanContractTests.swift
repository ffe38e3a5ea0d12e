import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
@testable import FieldPlanPostgres
import FieldPlanPlanning
import FieldPlanStore
import Foundation
import GRDB
import Testing

/// The store contract for plans (issue 17, third stage): the planning input, a plan made
/// with the same seed and iteration budget, its versions, lines, unplanned visits and days,
/// an edit, a lock and a forced re-plan that keeps what was visited, on both engines from
/// the same files and the same visit history. Both must give the same plans, line for line.
@Suite("Store contract: plans")
struct PlanContractTests {
    static let day = CivilDate("2026-12-03")!

    /// The demo's agents, 400 of its accounts and their appointments: enough for ten routes,
    /// small enough to plan quickly in a debug build.
    static func demoInputs(_ folder: String) throws -> [ImportInput] {
        let data = ImportContractTests.repository + "/data/"
        let accounts = try String(contentsOfFile: data + "accounts.ndjson", encoding: .utf8).split(separator: "\n").prefix(400)
        let ids = Set(accounts.compactMap { line -> String? in
            guard let r = line.range(of: #""id":""#) else { return nil }
            return String(line[r.upperBound...].prefix { $0 != "\"" })
        })
        let appointments = try String(contentsOfFile: data + "appointments.ndjson", encoding: .utf8).split(separator: "\n")
            .filter { line in ids.contains { line.contains(#""account_id":"\#($0)""#) } }
        return [ImportInput(path: data + "agents.csv", displayName: "agents.csv"),
                ImportContractTests.write(folder, "accounts.ndjson", accounts.map(String.init)),
                ImportContractTests.write(folder, "appointments.ndjson", appointments.map(String.init))]
    }

    /// Runs the same statements on either engine: the visit history a test needs, written as
    /// rows (outcomes and payments are imported by another use case, with effects of their own).
    static func execute(_ store: any AgencyStore, _ statements: [String]) throws {
        if let store = store as? PostgresAgencyStore {
            try PostgresAgencyStore.administer(store.url, statements)
        } else if let store = store as? FieldPlanStore {
            try store.writer.write { db in for s in statements { try db.execute(sql: s) } }
        }
    }

    static func outcome(_ id: String, _ account: String, _ agent: String, _ at: String, _ code: String, contact: String = "NULL",
                        promise: (Int, String)? = nil, next: (String, String, String)? = nil) -> String {
        let epoch = Instant(at)!.epochSeconds
        return """
            INSERT INTO outcome (id, account_id, agent_id, visited_at, visited_epoch, code, contact, promise_amount, promise_date,
                                 next_visit_date, next_visit_from, next_visit_to, updated_at)
            VALUES ('\(id)', '\(account)', '\(agent)', '\(at)', \(epoch), '\(code)', \(contact),
                    \(promise.map { "\($0.0)" } ?? "NULL"), \(promise.map { "'\($0.1)'" } ?? "NULL"),
                    \(next.map { "'\($0.0)'" } ?? "NULL"), \(next.map { "'\($0.1)'" } ?? "NULL"), \(next.map { "'\($0.2)'" } ?? "NULL"), \(epoch))
            """
    }

    /// What planning reads, written out field by field (the input is not `Equatable`: it holds a
    /// travel model).
    static func describe(_ input: PlanningInput) -> [String] {
        var lines = ["date \(input.date) offset \(input.utcOffsetSeconds) settings \(input.settings == Settings())"]
        lines += input.agents.map { "agent \($0)" }
        lines += input.accounts.map { "account \($0)" }
        lines.append("zones \(input.zoneAgents.map { $0.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" } } ?? ["none"])")
        lines += input.appointments.map { "appointment \($0)" }
        lines += input.history.sorted { $0.key < $1.key }.map { "history \($0.key) \($0.value)" }
        lines.append("visited \(input.visitedToday.sorted())")
        lines += input.keptRoutes.map { "kept \($0.route) \($0.locked) \($0.stopLocations.sorted { $0.key < $1.key }.map { "\($0.key)@\($0.value)" })" }
        lines.append("from \(input.fromTime.map(String.init) ?? "-")")
        return lines
    }

    static func describe(_ stored: StoredPlan?) -> String {
        guard let stored else { return "none" }
        return "v\(stored.version) \(stored.madeBy ?? "-") locked \(stored.locked.sorted()) \(stored.plan)"
    }

    static func failure(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    struct Report: Equatable, Sendable {
        var inputs: [[String]] = []
        var plans: [String] = []
        var lines: [[String]] = []
        var reads: [String] = []
        var errors: [String] = []
    }

    static func scenario(_ store: any AgencyStore, folder: String) throws -> Report {
        var report = Report()
        _ = try store.importRecords(try demoInputs(folder), now: ImportContractTests.now)
        let accounts = try store.planningInput(date: day).accounts.map(\.id)
        let (a1, a2, a3, a4) = (accounts[0], accounts[1], accounts[2], accounts[3])
        // History: a visit two days before (the minimum gap holds it back), a promise with a
        // payment after it, a call-back due on the day, a visit earlier in the month.
        try execute(store, [
            outcome("O-1", a1, "AG01", "2026-12-01T10:00:00+03:00", "NOT_HOME"),
            outcome("O-2", a2, "AG02", "2026-11-20T11:00:00+03:00", "PTP", contact: "'debtor'", promise: (5000, "2026-12-10")),
            outcome("O-3", a3, "AG03", "2026-12-01T12:00:00+03:00", "CALLBACK", contact: "'debtor'",
                    next: ("2026-12-03", "10:00", "11:00")),
            outcome("O-4", a4, "AG04", "2026-12-02T09:00:00+03:00", "NOT_VISITED"),
            outcome("O-5", a4, "AG04", "2026-11-02T09:00:00+03:00", "NOT_HOME"),
            "INSERT INTO payment (id, account_id, amount, paid_at, paid_epoch, updated_at) VALUES ('P-1', '\(a2)', 2000, '2026-11-25T09:00:00+03:00', \(Instant("2026-11-25T09:00:00+03:00")!.epochSeconds), 0)",
        ])
        report.inputs.append(describe(try store.planningInput(date: day)))
        report.inputs.append(describe(try store.planningInput(date: day, onlyAgents: ["AG01", "AG02"], absent: ["AG03"], fromTime: 36_000)))

        // Before any plan: nothing to read, and the same refusals.
        report.reads.append("before: \(describe(try store.storedPlan(date: day))) \(try store.planVersions(date: day)) \(try store.planLines(date: day) == nil)")
        report.errors.append(failure { try store.setRouteLocked(date: day, agent: "AG01", true) })
        report.errors.append(failure { try store.setRouteLocked(date: day, agent: "AG01", true, expectedVersion: 1) })
        report.errors.append(failure { try store.editPlan(date: day, .drop(account: a1, reason: "x")) })

        let app = FieldPlanApp(store: store)
        let first = try app.planDay(PlanDayRequest(date: day, iterations: 30, seed: 7, today: day.adding(days: -1)))
        report.plans.append("\(first.changes) \(first.plan)")
        let stored = try #require(try store.storedPlan(date: day))
        report.plans.append(describe(stored))
        #expect(stored.plan == first.plan, "the plan reads back as it was made")
        let agent = try #require(stored.plan.routes.first { $0.visitCount > 1 })
        report.plans.append(describe(try store.storedPlan(date: day, version: 1, agent: agent.agentID)))
        report.plans.append(describe(try store.storedPlan(date: day, version: 9)))
        report.lines.append(try store.planLines(date: day).map { ["v\($0.version)"] + $0.lines } ?? [])
        report.lines.append(try store.planLines(date: day, kinds: ["route"]).map { ["v\($0.version)"] + $0.lines } ?? [])
        report.lines.append(try store.planLines(date: day, kinds: ["visit"], agent: agent.agentID).map { ["v\($0.version)"] + $0.lines } ?? [])
        report.reads.append("unplanned \(try store.unplannedVisits(date: day))")

        // Locks: one change, then none; a stale version and an agent without a route refused.
        report.reads.append("lock \(try store.setRouteLocked(date: day, agent: agent.agentID, true, expectedVersion: 1))")
        report.reads.append("again \(try store.setRouteLocked(date: day, agent: agent.agentID, true))")
        report.errors.append(failure { try store.setRouteLocked(date: day, agent: agent.agentID, false, expectedVersion: 2) })
        report.errors.append(failure { try store.setRouteLocked(date: day, agent: "NOBODY", true) })

        // An edit: a stop dropped makes version 2; a stale edit and a refused one store nothing.
        let moved = try #require(stored.plan.routes.first { $0.agentID != agent.agentID && $0.visitCount > 0 })
        let account = try #require(moved.stops.compactMap(\.accountID).first)
        let edit = try store.editPlan(date: day, .drop(account: account, reason: "debtor_moved"), expectedVersion: 1)
        report.plans.append("edit v\(edit.version) \(edit.changes) \(edit.locked.sorted()) \(edit.plan)")
        report.errors.append(failure { try store.editPlan(date: day, .drop(account: account, reason: "x"), expectedVersion: 1) })
        report.errors.append(failure { try store.editPlan(date: day, .add(account: "NO-SUCH", agent: "AG01", position: nil)) })
        report.reads.append("versions \(try store.planVersions(date: day))")

        // The day starts: two stops of an unlocked route get an outcome; a forced re-plan keeps
        // them and the locked route.
        let started = try #require(try store.storedPlan(date: day)?.plan.routes.first { $0.agentID != agent.agentID && $0.visitCount > 2 })
        let visitedIDs = started.stops.compactMap(\.accountID).prefix(2)
        try execute(store, visitedIDs.enumerated().map { i, id in
            outcome("O-D\(i)", id, started.agentID, "2026-12-03T0\(8 + i):30:00+03:00", "NOT_HOME")
        })
        report.inputs.append(describe(try store.planningInput(date: day)))
        report.inputs.append(describe(try store.planningInput(date: day, fromTime: 13 * 3600)))
        let replan = try app.planDay(PlanDayRequest(date: day, iterations: 30, seed: 8, force: true, today: day))
        report.plans.append("replan \(replan.changes) kept \(replan.kept.map(\.agentID)) \(replan.plan)")
        report.lines.append(try store.planLines(date: day).map { ["v\($0.version)"] + $0.lines } ?? [])

        // Another day, and the calendar in both forms.
        _ = try app.planDay(PlanDayRequest(date: day.adding(days: 1), iterations: 10, seed: 3, today: day.adding(days: -1)))
        let days = try store.planDays(from: day.adding(days: -5), to: day.adding(days: 5))
        var streamed: [PlanDay] = []
        try store.planDays(from: day, to: day) { streamed.append($0) }
        report.reads.append("days \(days.map { "\($0.date) v\($0.version) \($0.madeBy ?? "-") \($0.visits) \($0.agents) \($0.locked)" })")
        report.reads.append("streamed \(streamed.map { "\($0.date) v\($0.version)" })")
        report.reads.append("unlock \(try store.setRouteLocked(date: day, agent: agent.agentID, false)) \(try store.setRouteLocked(date: day, agent: agent.agentID, false))")
        report.reads.append("after \(try store.storedPlan(date: day)?.locked.sorted() ?? [])")
        return report
    }

    static func run(_ engine: StoreEngine) async throws -> Report {
        try await withFreshStore(engine) { store in
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-plans-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            return try scenario(store, folder: folder)
        }
    }

    @Test("planning input, plans, versions, lines, edits, locks and days are the same on both engines", arguments: StoreEngine.postgresOnly)
    func samePlans(_ engine: StoreEngine) async throws {
        let sqlite = try await Self.run(.sqlite)
        let postgres = try await Self.run(engine)
        #expect(postgres.inputs == sqlite.inputs)
        #expect(postgres.plans == sqlite.plans)
        #expect(postgres.lines == sqlite.lines)
        #expect(postgres.reads == sqlite.reads)
        #expect(postgres.errors == sqlite.errors)
    }

    @Test("the plan scenario exercises what it claims (on SQLite)")
    func scenarioCoverage() async throws {
        let report = try await Self.run(.sqlite)
        let input = report.inputs[0]
        #expect(input.contains { $0.hasPrefix("history ") && $0.contains("callback: Optional") }, "a call-back is in the history")
        #expect(input.contains { $0.hasPrefix("history ") && $0.contains("paidSincePromise: 20") })
        #expect(input.contains { $0.hasPrefix("appointment ") })
        #expect(report.inputs[2].contains { $0.hasPrefix("kept ") && $0.hasSuffix("true []") }, "the locked route is kept")
        #expect(report.inputs[2].contains { $0.hasPrefix("kept ") && $0.contains("false [") }, "the visited stops are kept")
        #expect(report.lines[0].count > 20 && report.lines[0][0] == "v1")
        #expect(report.reads.contains("lock true") && report.reads.contains("again false"))
        #expect(report.plans[4].hasPrefix("edit v2"))
        #expect(report.errors.count == 7 && report.errors.allSatisfy { $0 != "no error" })
        #expect(report.reads.contains { $0.hasPrefix("versions [1, 2]") })
        #expect(report.plans.last?.hasPrefix("replan") == true && report.lines[3][0] == "v3")
    }
}
