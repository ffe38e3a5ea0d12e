@testable import FieldPlanPostgres
import Foundation
import Synchronization
import Testing

/// `fieldplan demo` on PostgreSQL (issue 17): the README's walk through the product runs the
/// same steps on a PostgreSQL store as on a file, and prints and stores the same.
@Suite("the demo on PostgreSQL")
struct PostgresDemoTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path

    /// The demo's output with what must differ between two runs made the same: the folder,
    /// the store's name and the seconds a zoning took.
    static func normalized(_ text: String, dir: String, stores: [(String, String)]) -> String {
        // The folders' names have the same length, so the tables that show a file's path line up alike.
        var text = text.replacingOccurrences(of: dir, with: "DIR")
        for (store, name) in stores { text = text.replacingOccurrences(of: store, with: name) }
        return text.replacingOccurrences(of: #"in [0-9]+\.[0-9]+ s"#, with: "in T s", options: .regularExpression)
    }

    @Test("demo --db postgres://… prints and stores what the demo on a file does", arguments: StoreEngine.postgresOnly)
    func demoOnBothEngines(_ engine: StoreEngine) async throws {
        try await onPlainThread {
            let main = try ScratchDatabase.make()
            defer { try? main.drop() }
            let roads = try ScratchDatabase.make()
            defer { try? roads.drop() }
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-pg-demo-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let common = ["demo", "--data", Self.data, "--iterations", "100"]
            let runs: [[String]] = [
                common + ["--dir", folder + "/sq"],
                common + ["--dir", folder + "/pg", "--db", main.url.text, "--roads-db", roads.url.text],
            ]
            // The two demos at once: each is a process of its own with a store of its own.
            let results = Mutex<[Int: PostgresCLITests.Output]>([:])
            DispatchQueue.concurrentPerform(iterations: runs.count) { n in
                let out = try? PostgresCLITests.run(runs[n], in: folder)
                results.withLock { $0[n] = out }
            }
            let (file, pg) = try results.withLock { r in (try #require(r[0]), try #require(r[1])) }
            #expect(file.status == 0, "\(file.stderr)")
            #expect(pg.status == 0, "\(pg.stderr)")
            #expect(pg.stdout.contains("round trip identical: yes") && pg.stdout.contains("travel = roads"), "\(pg.stdout)")
            #expect(pg.stdout.contains("The demo store is \(main.url.description);"))

            let printedOnFile = Self.normalized(file.stdout, dir: folder + "/sq", stores: [("DIR/fieldplan.db", "STORE")])
            let printedOnPG = Self.normalized(pg.stdout, dir: folder + "/pg",
                                              stores: [(main.url.text, "STORE"), (main.url.description, "STORE"), (roads.url.text, "ROADS")])
            let a = printedOnFile.split(separator: "\n", omittingEmptySubsequences: false)
            let b = printedOnPG.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(a.count == b.count, "\(a.count) lines on a file, \(b.count) on PostgreSQL")
            for (n, (x, y)) in zip(a, b).enumerated() where x != y {
                Issue.record("line \(n + 1): on a file \(x)\non PostgreSQL \(y)")
                break
            }
            // Errors too (the late device's conflict), with the folder named alike.
            #expect(Self.normalized(file.stderr, dir: folder + "/sq", stores: []) == Self.normalized(pg.stderr, dir: folder + "/pg", stores: []))

            // What each stored: every record, and the plans of the days planned, byte for byte.
            let plans = { (days: [String]) in days.map { ["export", "--kind", "route,visit", "--date", $0] } }
            let stores = [(folder + "/sq/fieldplan.db", main.url.text, [["export"]] + plans(["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-05"])),
                          (folder + "/sq/roads/fieldplan.db", roads.url.text, [["export"]] + plans(["2026-12-01"]))]
            for (onFile, onPG, asked) in stores {
                for arguments in asked {
                    let x = try PostgresCLITests.run(arguments + ["--db", onFile], in: folder)
                    let y = try PostgresCLITests.run(arguments + ["--db", onPG], in: folder)
                    #expect(x.status == 0 && y.status == 0, "\(x.stderr)\(y.stderr)")
                    #expect(!x.stdout.isEmpty && x.stdout == y.stdout, "\(arguments) differs between \(onFile) and PostgreSQL")
                }
            }

            // A database with rows is never the demo's: refused, and left as it was.
            let again = try PostgresCLITests.run(common + ["--dir", folder + "/again", "--db", main.url.text], in: folder)
            #expect(again.status == 1)
            #expect(again.stderr.contains("\(main.url.description) is not empty (table "), "\(again.stderr)")
            let after = try PostgresCLITests.run(["export", "--db", main.url.text], in: folder)
            let before = try PostgresCLITests.run(["export", "--db", folder + "/sq/fieldplan.db"], in: folder)
            #expect(after.stdout == before.stdout)
        }
    }
}
