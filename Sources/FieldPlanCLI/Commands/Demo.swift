import ArgumentParser
import FieldPlanApp
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanPlanning
import FieldPlanPostgres
import FieldPlanRendering
import FieldPlanStore
import Foundation

extension FieldPlanCommand {
    /// `fieldplan demo`: a fresh store built from `data/`, walking through what fieldplan does.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a fresh demo store from the sample data in data/ and show what fieldplan does.")

        @Option(help: "Where the sample data is.") var data = "data"
        @Option(help: "A folder of its own for the demo store and outputs (emptied first).") var dir = "demo"
        @Option(help: "The day to plan (the sample's appointments start on 2026-12-01).") var date = "2026-12-01"
        @Option(help: "Search seconds for the plan.") var seconds: Double = 5
        @Option(help: "An iteration budget for every plan instead of --seconds: the same budget gives the same demo on any machine.")
        var iterations: Int?
        @Option(help: "The demo store: a new file, or an empty PostgreSQL database postgres://USER@HOST:PORT/DATABASE (default: $FIELDPLAN_DB, else DIR/fieldplan.db).")
        var db: String?
        @Option(help: "The road step's store, a second new file or empty database (default: DIR/roads/fieldplan.db).")
        var roadsDb: String?

        /// The demo store's location: `--db`, `FIELDPLAN_DB`, or a file in the demo's folder.
        var location: String { db ?? ProcessInfo.processInfo.environment["FIELDPLAN_DB"] ?? dir + "/fieldplan.db" }

        /// How every plan of the demo searches: `--iterations` when given (reproducible), else `--seconds`.
        var searchArguments: [String] { iterations.map { ["--iterations", String($0)] } ?? ["--seconds", String(seconds)] }

        func run() throws {
            guard FileSystem.exists(data + "/accounts.ndjson") else {
                throw CommandFailure("\(data)/accounts.ndjson: not found; run the demo from the repository root or pass --data")
            }
            FileSystem.remove(dir)
            try FileSystem.makeFolder(dir)
            // Every command below is given the same store, on either engine, as a user would type it.
            let dbPath = location
            let store = try Self.newStore(dbPath)

            step("1. Import the agency's files (\(data)/): agents from CSV, accounts and appointments as NDJSON")
            let inputs = ["agents.csv", "accounts.ndjson", "appointments.ndjson"].map { ImportInput(path: "\(data)/\($0)", displayName: "\(data)/\($0)") }
            let summary = try store.importRecords(inputs)
            print(Self.describe(summary))

            step("2. Importing the same files again changes nothing (upsert by id)")
            let again = try store.importRecords(inputs)
            print("accepted \(again.total.accepted), unchanged \(again.total.unchanged), rejected \(again.total.rejected)")

            step("3. A bank's late file with mistakes: good lines are kept, each bad line is named")
            if FileSystem.exists("\(data)/late-file-with-errors.ndjson") {
                let late = try store.importRecords([ImportInput(path: "\(data)/late-file-with-errors.ndjson", displayName: "late-file-with-errors.ndjson")],
                                                   onReject: { print("  rejected  \($0.error)") })
                print("accepted \(late.total.accepted), rejected \(late.total.rejected) (kept for correction: fieldplan rejects)")
            }

            step("4. The store")
            var counts = TextTable(["table", "rows"])
            for (table, n) in try store.counts() { counts.add([table, String(n)]) }
            print(counts.render())
            var unlocated = 0
            try store.accounts(.init(unlocatedOnly: true)) { _ in unlocated += 1 }
            print("\(unlocated) accounts have no coordinates: the tracing work-list (fieldplan accounts list --unlocated)")

            step("5. Agents")
            var table = TextTable(["id", "name", "shift", "break", "days"])
            for a in try store.agents() {
                table.add([a.id, a.name, "\(a.shift.from)-\(a.shift.to)", a.breakRule.map { "\($0.minutes) min in \($0.window.from)-\($0.window.to)" } ?? "",
                           (a.days ?? Agent.defaultDays).map(\.rawValue).joined(separator: ",")])
            }
            print(table.render())

            step("6. Export and round trip: export → import into an empty store → export gives the same bytes")
            var first: [String] = []
            try store.export(kinds: RecordKind.importable) { first.append($0) }
            let exportPath = dir + "/export.ndjson"
            let out = try OutputFile(path: exportPath)
            for line in first { out.writeLine(line) }
            out.close()
            let copy = try FieldPlanStore(path: dir + "/roundtrip.db")
            _ = try copy.importRecords([ImportInput(path: exportPath)])
            var second: [String] = []
            try copy.export(kinds: RecordKind.importable) { second.append($0) }
            print("\(first.count) lines exported to \(exportPath); round trip identical: \(first == second ? "yes" : "NO")")

            step("7. Zones: one balanced, compact zone per agent, centred near the agent's base and assigned to them")
            try Self.run(Zones.Build.self, ["--db", dbPath, "--agents", "--seed", "1"])
            try Self.run(Zones.List.self, ["--db", dbPath])
            try Self.run(Zones.Map.self, ["--db", dbPath, "-o", dir + "/zones.html"])
            print("zone map: \(dir)/zones.html")

            step("8. Plan \(date): every working agent's visits, with the routing engine (\(iterations.map { "\($0) iterations" } ?? "\(Int(seconds)) s"))")
            try Self.run(Plan.Day.self, ["--db", dbPath, "--date", date, "--today", date, "--export-problem", dir + "/problem-\(date).json"] + searchArguments)
            try Self.run(Export.self, ["--db", dbPath, "--kind", "route,visit", "--date", date, "-o", dir + "/plan-\(date).ndjson"])
            print("plan lines: \(dir)/plan-\(date).ndjson; the problem for other solvers: \(dir)/problem-\(date).json")

            step("9. Route sheets: a printable A4 page with a map for each agent, and one as text")
            try Self.run(Sheet.self, ["--db", dbPath, "--date", date, "--all", "-o", dir + "/sheets"])
            if let first = try store.agents().first {
                try Self.run(Sheet.self, ["--db", dbPath, "--date", date, "--agent", first.id, "--format", "text", "-o", dir + "/sheet-\(first.id).txt"])
                let text = try FileSystem.read(dir + "/sheet-\(first.id).txt")
                print(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(24).joined(separator: "\n"))
                print("…")
            }
            step("10. Offline sync: AG01's day packet, a simulated field day back (a late device sends it twice, with a conflict)")
            try Self.run(Sync.Export.self, ["--db", dbPath, "--date", date, "--agent", "AG01", "-o", dir + "/packet-AG01.ndjson"])
            print("packet: \(dir)/packet-AG01.ndjson (phones masked as on the sheet, no national ids)")
            try Self.run(Sync.Simulate.self, ["--db", dbPath, "--date", date, "-o", dir + "/field-day", "--seed", "1", "--anomalies"])
            let evening = "\(date)T20:00:00+03:00"
            for attempt in ["first import", "the same files again"] {
                print("-- \(attempt):")
                do {
                    try Self.run(Sync.Import.self, ["--db", dbPath, "--now", evening, dir + "/field-day"])
                } catch let code as ExitCode where code == ExitCode(3) {
                    print("(exit 3: the conflicting line is kept for correction, nothing else is lost)")
                }
            }
            try Self.run(Review.List.self, ["--db", dbPath])
            try Self.run(Clearances.List.self, ["--db", dbPath])
            try Self.run(Audit.self, ["--db", dbPath, "--format", "ndjson", "-o", dir + "/audit.ndjson"])
            print("audit trail: \(dir)/audit.ndjson")

            if let day = CivilDate(date) {
                var next = day.adding(days: 1)
                while next.weekday == .sun { next = next.adding(days: 1) }
                step("11. The next day's plan uses what came back: broken promises and call-backs rise, visited accounts wait")
                try Self.run(Plan.Day.self, ["--db", dbPath, "--date", next.description, "--today", date] + searchArguments)
                let lines = try store.planLines(date: next)?.lines ?? []
                var reasons: [String: Int] = [:]
                for line in lines where line.contains("\"account_id\"") {
                    if let r = line.split(separator: "\"reason\":\"").dropFirst().first?.prefix(while: { $0 != "\"" }) { reasons[String(r), default: 0] += 1 }
                }
                print("visits on \(next) by reason: " + reasons.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                func accounts(_ lines: [String]) -> Set<String> {
                    Set(lines.compactMap { $0.split(separator: "\"account_id\":\"").dropFirst().first.map { String($0.prefix { $0 != "\"" }) } })
                }
                let visitedToday = accounts(try store.planLines(date: day)?.lines ?? [])
                let again = accounts(lines).intersection(visitedToday).count
                let counts = try store.counts().filter { ["outcome", "promise"].contains($0.table) }.map { "\($0.count) \($0.table)s" }
                print("store now holds \(counts.joined(separator: ", ")); of the \(visitedToday.count) accounts visited on \(date), \(again) are planned again on \(next) (minimum gap \(try store.settings().minGapDays) days)")
            }
            step("12. The day's report: visits, contacts, promises and money per agent (definitions: docs/reports.md)")
            let reportNow = "\(date)T21:00:00+03:00"
            try Self.run(Report.Daily.self, ["--db", dbPath, "--date", date, "--now", reportNow])
            try Self.run(Report.Daily.self, ["--db", dbPath, "--date", date, "--now", reportNow, "--format", "html",
                                             "-o", dir + "/sheets/report-\(date).html"])
            print("printable report with charts: \(dir)/sheets/report-\(date).html")
            if let day = CivilDate(date) {
                try weekAndNoon(store: store, dbPath: dbPath, after: day)
            }

            step("15. Road travel: an agency on the streets of Monaco (data/roads/, © OpenStreetMap contributors), one day planned on roads")
            try Self.roadsStep(data: data, dir: dir, db: roadsDb, date: date, search: searchArguments)
            let shown = StoreOpener.displayName(dbPath)
            print("\nThe demo store is \(shown); try: fieldplan sheet --db \(shown) --date \(date) --agent AG01 --format text")
        }

        /// Steps 13 and 14: the five days after the next day planned in one optimisation, then
        /// the first of them re-planned at noon after a simulated morning with one agent gone
        /// sick. Costs two searches: 2 × `seconds` for the week and `seconds` for the re-plan.
        func weekAndNoon(store: any AgencyStore, dbPath: String, after day: CivilDate) throws {
            let app = FieldPlanApp(store: store)
            var from = day.adding(days: 2)
            while from.weekday == .sun { from = from.adding(days: 1) }
            let weekSeconds = max(1, seconds) * 2
            let weekSearch = iterations.map { "\($0 * 2) iterations" } ?? "\(Int(weekSeconds)) s"
            step("13. A week ahead: \(from) and the 4 days after it in one optimisation (\(weekSearch)): each visit's day, then every day's routes")
            var request = PlanDaysRequest(from: from, days: 5, seconds: iterations == nil ? weekSeconds : nil, iterations: iterations.map { $0 * 2 }, seed: 1)
            request.today = day
            let week = try app.planDays(request)
            var table = TextTable(["day", "agents", "visits", "booked", "priority", "travel km", "unplanned", "version"])
            for (plan, changes) in zip(week.plans, week.changes) {
                let booked = plan.routes.flatMap(\.stops).filter { $0.reason == .appointment || $0.reason == .callback }.count
                table.add(["\(plan.date) \(plan.date.weekday.rawValue)", String(plan.routes.filter { $0.visitCount > 0 }.count),
                           String(plan.visitCount), String(booked), String(plan.totalPriority),
                           String(format1: Double(plan.routes.reduce(0) { $0 + $1.travelMetres }) / 1000),
                           String(plan.unplanned.count), String(changes.version)])
            }
            print(table.render())
            let even = week.evenness
            let skipped = (0..<5).map { from.adding(days: $0) }.filter { d in !week.plans.contains { $0.date == d } }
            print("\(week.visitCount) visits, priority \(week.totalPriority), visits per agent-day max \(even.max) / mean \(String(format1: even.mean))"
                  + (skipped.isEmpty ? "" : "; nobody works on \(skipped.map { "\($0) (\($0.weekday.rawValue))" }.joined(separator: ", "))"))
            print("each day is stored as its own plan version: fieldplan plan show --db \(StoreOpener.displayName(dbPath)) --date \(from)")

            guard let first = week.plans.first(where: { $0.visitCount > 0 }) else { return }
            let noon = LocalTime("12:00")!
            let sick = first.routes.filter { route in route.stops.contains { $0.eta >= noon.minutes * 60 && $0.accountID != nil } }
                .max { ($0.visitCount, $1.agentID) < ($1.visitCount, $0.agentID) }?.agentID
            step("14. Noon on \(first.date): the morning's outcomes come back" + (sick.map { ", \($0) calls in sick" } ?? "")
                 + ", and the rest of the day is re-planned from 12:00")
            let morning = try app.simulateFieldDay(date: first.date, seed: 2, until: noon)
            try FileSystem.makeFolder(dir + "/morning")
            for (agent, lines) in morning.agents {
                let out = try OutputFile(path: "\(dir)/morning/outcomes-\(agent).ndjson")
                for line in lines { out.writeLine(line) }
                out.close()
            }
            print("\(morning.outcomeCount) outcomes of the visits planned to end by 12:00 (sync simulate --until 12:00), imported:")
            try Self.run(Sync.Import.self, ["--db", dbPath, "--now", "\(first.date)T12:00", dir + "/morning"])
            var replan = PlanDayRequest(date: first.date, absent: Set(sick.map { [$0] } ?? []), seconds: iterations == nil ? max(1, seconds) : nil,
                                        iterations: iterations, today: first.date)
            replan.fromTime = noon
            let result = try app.planDay(replan)
            let plan = result.plan, changes = result.changes
            func order(_ p: DayPlan) -> [String: [String]] {
                Dictionary(uniqueKeysWithValues: p.routes.map { ($0.agentID, $0.stops.compactMap(\.accountID)) })
            }
            let was = order(first), now = order(plan)
            let changed = now.keys.filter { was[$0] != now[$0] }.sorted()
            print("version \(changes.version) of \(plan.date): \(result.keptStops) visits done this morning kept as they were, "
                  + "\(plan.visitCount) visits in all, priority \(plan.totalPriority); nothing new starts before 12:00")
            if let sick {
                let left = plan.routes.first { $0.agentID == sick }?.visitCount ?? 0
                print("\(sick) goes home after the \(left) visits already made; their remaining appointments and urgent visits went to the nearest agents, routine ones wait")
            }
            print("changes since version \(changes.previousVersion ?? 0): \(changes.added) new stops, \(changes.removed) dropped, "
                  + "\(changes.movedAgent) moved to another agent, \(changes.reordered) reordered")
            print("routes changed: \(changed.isEmpty ? "none" : changed.joined(separator: ", ")) (their next packet carries plan_version \(changes.version))")
            if !plan.unplanned.isEmpty {
                print("\(plan.unplanned.count) booked \(plan.unplanned.count == 1 ? "visit" : "visits") cannot be made any more: " + plan.unplanned.prefix(3).map { "\($0.accountID) (\($0.reason))" }.joined(separator: "; "))
            }
        }

        func step(_ title: String) { print("\n== \(title)") }

        /// The demo's own store, new and empty, opened as every command opens one.
        static func newStore(_ location: String) throws -> any AgencyStore {
            do {
                return try StoreOpener.createNew(location)
            } catch let error as NewStoreError {
                throw CommandFailure(error.description)
            } catch let error as StoreFileError {
                throw CommandFailure(error.description)
            } catch let error as PostgresStoreError {
                throw CommandFailure(error.description)
            }
        }

        /// Runs another command as if typed, so the demo shows exactly what a user would see.
        static func run<C: ParsableCommand>(_ command: C.Type, _ arguments: [String]) throws {
            var c = try C.parse(arguments)
            try c.run()
        }

        static func describe(_ s: ImportSummary) -> String {
            var table = TextTable(["kind", "accepted", "unchanged", "rejected"])
            for kind in s.kinds {
                let c = s.byKind[kind]!
                table.add([kind, String(c.accepted), String(c.unchanged), String(c.rejected)])
            }
            return table.render()
        }
    }
}
