@testable import FieldPlanPostgres
import Foundation
import Testing

/// `fieldplan` end to end on both engines for the third stage's commands: zones built,
/// renamed, locked and assigned, a day planned with a fixed seed and iteration budget, its
/// plan shown, locked and edited, a week planned, route sheets, a day packet and a simulated
/// field day. The same commands on an SQLite file and on a PostgreSQL database print the
/// same text and write the same files (times of day that a run measures or stamps are masked).
@Suite("fieldplan plans, sheets, packets and zones on both engines")
struct PostgresPlanCLITests {
    static let day = "2026-12-03"

    /// Elapsed times and the moment a packet was made differ from run to run.
    static func masked(_ text: String) -> String {
        var text = text
        for pattern in [#"[0-9]+(\.[0-9]+)? ?(s|ms)\b"#, #""(created|stored|imported)_at":"[^"]*""#, #"[0-9]+ iterations"#,
                        #"stored [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}"#] {
            text = text.replacingOccurrences(of: pattern, with: "…", options: .regularExpression)
        }
        return text
    }

    static func files(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted().map { name in
            "\(name): " + masked(try String(contentsOfFile: folder + "/" + name, encoding: .utf8))
        }
    }

    /// The commands, each one's status, standard output and error; then the files written.
    static func session(db: String, folder: String) throws -> [String] {
        // Named as the session's folder sees them, so both transcripts name the same files.
        let inputs = try PlanContractTests.demoInputs(folder).map { $0.path.hasPrefix(folder) ? String($0.path.dropFirst(folder.count + 1)) : $0.path }
        var transcript: [String] = []
        func run(_ arguments: [String]) throws {
            let out = try PostgresCLITests.run(arguments + ["--db", db], in: folder)
            transcript.append("$ \(arguments.joined(separator: " ")) → \(out.status)\n\(masked(out.stdout))\(masked(out.stderr))")
        }
        try run(["import"] + inputs)
        try run(["zones", "build", "--agents", "--seed", "1"])
        try run(["zones", "list"])
        try run(["zones", "rename", "Z02", "Riverside"])
        try run(["zones", "lock", "Z02"])
        try run(["zones", "assign", "Z03", "AG05"])
        try run(["zones", "assign", "Z04", "--none"])
        try run(["zones", "assign", "Z09", "NOBODY"])
        try run(["zones", "rename", "Z99", "Nowhere"])
        try run(["zones", "assign", "--nearest"])
        try run(["zones", "unlock", "Z02"])
        try run(["zones", "build", "--zones", "8", "--seed", "2"])
        try run(["zones", "list", "--format", "json"])
        try run(["plan", "--date", day, "--iterations", "20", "--seed", "7", "--today", "2026-12-02"])
        try run(["plan", "show", "--date", day])
        try run(["plan", "show", "--date", day, "--agent", "AG02", "--format", "json"])
        try run(["plan", "lock", "--date", day, "--agent", "AG01"])
        try run(["plan", "unlock", "--date", day, "--agent", "AG09"])
        try run(["plan", "show", "--date", day, "--version", "4"])
        try run(["plan", "--from", "2026-12-04", "--days", "2", "--iterations", "10", "--seed", "3", "--today", "2026-12-02"])
        try run(["sheet", "--date", day, "--all", "--format", "text", "-o", "sheets"])
        try run(["sheet", "--date", day, "--agent", "AG01", "--format", "csv"])
        try run(["sheet", "--date", day, "--agent", "AG02", "-o", "AG02.html"])
        try run(["sync", "export", "--date", day, "--agent", "AG01"])
        try run(["sync", "export", "--date", day, "--agent", "NOBODY"])
        try run(["sync", "simulate", "--date", day, "-o", "field", "--seed", "5"])
        try run(["sync", "simulate", "--date", day, "-o", "morning", "--seed", "5", "--until", "11:00"])
        try run(["export"])
        for sub in ["sheets", "field", "morning"] { transcript += try files(folder + "/" + sub) }
        transcript.append(masked(try String(contentsOfFile: folder + "/AG02.html", encoding: .utf8)))
        return transcript
    }

    static func inFolder(_ body: (String) throws -> [String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fieldplan-pg-plan-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try body(folder)
    }

    @Test("zones, plans, sheets, packets and a simulated day print and write the same on both engines", arguments: StoreEngine.postgresOnly)
    func sameOutput(_ engine: StoreEngine) async throws {
        let (sqlite, postgres) = try await onPlainThread {
            let sqlite = try Self.inFolder { folder in try Self.session(db: folder + "/fieldplan.db", folder: folder) }
            let database = try ScratchDatabase.make()
            defer { try? database.drop() }
            let postgres = try Self.inFolder { folder in try Self.session(db: database.url.text, folder: folder) }
            return (sqlite, postgres)
        }
        #expect(postgres.count == sqlite.count)
        for (p, s) in zip(postgres, sqlite) { #expect(p == s) }
        // Every command succeeds but those meant to be refused (an unknown zone, agent or version).
        let commands = sqlite.filter { $0.hasPrefix("$ ") }
        for line in commands {
            let refused = ["NOBODY", "Z99", "--version 4"].contains { line.prefix { $0 != "\n" }.contains($0) }
            #expect(line.prefix { $0 != "\n" }.hasSuffix(refused ? "→ 1" : "→ 0"), "\(line.prefix(300))")
        }
        #expect(commands.count == 28)
        #expect(!postgres.contains { $0.contains("not available on a PostgreSQL store") })
    }
}
