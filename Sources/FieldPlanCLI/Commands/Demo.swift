import ArgumentParser
import FieldPlanCore
import FieldPlanInterchange
import FieldPlanStore

extension FieldPlanCommand {
    /// `fieldplan demo`: a fresh store built from `data/`, walking through what fieldplan does.
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build a fresh demo store from the sample data in data/ and show what fieldplan does.")

        @Option(help: "Where the sample data is.") var data = "data"
        @Option(help: "A folder of its own for the demo store and outputs (emptied first).") var dir = "demo"

        func run() throws {
            guard FileSystem.exists(data + "/accounts.ndjson") else {
                throw CommandFailure("\(data)/accounts.ndjson: not found; run the demo from the repository root or pass --data")
            }
            FileSystem.remove(dir)
            try FileSystem.makeFolder(dir)
            let dbPath = dir + "/fieldplan.db"
            let store = try FieldPlanStore(path: dbPath)
            func step(_ title: String) { print("\n== \(title)") }

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
            print("\nThe demo store is \(dbPath); try: fieldplan accounts list --db \(dbPath) --unlocated")
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
