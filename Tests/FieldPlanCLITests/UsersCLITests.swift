import Foundation
import Testing

/// `fieldplan users add/list/revoke` (SPEC §8): the token is printed once and never kept.
struct UsersCLITests {
    static func withAgents() throws -> CLIHarness {
        let cli = CLIHarness()
        let imported = try cli.run(["import", CLIHarness.repository + "/data/agents.csv"])
        precondition(imported.status == 0, imported.stderr)
        return cli
    }

    @Test func addPrintsTheTokenOnceAndTheStoreKeepsOnlyItsHash() throws {
        let cli = try Self.withAgents()
        defer { cli.cleanUp() }
        let added = try cli.run(["users", "add", "boss", "--role", "supervisor"])
        #expect(added.status == 0, "\(added.stderr)")
        let token = added.stdout.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("fpt_") && token.count == 47, "\(token)")
        #expect(added.stderr.contains("shown only now"))
        let agent = try cli.run(["users", "add", "wanjiru", "--role", "agent", "--agent", "AG01"])
        #expect(agent.status == 0, "\(agent.stderr)")
        #expect(agent.stdout != added.stdout)

        let list = try cli.run(["users", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("boss") && list.stdout.contains("wanjiru") && list.stdout.contains("AG01"))
        let json = try cli.run(["users", "list", "--format", "json"])
        for output in [list.stdout, json.stdout] {
            #expect(!output.contains("fpt_"))
            #expect(!output.contains(String(token.dropFirst(4).prefix(12))))
        }
        let lines = json.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""role":"supervisor""#) == true)
        // The store file holds no token text, whatever page it would be on.
        for name in ["fieldplan.db", "fieldplan.db-wal"] {
            let bytes = FileManager.default.contents(atPath: cli.folder + "/" + name) ?? Data()
            #expect(bytes.range(of: Data(token.utf8)) == nil, "\(name) holds the token")
        }
    }

    @Test(arguments: [
        (["users", "add", "g", "--role", "agent", "--agent", "AG99"], "fieldplan: agent \"AG99\": no such agent (fieldplan agents list)\n"),
        (["users", "add", "g", "--role", "agent"], "fieldplan: user \"g\": an agent user needs --agent AGENT_ID\n"),
        (["users", "add", "two words", "--role", "supervisor"], "fieldplan: user \"two words\": a name is 1 to 64 letters, digits, '.', '_', '-' or '@'\n"),
        (["users", "revoke", "nobody"], "fieldplan: user \"nobody\": no such user (fieldplan users list)\n"),
    ])
    func refusalsAreOneLineAndExit1(arguments: [String], message: String) throws {
        let cli = try Self.withAgents()
        defer { cli.cleanUp() }
        let result = try cli.run(arguments)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }

    @Test func revokeMarksTheUserAndTwiceIsAnError() throws {
        let cli = try Self.withAgents()
        defer { cli.cleanUp() }
        #expect(try cli.run(["users", "add", "boss", "--role", "supervisor"]).status == 0)
        let revoked = try cli.run(["users", "revoke", "boss"])
        #expect(revoked.status == 0)
        #expect(revoked.stdout == "revoked boss\n")
        let json = try cli.run(["users", "list", "--format", "json"]).stdout
        #expect(json.contains(#""revoked_at":"#))
        let again = try cli.run(["users", "revoke", "boss"])
        #expect(again.status == 1)
        #expect(again.stderr == "fieldplan: user \"boss\": already revoked\n")
    }

    @Test func anAddedDuplicateNameIsRefused() throws {
        let cli = try Self.withAgents()
        defer { cli.cleanUp() }
        #expect(try cli.run(["users", "add", "boss", "--role", "supervisor"]).status == 0)
        let again = try cli.run(["users", "add", "boss", "--role", "supervisor"])
        #expect(again.status == 1)
        #expect(again.stderr == "fieldplan: user \"boss\": the name is taken (fieldplan users list)\n")
    }
}
